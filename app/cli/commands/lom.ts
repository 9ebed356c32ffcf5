import { readFile } from "node:fs/promises";
import { basename } from "node:path";
import { parseArgs } from "node:util";
import type { LangString } from "../../modules/i18n/lang-string";
import { competencesFromLom } from "../../modules/standards/lom/digcomp";
import { toIeeeLomXml } from "../../modules/standards/lom/ieee-xml";
import type { LomRecord } from "../../modules/standards/lom/model";
import { parseLomDocument } from "../../modules/standards/lom/read";
import { formatProblem } from "../../modules/standards/report";
import { XmlError } from "../../modules/standards/xml";
import { CliUsageError, type CliCommand } from "../command";

const usage = `Usage: lom <xml-file> [--json | --ieee]

Reads a LOM record in any binding (IEEE LOM 1.0, IMS MD 1.2, SCORM 1.2, Common Cartridge,
MIT OCW) and prints it normalized. With several records in the file (an OAI-PMH response),
prints the first.

  --json   the normalized record as JSON; every text is { "<language>": "text" }
  --ieee   the record as IEEE LOM v1.0 XML`;

export const lomCommand: CliCommand = {
  name: "lom",
  summary: "Print a LOM metadata record normalized (JSON) or as IEEE LOM XML",
  usage,
  async run(args, io) {
    let parsed;
    try {
      parsed = parseArgs({
        args,
        allowPositionals: true,
        options: { json: { type: "boolean", default: false }, ieee: { type: "boolean", default: false } },
      });
    } catch (error) {
      throw new CliUsageError(`${(error as Error).message}\n\n${usage}`);
    }
    if (parsed.positionals.length !== 1 || (parsed.values.json && parsed.values.ieee)) throw new CliUsageError(usage);
    const path = parsed.positionals[0];
    const file = basename(path);
    let text: string;
    try {
      text = await readFile(path, "utf8");
    } catch {
      io.stderr(`${file} does not exist or cannot be read\n`);
      return 2;
    }
    let document;
    try {
      document = parseLomDocument(text, file);
    } catch (error) {
      if (!(error instanceof XmlError)) throw error;
      io.stderr(`error ${error.code}: ${file}${error.line ? `:${error.line}` : ""}: ${error.message}\n`);
      return 2;
    }
    for (const problem of document.problems.problems) io.stderr(`${formatProblem(problem)}\n`);
    const record = document.records[0];
    if (!record) return 2;
    if (parsed.values.ieee) io.stdout(toIeeeLomXml(record));
    else if (parsed.values.json) io.stdout(`${JSON.stringify(lomJson(record), null, 2)}\n`);
    else io.stdout(readable(record));
    return 0;
  },
};

/**
 * The JSON printed by `lom --json`: the fields people look for first (title, description,
 * language, keywords, classification, DigComp competences), then the whole record.
 */
export function lomJson(record: LomRecord) {
  return {
    title: record.general.title,
    description: mergeLangStrings(record.general.descriptions),
    language: record.general.languages,
    keywords: record.general.keywords,
    classification: record.classifications,
    competences: competencesFromLom(record),
    record,
  };
}

function mergeLangStrings(values: LangString[]): LangString | null {
  if (values.length === 0) return null;
  const merged: LangString = {};
  for (const value of values) {
    for (const [language, text] of Object.entries(value)) merged[language] = merged[language] ? `${merged[language]}\n\n${text}` : text;
  }
  return merged;
}

function readable(record: LomRecord): string {
  const text = (value: LangString | null) =>
    value ? Object.entries(value).map(([language, body]) => `[${language}] ${body}`).join(" ") : "-";
  const lines = [
    `title:       ${text(record.general.title)}`,
    `description: ${text(mergeLangStrings(record.general.descriptions))}`,
    `language:    ${record.general.languages.join(", ") || "-"}`,
    `keywords:    ${record.general.keywords.map((keyword) => text(keyword)).join("; ") || "-"}`,
    `authors:     ${record.lifeCycle.contributes.flatMap((contribute) => contribute.entities.map((entity) => entity.fn ?? "?")).join("; ") || "-"}`,
    `competences: ${competencesFromLom(record).map((c) => `${c.framework} ${c.code}${c.level ? ` level ${c.level}` : ""}`).join(", ") || "-"}`,
  ];
  return `${lines.join("\n")}\n`;
}
