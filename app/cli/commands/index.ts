import type { CliCommand } from "../command";
import { createUser } from "./create-user";
import { frameworkCommand } from "./framework";
import { importCommand } from "./import";
import { lomCommand } from "./lom";
import { validateCommand } from "./validate";
import { vademecumCommand } from "./vademecum";

/** Every command of the CLI, in the order `--help` lists them. */
export const commands: CliCommand[] = [validateCommand, importCommand, lomCommand, vademecumCommand, frameworkCommand, createUser];
