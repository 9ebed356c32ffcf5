import { parseArgs } from "node:util";
import { importPackage } from "../../modules/packages/import.server";
import { env } from "../../utils/env.server";
import { CliUsageError, type CliCommand } from "../command";
import { withDatabase } from "../database";
import { readable, toJson } from "./validate";

const usage = `Usage: import <zip|folder|xml-file> [--json]

Validates a package like \`validate\`, then imports it: the files go to the content store
(CONTENT_DIR), the course, its LOM library entry, competences, vademecum entries and assessment
items to the database (DATABASE_URL), all or nothing. Importing an identifier again creates the
next version of the course.
Exit code: 0 imported, 2 invalid (nothing stored), 1 internal failure.

  --json   print { ok, kind, identifier, title, errors, warnings, summary, courseId, version }`;

export const importCommand: CliCommand = {
  name: "import",
  summary: "Import a content package, SCORM package, unit of learning or LOM file",
  usage,
  async run(args, io) {
    let parsed;
    try {
      parsed = parseArgs({ args, allowPositionals: true, options: { json: { type: "boolean", default: false } } });
    } catch (error) {
      throw new CliUsageError((error as Error).message);
    }
    if (parsed.positionals.length !== 1) throw new CliUsageError("Name one package to import.");
    const path = parsed.positionals[0];
    return withDatabase(async (db) => {
      const outcome = await importPackage(db, path, { contentDir: env().CONTENT_DIR });
      const imported = outcome.ok ? { courseId: outcome.courseId, version: outcome.version } : {};
      if (parsed.values.json) {
        io.stdout(`${JSON.stringify({ ...toJson(outcome.validation), ...imported }, null, 2)}\n`);
      } else {
        io.stdout(readable(outcome.validation));
        if (outcome.ok) io.stdout(`Imported as course ${outcome.courseId}, version ${outcome.version}.`);
        else io.stdout("Nothing was imported.");
      }
      return outcome.ok ? 0 : 2;
    });
  },
};
