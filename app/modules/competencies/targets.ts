import { z } from "zod";

/** Form field of the learner's own target for a competence. */
export const targetField = (code: string) => `target-${code}`;

/**
 * The targets form: for each competence a level from 0 ("no target of my own") to the
 * framework's highest. Returns the levels by competence code.
 */
export function targetsFormSchema(codes: readonly string[], maxLevel: number) {
  const level = z.coerce
    .number({ error: "competences.targets.errors.level" })
    .int("competences.targets.errors.level")
    .min(0, "competences.targets.errors.level")
    .max(maxLevel, "competences.targets.errors.level");
  return z
    .object(Object.fromEntries(codes.map((code) => [targetField(code), level.optional()])))
    .transform((form) => {
      const levels: Record<string, number> = {};
      for (const code of codes) {
        const value = form[targetField(code)];
        if (value !== undefined) levels[code] = value;
      }
      return levels;
    });
}
