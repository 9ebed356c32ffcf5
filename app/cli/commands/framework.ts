import fs from "node:fs/promises";
import { parseArgs } from "node:util";
import { importFrameworkFile } from "../../modules/competencies/framework-admin.server";
import { CliUsageError, type CliCommand } from "../command";
import { withDatabase } from "../database";

const usage = `Usage: framework import <file.json>

Checks a competence framework file (the framework JSON described in docs/frameworks.md, or an
IMS CASE 1.0 package as JSON) and stores it beside the frameworks already there; importing a
stored name and version again brings it up to date.
Exit code: 0 imported, 2 invalid (each problem with its JSON path; nothing stored), 1 internal failure.`;

export const frameworkCommand: CliCommand = {
  name: "framework",
  summary: "Import a competence framework (framework JSON or IMS CASE)",
  usage,
  async run(args, io) {
    let parsed;
    try {
      parsed = parseArgs({ args, allowPositionals: true, options: {} });
    } catch (error) {
      throw new CliUsageError(`${(error as Error).message}\n\n${usage}`);
    }
    const [subcommand, file, ...rest] = parsed.positionals;
    if (subcommand !== "import" || !file || rest.length > 0) throw new CliUsageError(usage);
    let text: string;
    try {
      text = await fs.readFile(file, "utf8");
    } catch (error) {
      throw new CliUsageError(`Cannot read ${file}: ${(error as Error).message}`);
    }
    return withDatabase(async (db) => {
      const outcome = await importFrameworkFile(db, text);
      if (!outcome.ok) {
        io.stderr(`${file}: INVALID, ${outcome.errors.length} error(s), nothing stored\n`);
        for (const issue of outcome.errors) io.stderr(`  ${issue.path}  ${issue.message}\n`);
        return 2;
      }
      const { framework, warnings } = outcome;
      io.stdout(
        `Imported ${framework.key} (${outcome.kind === "case" ? "IMS CASE" : "framework JSON"}): ${framework.areas.length} area(s), ${framework.competences.length} competence(s), ${framework.levels.length} level(s).\n`,
      );
      for (const issue of warnings) io.stdout(`  warning ${issue.path}  ${issue.message}\n`);
      return 0;
    });
  },
};
