import fs from "node:fs";
import path from "node:path";
import { digComp22 } from "../digcomp";
import { parseSelfAssessmentBank, type SelfAssessmentBank } from "./bank";

// One file per language: adding digcomp-2.2.<lang>.json adds the language. Read from the
// source folder at run time (like app/locales), so the app, the CLI and the seed share them.
const BANK_DIR = path.resolve("app", "modules", "competencies", "self-assessment");

let digComp22Bank: SelfAssessmentBank | undefined;

/** The DigComp 2.2 self-assessment in every language it has a file for (parsed once). */
export function digComp22SelfAssessment(): SelfAssessmentBank {
  if (!digComp22Bank) {
    const named = fs
      .readdirSync(BANK_DIR)
      .filter((name) => /^digcomp-2\.2\.[a-zA-Z-]+\.json$/.test(name))
      .sort((a, b) => (a.endsWith(".en.json") ? -1 : b.endsWith(".en.json") ? 1 : a.localeCompare(b)))
      .map((name) => ({ name, data: JSON.parse(fs.readFileSync(path.join(BANK_DIR, name), "utf8")) as unknown }));
    const result = parseSelfAssessmentBank(named, digComp22());
    if (!result.ok) {
      const first = result.errors[0];
      throw new Error(`The bundled self-assessment ${first.file ?? ""} is invalid at ${first.path}: ${first.message}`);
    }
    digComp22Bank = result.value;
  }
  return digComp22Bank;
}
