import { describe, expect, it } from "vitest";
import { reminderKey, reminderKind } from "./reminders";

const due = new Date("2026-03-20T17:00:00Z");
const before = (hours: number) => new Date(due.getTime() - hours * 3_600_000);

describe("reminders", () => {
  it("reminds a week before, a day before and after the due date", () => {
    expect(reminderKind(due, before(24 * 8))).toBeNull();
    expect(reminderKind(due, before(24 * 7))).toBe("due-in-7-days");
    expect(reminderKind(due, before(25))).toBe("due-in-7-days");
    expect(reminderKind(due, before(24))).toBe("due-in-1-day");
    expect(reminderKind(due, before(0))).toBe("due-in-1-day");
    expect(reminderKind(due, before(-1))).toBe("overdue");
  });

  it("keys each reminder by assignment, learner, kind, due date and manager", () => {
    const key = reminderKey({ assignmentId: "a", learnerId: "u", kind: "overdue", dueAt: due });
    expect(key).toBe("reminder:a:u:overdue:2026-03-20T17:00:00.000Z");
    expect(reminderKey({ assignmentId: "a", learnerId: "u", kind: "overdue", dueAt: due, managerId: "m" })).not.toBe(key);
    expect(reminderKey({ assignmentId: "a", learnerId: "u", kind: "overdue", dueAt: before(1) })).not.toBe(key);
  });
});
