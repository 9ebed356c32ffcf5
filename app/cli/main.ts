/**
 * The command line of Vademecum: `npm run -s cli -- <command> [options]`.
 * It uses the same modules and database (DATABASE_URL) as the app.
 */
import { CliUsageError, type CliIo } from "./command";
import { commands } from "./commands";

const io: CliIo = {
  stdout: (text) => process.stdout.write(text.endsWith("\n") ? text : `${text}\n`),
  stderr: (text) => process.stderr.write(text.endsWith("\n") ? text : `${text}\n`),
};

function help(): string {
  const width = Math.max(...commands.map((command) => command.name.length));
  return [
    "Usage: npm run -s cli -- <command> [options]",
    "",
    "Commands:",
    ...commands.map((command) => `  ${command.name.padEnd(width)}  ${command.summary}`),
    "",
    "Run `npm run -s cli -- <command> --help` for a command's options.",
    "Exit codes: 0 done, 2 invalid input, 1 internal failure.",
  ].join("\n");
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  if (!name || name === "--help" || name === "-h" || name === "help") {
    io.stdout(help());
    return name ? 0 : 2;
  }
  const command = commands.find((candidate) => candidate.name === name);
  if (!command) {
    io.stderr(`Unknown command "${name}".\n\n${help()}`);
    return 2;
  }
  if (args.includes("--help") || args.includes("-h")) {
    io.stdout(command.usage);
    return 0;
  }
  try {
    return await command.run(args, io);
  } catch (error) {
    // Options node:util's parseArgs refuses (unknown, misplaced) are the user's to fix, like ours.
    const refusedArguments = String((error as { code?: unknown }).code ?? "").startsWith("ERR_PARSE_ARGS_");
    if (error instanceof CliUsageError || refusedArguments) {
      io.stderr(`${(error as Error).message}\n\n${command.usage}`);
      return 2;
    }
    io.stderr(`Internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    return 1;
  }
}

process.exitCode = await main(process.argv.slice(2));
