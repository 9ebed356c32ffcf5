/**
 * A command of `npm run -s cli -- <command>`. Each command lives in app/cli/commands/ and is
 * listed in app/cli/commands/index.ts.
 *
 * Exit codes: 0 success, 2 invalid input (with a message that says what and where),
 * 1 internal failure.
 */
export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

export interface CliCommand {
  name: string;
  /** One line for `--help`. */
  summary: string;
  /** Usage text shown by `<command> --help` and on wrong arguments. */
  usage: string;
  run: (args: string[], io: CliIo) => Promise<number>;
}

/** Thrown by commands for bad input: printed to stderr, exit code 2. */
export class CliUsageError extends Error {
  readonly exitCode = 2;
}
