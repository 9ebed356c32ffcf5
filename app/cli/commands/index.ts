import type { CliCommand } from "../command";
import { createUser } from "./create-user";
import { frameworkCommand } from "./framework";
import { importCommand } from "./import";
import { lomCommand } from "./lom";
import { mailCommand } from "./mail";
import { remindersCommand } from "./reminders";
import { uploadsCommand } from "./uploads";
import { validateCommand } from "./validate";
import { vademecumCommand } from "./vademecum";

/** Every command of the CLI, in the order `--help` lists them. */
export const commands: CliCommand[] = [validateCommand, importCommand, lomCommand, createUser, vademecumCommand, frameworkCommand, remindersCommand, mailCommand, uploadsCommand];
