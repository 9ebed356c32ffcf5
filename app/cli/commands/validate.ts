import { parseArgs } from "node:util";
import { validatePath, type ValidationResult } from "../../modules/packages/validate.server";
import { formatProblem } from "../../modules/standards/report";
import { CliUsageError, type CliCommand } from "../command";

const usage = `Usage: validate <zip|folder|xml-file> [--json]

Checks an IMS content package, SCORM 1.2/2004 package, Common Cartridge, IMS LD unit of
learning (zip or folder) or a LOM metadata file, and reports what is wrong and where.
Exit code: 0 valid, 2 invalid, 1 internal failure.

  --json   print one JSON object { ok, kind, identifier, title, errors, warnings, summary }`;

export const validateCommand: CliCommand = {
  name: "validate",
  summary: "Validate a content package, SCORM package or LOM file",
  usage,
  async run(args, io) {
    let parsed;
    try {
      parsed = parseArgs({ args, allowPositionals: true, options: { json: { type: "boolean", default: false } } });
    } catch (error) {
      throw new CliUsageError(`${(error as Error).message}\n\n${usage}`);
    }
    if (parsed.positionals.length !== 1) throw new CliUsageError(usage);
    const result = await validatePath(parsed.positionals[0]);
    if (parsed.values.json) io.stdout(`${JSON.stringify(toJson(result), null, 2)}\n`);
    else io.stdout(readable(result));
    return result.ok ? 0 : 2;
  },
};

export function toJson(result: ValidationResult) {
  const problem = ({ code, message, file, line }: ValidationResult["errors"][number]) => ({ code, message, file, line });
  return {
    ok: result.ok,
    kind: result.kind,
    identifier: result.identifier,
    title: result.title,
    errors: result.errors.map(problem),
    warnings: result.warnings.map(problem),
    summary: result.summary,
  };
}

export function readable(result: ValidationResult): string {
  const lines = [
    `${result.ok ? "valid" : "INVALID"} ${result.kind}${result.identifier ? ` ${result.identifier}` : ""}${result.title ? ` — ${result.title}` : ""}`,
  ];
  const summary = result.summary;
  if (summary) {
    lines.push(
      `${summary.organizations} organization(s), ${summary.items} item(s), ${summary.resources} resource(s), ${summary.scos} SCO(s), ${summary.metadata} metadata record(s)${summary.scormEdition ? `, SCORM 2004 ${summary.scormEdition} edition` : ""}${summary.isResourcePackage ? ", resource package" : ""}`,
    );
  }
  lines.push(`${result.errors.length} error(s), ${result.warnings.length} warning(s)`);
  for (const problem of [...result.errors, ...result.warnings]) lines.push(`  ${formatProblem(problem)}`);
  return `${lines.join("\n")}\n`;
}
