import { describe, expect, it } from "vitest";
import type { DeliveredNotification } from "./learning-design/state";
import { inboxMessages, LD_NOTIFICATION_KIND, readLdMessageBody } from "./notifications";

const notification: DeliveredNotification = {
  id: "notification-1",
  at: "2026-03-01T09:00:00.000Z",
  subject: "Please review the plan",
  recipients: [
    { userId: "tom", roleRef: "R-tutor" },
    { userId: "tom", roleRef: "R-head" },
    { userId: "eva", roleRef: "R-tutor" },
  ],
  roleRefs: ["R-tutor", "R-head"],
  activity: { kind: "support-activity", ref: "SA-review" },
  emailPropertyRefs: [],
  trigger: { kind: "learning-activity", identifier: "LA-plan", userId: "ana" },
};
const course = { id: "c1", title: "Collaboration" };

describe("inbox messages for LD notifications", () => {
  it("gives each recipient one message with a key made of run, notification and recipient", () => {
    const messages = inboxMessages("run1", [notification], course);
    expect(messages.map((message) => [message.userId, message.dedupeKey])).toEqual([
      ["tom", "ld:run1:notification-1:tom"],
      ["eva", "ld:run1:notification-1:eva"],
    ]);
    expect(readLdMessageBody(LD_NOTIFICATION_KIND, messages[0].body)).toEqual({ courseId: "c1", courseTitle: "Collaboration", activityRef: "SA-review" });
  });

  it("delivers earlier notifications to someone who joins a role later, with the same key", () => {
    expect(inboxMessages("run1", [notification], course, { only: { userId: "max", roles: ["R-tutor"] } })).toMatchObject([
      { userId: "max", dedupeKey: "ld:run1:notification-1:max" },
    ]);
    expect(inboxMessages("run1", [notification], course, { only: { userId: "max", roles: ["R-learner"] } })).toEqual([]);
  });

  it("reads only its own kind of message body", () => {
    expect(readLdMessageBody("reminder", "{}")).toBeNull();
    expect(readLdMessageBody(LD_NOTIFICATION_KIND, "not json")).toBeNull();
  });
});
