import { parseArgs } from "node:util";
import { z } from "zod";
import { signUp } from "../../modules/auth/accounts.server";
import { PASSWORD_MIN_LENGTH } from "../../modules/auth/forms";
import { CliUsageError, type CliCommand } from "../command";
import { withDatabase } from "../database";

const usage = `Usage: npm run -s cli -- create-user --email <address> --name <name> [--admin] < password-file

Creates an account. The password is read from standard input (so it stays out of the shell
history), at least ${PASSWORD_MIN_LENGTH} characters. --admin makes the account a platform
administrator: use it to create the first administrator of a production installation.`;

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8").replace(/\r?\n$/, "");
}

export const createUser: CliCommand = {
  name: "create-user",
  summary: "Create an account (optionally a platform administrator)",
  usage,
  async run(args, io) {
    const { values } = parseArgs({
      args,
      options: { email: { type: "string" }, name: { type: "string" }, admin: { type: "boolean", default: false } },
      strict: true,
    });
    const email = z.email().safeParse(values.email?.trim().toLowerCase());
    if (!email.success) throw new CliUsageError("--email must be an e-mail address.");
    const name = values.name?.trim();
    if (!name) throw new CliUsageError("--name is required.");
    const password = await readStdin();
    if (password.length < PASSWORD_MIN_LENGTH) {
      throw new CliUsageError(`The password on standard input must have at least ${PASSWORD_MIN_LENGTH} characters.`);
    }
    return withDatabase(async (db) => {
      const result = await signUp(db, { email: email.data, name, password });
      if (!result.ok) {
        io.stderr(`An account with the e-mail address ${email.data} already exists.`);
        return 2;
      }
      if (values.admin) await db.user.update({ where: { id: result.userId }, data: { isAdmin: true } });
      io.stdout(`Created ${values.admin ? "administrator" : "account"} ${email.data}.`);
      return 0;
    });
  },
};
