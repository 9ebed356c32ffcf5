import { parseArgs } from "node:util";
import { runReminders } from "../../modules/organisations/reminders.server";
import { env } from "../../utils/env.server";
import type { CliCommand } from "../command";
import { withDatabase } from "../database";

const usage = `Usage: npm run -s cli -- reminders

Reminds learners of unfinished assignments due in 7 days or 1 day, and tells learners and
their managers about overdue ones: in-app notifications and e-mails in the outbox. Running it
again sends nothing twice. The server runs it every hour by itself; use this from cron when
the server runs several instances, or to run it now. Send the e-mail with \`mail send\`.`;

export const remindersCommand: CliCommand = {
  name: "reminders",
  summary: "Send due and overdue reminders for assignments",
  usage,
  async run(args, io) {
    parseArgs({ args, options: {}, strict: true });
    return withDatabase(async (db) => {
      const report = await runReminders(db, new Date(), { baseUrl: env().PUBLIC_URL });
      io.stdout(`Reminders: ${report.notifications} notifications, ${report.emails} e-mails queued.`);
      return 0;
    });
  },
};
