import { writeFile } from "node:fs/promises";
import { parseArgs } from "node:util";
import { calendarDate, utcDate, VADEMECUM_FORMATS, type VademecumFormat } from "../../modules/vademecum/options";
import {
  isEmptyVademecum,
  learnerVademecum,
  organisationVademecum,
  renderVademecum,
} from "../../modules/vademecum/vademecum.server";
import { entryCount } from "../../modules/vademecum/view";
import { CliUsageError, type CliCommand } from "../command";
import { withDatabase } from "../database";

const usage = `Usage: vademecum (--user <email> | --org <slug>) --format html|pdf|epub --out <file>
                 [--date YYYY-MM-DD] [--include-in-progress] [--lang <tag>]

Compiles a vademecum from the database (DATABASE_URL) and writes it to a file: a learner's own,
from the modules they completed, or an organisation's, from every module it assigned.
The same data and date always give the same bytes.
Exit code: 0 written, 2 unknown user or organisation, empty vademecum or wrong options.

  --user <email>           the learner
  --org <slug>             the organisation
  --format <format>        html, pdf or epub
  --out <file>             where to write it
  --date <YYYY-MM-DD>      the date printed on it (default: today, UTC)
  --include-in-progress    also the learner's modules in progress, marked as such
  --lang <tag>             the language to compile in (default: the learner's, else en)`;

function isFormat(value: string | undefined): value is VademecumFormat {
  return (VADEMECUM_FORMATS as readonly string[]).includes(value ?? "");
}

export const vademecumCommand: CliCommand = {
  name: "vademecum",
  summary: "Compile a learner's or an organisation's vademecum as HTML, PDF or EPUB",
  usage,
  async run(args, io) {
    let values;
    try {
      ({ values } = parseArgs({
        args,
        options: {
          user: { type: "string" },
          org: { type: "string" },
          format: { type: "string" },
          out: { type: "string" },
          date: { type: "string" },
          "include-in-progress": { type: "boolean", default: false },
          lang: { type: "string" },
        },
      }));
    } catch (error) {
      throw new CliUsageError((error as Error).message);
    }
    if (Boolean(values.user) === Boolean(values.org)) throw new CliUsageError("Name either --user or --org.");
    if (!isFormat(values.format)) throw new CliUsageError("--format must be html, pdf or epub.");
    if (!values.out) throw new CliUsageError("Name the file to write with --out.");
    if (values.date !== undefined && !calendarDate.safeParse(values.date).success) {
      throw new CliUsageError(`--date must be a date written YYYY-MM-DD, got "${values.date}".`);
    }
    const format = values.format;
    const out = values.out;
    const choice = { date: values.date ?? utcDate(new Date()), includeInProgress: values["include-in-progress"] };

    return withDatabase(async (db) => {
      let doc;
      if (values.user) {
        const email = values.user.trim().toLowerCase();
        const user = await db.user.findUnique({ where: { email }, select: { id: true, locale: true } });
        if (!user) {
          io.stderr(`There is no user with the e-mail address ${email}.`);
          return 2;
        }
        doc = await learnerVademecum(db, user.id, choice, [values.lang ?? user.locale ?? "en"]);
      } else {
        const slug = values.org!.trim();
        const organisation = await db.organisation.findUnique({ where: { slug }, select: { id: true } });
        if (!organisation) {
          io.stderr(`There is no organisation with the slug ${slug}.`);
          return 2;
        }
        doc = await organisationVademecum(db, organisation.id, choice, [values.lang ?? "en"]);
      }
      if (!doc || isEmptyVademecum(doc)) {
        io.stderr(
          values.user
            ? `The vademecum of ${values.user} is empty: they have not completed any module${choice.includeInProgress ? " or started one" : ""}.`
            : `The vademecum of ${values.org} is empty: the organisation has not assigned any module.`,
        );
        return 2;
      }
      const file = await renderVademecum(doc, format);
      await writeFile(out, file);
      const entries = entryCount(doc);
      const modules = doc.modules.length;
      io.stdout(
        `Wrote ${out}: ${entries} ${entries === 1 ? "entry" : "entries"} from ${modules} ${modules === 1 ? "module" : "modules"}, ${file.length} bytes.`,
      );
      return 0;
    });
  },
};
