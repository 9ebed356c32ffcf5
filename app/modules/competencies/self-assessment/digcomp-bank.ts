import { digComp22 } from "../digcomp";
import { parseSelfAssessmentBank, type SelfAssessmentBank } from "./bank";

// One file per language: adding digcomp-2.2.<lang>.json adds the language.
const files = import.meta.glob<unknown>("./digcomp-2.2.*.json", { eager: true, import: "default" });

let digComp22Bank: SelfAssessmentBank | undefined;

/** The DigComp 2.2 self-assessment in every language it has a file for (parsed once). */
export function digComp22SelfAssessment(): SelfAssessmentBank {
  if (!digComp22Bank) {
    const named = Object.entries(files)
      .sort(([a], [b]) => (a.endsWith(".en.json") ? -1 : b.endsWith(".en.json") ? 1 : a.localeCompare(b)))
      .map(([name, data]) => ({ name: name.replace(/^\.\//, ""), data }));
    const result = parseSelfAssessmentBank(named, digComp22());
    if (!result.ok) {
      const first = result.errors[0];
      throw new Error(`The bundled self-assessment ${first.file ?? ""} is invalid at ${first.path}: ${first.message}`);
    }
    digComp22Bank = result.value;
  }
  return digComp22Bank;
}
