import { parseArgs } from "node:util";
import { sendOutbox, smtpTransport } from "../../modules/mail/outbox.server";
import { CliUsageError, type CliCommand } from "../command";
import { withDatabase } from "../database";

const usage = `Usage: npm run -s cli -- mail send

Sends the e-mail waiting in the outbox once, through the server in SMTP_URL (for example
smtps://user:password@mail.example.org). Failed messages are retried on later runs with a
growing wait; a message is never sent twice.`;

export const mailCommand: CliCommand = {
  name: "mail",
  summary: "Send the e-mail outbox (mail send)",
  usage,
  async run(args, io) {
    const { positionals } = parseArgs({ args, options: {}, strict: true, allowPositionals: true });
    if (positionals.length !== 1 || positionals[0] !== "send") throw new CliUsageError("Say what to do: `mail send`.");
    const transport = smtpTransport();
    if (!transport) {
      io.stderr("SMTP_URL is not set: the e-mail stays in the outbox, which admins see at /admin/outbox.");
      return 2;
    }
    return withDatabase(async (db) => {
      const report = await sendOutbox(db, transport, new Date());
      io.stdout(`Mail: ${report.sent} sent, ${report.failed} failed.`);
      return report.failed > 0 ? 1 : 0;
    });
  },
};
