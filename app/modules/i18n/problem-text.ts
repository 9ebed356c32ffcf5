import type { TFunction } from "i18next";
import type { Problem } from "../standards/report";

/**
 * A validation problem in the reader's language: the sentence for its code in problems.json,
 * filled with its params. A code without a sentence, and a problem stored before problems had
 * params (old import reports, package warnings), keep their English message.
 */
export function problemText(t: TFunction, problem: Pick<Problem, "code" | "message" | "params">): string {
  if (!problem.params) return problem.message;
  return t(`problems.${problem.code}`, { ...problem.params, defaultValue: problem.message });
}
