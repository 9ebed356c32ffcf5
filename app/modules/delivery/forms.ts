import { z } from "zod";
import type { FieldErrors } from "../../utils/forms";

/** The property form of an activity page: which properties it sets (p:<ref> fields), and for whom. */
const PropertyFormSchema = z.object({
  fields: z
    .string()
    .trim()
    .min(1)
    .max(2000)
    .transform((value) => value.split(/\s+/)),
  subject: z.string().trim().max(100).optional(),
});

export type PropertyForm =
  | { ok: true; values: { propertyRef: string; value: string }[]; subjectId: string | null }
  | { ok: false; fieldErrors: FieldErrors };

/**
 * Reads the form. A checkbox left unticked sends nothing and means false; an empty answer is
 * refused, because setting a property is what completes many activities.
 */
export function parsePropertyForm(formData: FormData, booleans: ReadonlySet<string>): PropertyForm {
  const parsed = PropertyFormSchema.safeParse({
    fields: formData.get("fields") ?? undefined,
    subject: formData.get("subject") ?? undefined,
  });
  if (!parsed.success) return { ok: false, fieldErrors: { form: ["delivery.errors.form"] } };
  const fieldErrors: FieldErrors = {};
  const values: { propertyRef: string; value: string }[] = [];
  for (const propertyRef of parsed.data.fields) {
    const raw = formData.get(`p:${propertyRef}`);
    const value = typeof raw === "string" ? raw.trim() : booleans.has(propertyRef) ? "false" : "";
    if (value === "") fieldErrors[propertyRef] = ["delivery.errors.required"];
    else if (value.length > 20_000) fieldErrors[propertyRef] = ["delivery.errors.tooLong"];
    else values.push({ propertyRef, value });
  }
  if (Object.keys(fieldErrors).length > 0) return { ok: false, fieldErrors };
  return { ok: true, values, subjectId: parsed.data.subject || null };
}
