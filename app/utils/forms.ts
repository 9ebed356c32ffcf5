import type { z } from "zod";

/**
 * Form parsing shared by client and server. Schemas carry translation keys as their messages
 * ("errors.email.invalid"), so the page shows each field's error in the user's language.
 */
export type FieldErrors = Record<string, string[]>;

export type FormResult<T> =
  | { ok: true; data: T }
  | { ok: false; fieldErrors: FieldErrors; values: Record<string, string> };

/** Field values as the user typed them, minus secrets, to put back into the form. */
export function formValues(formData: FormData, omit: readonly string[] = []): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [key, value] of formData.entries()) {
    if (typeof value === "string" && !omit.includes(key)) values[key] = value;
  }
  return values;
}

export function parseForm<Schema extends z.ZodType>(
  schema: Schema,
  formData: FormData,
  options: { secretFields?: readonly string[] } = {},
): FormResult<z.output<Schema>> {
  const raw = Object.fromEntries(
    [...formData.entries()].filter((entry): entry is [string, string] => typeof entry[1] === "string"),
  );
  const result = schema.safeParse(raw);
  if (result.success) return { ok: true, data: result.data };
  const fieldErrors: FieldErrors = {};
  for (const issue of result.error.issues) {
    const field = String(issue.path[0] ?? "form");
    (fieldErrors[field] ??= []).push(issue.message);
  }
  return { ok: false, fieldErrors, values: formValues(formData, options.secretFields ?? []) };
}
