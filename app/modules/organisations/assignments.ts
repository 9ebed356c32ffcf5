import { z } from "zod";

/**
 * The manager's assignment form, pure. "What" is a course id, or a course id and one of its
 * activities as "courseId/activityId"; "who" is "team:<id>" or "member:<membership id>". A due
 * date is a calendar day, stored as 12:00 UTC of that day so that it reads as the same day in
 * every European time zone.
 */
export function dueDateToInstant(day: string): Date {
  return new Date(`${day}T12:00:00.000Z`);
}

export function instantToDueDate(instant: Date): string {
  return instant.toISOString().slice(0, 10);
}

const day = z
  .string()
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "organisations.errors.dateInvalid")
  .refine((value) => !Number.isNaN(dueDateToInstant(value).getTime()), "organisations.errors.dateInvalid");

export const AssignmentSchema = z.object({
  what: z
    .string()
    .trim()
    .min(1, "organisations.errors.courseRequired")
    .max(300)
    .transform((value) => {
      const [courseId, nodeId] = value.split("/", 2);
      return { courseId, nodeId: nodeId || null };
    }),
  who: z
    .string()
    .trim()
    .regex(/^(team|member):[^:\s]{1,64}$/, "organisations.errors.whoRequired")
    .transform((value) => {
      const [kind, id] = value.split(":", 2) as ["team" | "member", string];
      return { kind, id };
    }),
  dueAt: day.transform(dueDateToInstant),
  reason: z.string().trim().max(300, "organisations.errors.tooLong").optional().default(""),
  mandatory: z
    .string()
    .optional()
    .transform((value) => value === "on"),
});

export type AssignmentInput = z.output<typeof AssignmentSchema>;

/** Finished means completed or passed, for a whole course and for a single activity alike. */
export function isDone(status: string | undefined): boolean {
  return status === "completed" || status === "passed";
}
