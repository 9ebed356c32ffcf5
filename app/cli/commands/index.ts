import type { CliCommand } from "../command";
import { createUser } from "./create-user";
import { frameworkCommand } from "./framework";
import { importCommand } from "./import";
import { lomCommand } from "./lom";
import { validateCommand } from "./validate";

/** Every command of the CLI, in the order `--help` lists them. */
export const commands: CliCommand[] = [validateCommand, importCommand, lomCommand, frameworkCommand, createUser];
