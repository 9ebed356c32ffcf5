import { describe, expect, it } from "vitest";
import { loadUnit } from "../../../../tests/fixtures/imsld/load";
import type { UnitOfLearning } from "../../standards/learning-design/model";
import { parseLearningDesign } from "../../standards/learning-design/parse";
import { parseXml } from "../../standards/xml";
import { assignRole, completeActivity, createRun, openActivity, setProperty, tick } from "./engine";
import { monitoredProperties } from "./monitor";
import { progressFor } from "./progress";
import { MAX_ROUNDS } from "./run";
import type { RunEvent, RunResult, RunState } from "./state";
import { activitiesFor, type ActivityNode, type LearnerView } from "./view";

const T0 = "2025-03-01T09:00:00.000Z";
const at = (minutes: number) => new Date(Date.parse(T0) + minutes * 60_000).toISOString();

function unit(name: string): UnitOfLearning {
  const { learningDesign, resolveResource } = loadUnit(name);
  const { design, problems } = parseLearningDesign(learningDesign, { file: "imsmanifest.xml", resolveResource });
  if (!design) throw new Error(problems.map((problem) => problem.message).join("\n"));
  return design;
}

function ok(result: RunResult): { state: RunState; events: RunEvent[] } {
  if (!result.ok) throw new Error(`${result.code}: ${result.message}`);
  return result;
}

/** identifier → status of every activity node in the view, flattened. */
function statuses(view: LearnerView): Record<string, string> {
  const result: Record<string, string> = {};
  const visit = (node: ActivityNode | null) => {
    if (!node || node.kind === "unit-of-learning") return;
    result[node.identifier] = node.status;
    if (node.kind === "activity-structure") node.children.forEach(visit);
  };
  for (const play of view.plays) play.act?.roleParts.forEach((rolePart) => visit(rolePart.activity));
  view.available.forEach(visit);
  return result;
}

function completions(events: RunEvent[]): string[] {
  return events.flatMap((event) => (event.kind === "completed" ? [`${event.element}:${event.identifier}`] : []));
}

describe("level A: sequences, selections, acts and plays", () => {
  const uol = unit("level-a");
  const start = () => ok(createRun(uol, { now: T0, roles: { ana: ["R-learner"], tom: ["R-tutor"] } })).state;

  it("shows a sequence in order: the first open activity is current, the rest locked", () => {
    const view = activitiesFor(uol, start(), "ana", T0);
    expect(view.plays[0].act?.identifier).toBe("ACT-understand");
    expect(statuses(view)).toEqual({ "AS-introduction": "current", "LA-welcome": "current", "LA-risks": "locked" });
    const tutorView = activitiesFor(uol, start(), "tom", T0);
    expect(statuses(tutorView)).toEqual({ "SA-answer-questions": "current" });
  });

  it.each([
    ["a locked activity", "LA-risks", "run.locked"],
    ["an activity of a later act", "LA-try-signal", "run.not-available"],
    ["an activity that does not exist", "LA-nowhere", "run.unknown-activity"],
  ])("refuses to complete %s", (_label, activity, code) => {
    expect(completeActivity(uol, start(), "ana", activity, at(1))).toMatchObject({ ok: false, code });
  });

  it("moves through the sequence, gives feedback, and starts the next act when the role-part is done", () => {
    let state = start();
    state = ok(completeActivity(uol, state, "ana", "LA-welcome", at(5))).state;
    expect(statuses(activitiesFor(uol, state, "ana", at(5)))).toMatchObject({ "LA-welcome": "completed", "LA-risks": "current" });
    const result = ok(completeActivity(uol, state, "ana", "LA-risks", at(10)));
    expect(completions(result.events)).toEqual([
      "learning-activity:LA-risks",
      "activity-structure:AS-introduction",
      "role-part:RP-learner-introduction",
      "act:ACT-understand",
    ]);
    expect(result.events).toContainEqual(
      expect.objectContaining({ kind: "feedback", identifier: "LA-risks", userId: "ana" }),
    );
    const view = activitiesFor(uol, result.state, "ana", at(10));
    expect(view.plays[0].act?.identifier).toBe("ACT-try");
    expect(statuses(view)).toEqual({
      "AS-try-a-tool": "current",
      "LA-try-signal": "available",
      "LA-try-threema": "available",
      "LA-try-element": "available",
    });
    expect(completeActivity(uol, result.state, "ana", "LA-risks", at(11))).toMatchObject({ ok: false, code: "run.already-completed" });
  });

  it("completes a selection after number-to-select choices, and with it the play and the unit", () => {
    let state = start();
    state = ok(completeActivity(uol, state, "ana", "LA-welcome", at(1))).state;
    state = ok(completeActivity(uol, state, "ana", "LA-risks", at(2))).state;
    const result = ok(completeActivity(uol, state, "ana", "LA-try-threema", at(3)));
    expect(completions(result.events)).toEqual([
      "learning-activity:LA-try-threema",
      "activity-structure:AS-try-a-tool",
      "role-part:RP-learner-try",
      "act:ACT-try",
      "play:PLAY-main",
      "unit-of-learning:LD-secure-messaging",
    ]);
    expect(result.events.filter((event) => event.kind === "feedback").map((event) => event.identifier)).toEqual([
      "LD-secure-messaging",
    ]);
    expect(activitiesFor(uol, result.state, "ana", at(3)).unitCompleted).toBe(true);
  });

  it("waits for every learner before the next act starts (group synchronisation)", () => {
    let state = ok(createRun(uol, { now: T0, roles: { ana: ["R-learner"], ben: ["R-newcomer"], tom: ["R-tutor"] } })).state;
    state = ok(completeActivity(uol, state, "ana", "LA-welcome", at(1))).state;
    state = ok(completeActivity(uol, state, "ana", "LA-risks", at(2))).state;
    expect(activitiesFor(uol, state, "ana", at(2)).plays[0].act?.identifier).toBe("ACT-understand");
    state = ok(completeActivity(uol, state, "ben", "LA-welcome", at(3))).state;
    const result = ok(completeActivity(uol, state, "ben", "LA-risks", at(4)));
    expect(completions(result.events)).toContain("act:ACT-understand");
    expect(activitiesFor(uol, result.state, "ana", at(4)).plays[0].act?.identifier).toBe("ACT-try");
  });

  it("completes an activity with a time limit by the clock, counted from when the person opened it", () => {
    let state = start();
    state = ok(completeActivity(uol, state, "ana", "LA-welcome", at(1))).state;
    state = ok(completeActivity(uol, state, "ana", "LA-risks", at(2))).state;
    state = ok(openActivity(uol, state, "ana", "LA-try-element", at(3))).state;
    expect(completeActivity(uol, state, "ana", "LA-try-element", at(4))).toMatchObject({ ok: false, code: "run.not-user-choice" });
    const element = () => {
      const structure = activitiesFor(uol, state, "ana", at(12)).plays[0].act!.roleParts[0].activity;
      return structure?.kind === "activity-structure" ? structure.children.find((child) => child.kind === "learning-activity" && child.identifier === "LA-try-element") : undefined;
    };
    expect(element()).toMatchObject({ status: "available", canComplete: false, deadline: at(13) });
    expect(statuses(activitiesFor(uol, state, "ana", at(13)))["LA-try-element"]).toBe("completed");
    expect(completions(ok(tick(uol, state, at(13))).events)).toContain("unit-of-learning:LD-secure-messaging");
  });

  it("ends an act by its time limit even when nobody finished it", () => {
    let state = start();
    state = ok(completeActivity(uol, state, "ana", "LA-welcome", at(1))).state;
    state = ok(completeActivity(uol, state, "ana", "LA-risks", at(2))).state;
    expect(completions(ok(tick(uol, state, at(60 * 24 * 13))).events)).toEqual([]);
    expect(completions(ok(tick(uol, state, at(60 * 24 * 14 + 2))).events)).toEqual(["act:ACT-try", "play:PLAY-main", "unit-of-learning:LD-secure-messaging"]);
  });

  it.each([
    ["an unknown role", { ana: ["R-nobody"] }, "run.unknown-role"],
    ["more tutors than max-persons", { t1: ["R-tutor"], t2: ["R-tutor"], t3: ["R-tutor"] }, "run.role-full"],
  ])("refuses %s", (_label, roles, code) => {
    expect(createRun(uol, { now: T0, roles })).toMatchObject({ ok: false, code });
  });

  it("rolls progress up from activities to acts, the play and the unit", () => {
    let state = start();
    expect(progressFor(uol, state, "ana", T0)).toMatchObject({ unit: "not-started", plays: { "PLAY-main": "not-started" } });
    state = ok(openActivity(uol, state, "ana", "LA-welcome", at(1))).state;
    expect(progressFor(uol, state, "ana", at(1))).toMatchObject({
      unit: "in-progress",
      plays: { "PLAY-main": "in-progress" },
      acts: { "ACT-understand": "in-progress", "ACT-try": "not-started" },
      activities: { "AS-introduction": "in-progress", "LA-welcome": "in-progress", "LA-risks": "not-started" },
    });
    state = ok(completeActivity(uol, state, "ana", "LA-welcome", at(2))).state;
    state = ok(completeActivity(uol, state, "ana", "LA-risks", at(3))).state;
    state = ok(completeActivity(uol, state, "ana", "LA-try-signal", at(4))).state;
    expect(progressFor(uol, state, "ana", at(4))).toMatchObject({
      unit: "completed",
      acts: { "ACT-understand": "completed", "ACT-try": "completed" },
      activities: { "AS-try-a-tool": "completed", "LA-try-threema": "not-started" },
    });
  });
});

describe("level B: properties and conditions", () => {
  const uol = unit("level-b");
  const start = () => ok(createRun(uol, { now: T0, roles: { ana: ["R-learner"], ben: ["R-learner"], tom: ["R-tutor"] } })).state;

  it("reveals an activity when a property set by the learner makes a condition true, and hides it again", () => {
    let state = start();
    expect(statuses(activitiesFor(uol, state, "ana", T0))).toEqual({
      "AS-main": "current",
      "LA-self-assess": "current",
      "LA-reflect": "locked",
    });
    const low = ok(setProperty(uol, state, "ana", "P-confidence", "2", at(1)));
    expect(completions(low.events)).toEqual(["learning-activity:LA-self-assess"]);
    expect(statuses(activitiesFor(uol, low.state, "ana", at(1)))).toEqual({
      "AS-main": "current",
      "LA-self-assess": "completed",
      "LA-extra-practice": "current",
      "LA-reflect": "locked",
    });
    expect(statuses(activitiesFor(uol, low.state, "ben", at(1)))).not.toHaveProperty("LA-extra-practice");
    state = ok(setProperty(uol, low.state, "ana", "P-confidence", 5, at(2))).state;
    const view = activitiesFor(uol, state, "ana", at(2));
    expect(statuses(view)).toMatchObject({ "LA-reflect": "current" });
    expect(statuses(view)).not.toHaveProperty("LA-extra-practice");
    expect(view.classes).toEqual({ advanced: true });
  });

  it.each([
    ["a value of the wrong type", "P-confidence", "very", "run.property-type"],
    ["a value outside the restriction", "P-confidence", 9, "run.property-restriction"],
    ["a value not in the enumeration", "P-preferred-channel", "fax", "run.property-restriction"],
    ["an unknown property", "P-nowhere", "1", "run.unknown-property"],
  ])("refuses %s", (_label, property, value, code) => {
    expect(setProperty(uol, start(), "ana", property, value, at(1))).toMatchObject({ ok: false, code });
  });

  it("keeps each property in its scope", () => {
    let state = start();
    state = ok(setProperty(uol, state, "ana", "P-session-open", false, at(1))).state;
    state = ok(setProperty(uol, state, "ana", "P-group-note", "Bring a case", at(1))).state;
    state = ok(setProperty(uol, state, "ana", "P-preferred-channel", "signal", at(1))).state;
    state = ok(setProperty(uol, state, "ana", "P-course-year", "2026", at(1))).state;
    expect(state.properties).toEqual({
      loc: { "P-session-open": false },
      locpers: {},
      locrole: { "R-learner": { "P-group-note": "Bring a case" } },
      globpers: { ana: { "P-preferred-channel": "signal" } },
      glob: { "P-course-year": 2026 },
    });
  });

  it("completes the act when the condition holds for every learner, after on-completion set the property", () => {
    let state = start();
    for (const person of ["ana", "ben"]) {
      state = ok(setProperty(uol, state, person, "P-confidence", 4, at(1))).state;
    }
    const first = ok(setProperty(uol, state, "ana", "P-reflection", "I keep too many photos.", at(2)));
    expect(completions(first.events)).toEqual([
      "learning-activity:LA-reflect",
      "activity-structure:AS-main",
      "role-part:RP-learner",
    ]);
    expect(first.state.properties.locpers.ana["P-reflected"]).toBe(true);
    expect(first.state.acts["ACT-main"].completedAt).toBeUndefined();
    const second = ok(setProperty(uol, first.state, "ben", "P-reflection", "Old e-mails.", at(3)));
    expect(completions(second.events)).toEqual([
      "learning-activity:LA-reflect",
      "activity-structure:AS-main",
      "role-part:RP-learner",
      "act:ACT-main",
      "play:PLAY-main",
      "unit-of-learning:LD-personal-data",
    ]);
  });

  it("lets the tutor's monitor service show the learners' properties, and the learners nothing", () => {
    const state = ok(setProperty(uol, start(), "ana", "P-confidence", 3, at(1))).state;
    const [grant] = monitoredProperties(uol, state, "tom", at(1));
    expect(grant.serviceId).toBe("SV-monitor-learners");
    expect(grant.subjects.map((subject) => [subject.userId, subject.values["P-confidence"], subject.values["P-reflected"]])).toEqual([
      ["ana", 3, false],
      ["ben", null, false],
    ]);
    expect(monitoredProperties(uol, state, "ana", at(1))).toEqual([]);
  });

  it("lets a tutor set a supported learner's property, but not a learner another learner's", () => {
    const state = start();
    const byTutor = ok(setProperty(uol, state, "tom", "P-confidence", 2, at(1), { subjectId: "ana" }));
    expect(byTutor.state.properties.locpers.ana).toEqual({ "P-confidence": 2 });
    expect(setProperty(uol, state, "ben", "P-confidence", 2, at(1), { subjectId: "ana" })).toMatchObject({
      ok: false,
      code: "run.not-supporting",
    });
  });
});

describe("level C: notifications", () => {
  const uol = unit("level-c");
  const start = () => ok(createRun(uol, { now: T0, roles: { ana: ["R-learner"], tom: ["R-tutor"] } })).state;
  const notifications = (events: RunEvent[]) => events.flatMap((event) => (event.kind === "notification" ? [event.notification] : []));

  it("notifies the tutor role when a learner completes an activity and makes the review available to it", () => {
    const result = ok(setProperty(uol, start(), "ana", "P-report", "Case file sent to the wrong address.", at(5)));
    expect(notifications(result.events)).toEqual([
      {
        id: "notification-1",
        at: at(5),
        subject: "A breach report is ready for review",
        recipients: [{ userId: "tom", roleRef: "R-tutor" }],
        roleRefs: ["R-tutor"],
        activity: { kind: "support-activity", ref: "SA-review-report" },
        emailPropertyRefs: ["P-email"],
        trigger: { kind: "learning-activity", identifier: "LA-write-report", userId: "ana" },
      },
    ]);
    expect(statuses(activitiesFor(uol, result.state, "tom", at(5)))).toEqual({ "SA-review-report": "current" });
    expect(statuses(activitiesFor(uol, result.state, "ana", at(5)))).not.toHaveProperty("SA-review-report");

    const reviewed = ok(completeActivity(uol, result.state, "tom", "SA-review-report", at(30)));
    expect(notifications(reviewed.events).map((notification) => [notification.subject, notification.recipients])).toEqual([
      ["Your tutor has reviewed your report", [{ userId: "ana", roleRef: "R-learner" }]],
    ]);
    expect(statuses(activitiesFor(uol, reviewed.state, "ana", at(30)))).toMatchObject({ "LA-read-review": "current", "LA-discuss": "current" });
  });

  it("sends a condition's notification once when it becomes true, not on every re-evaluation", () => {
    const state = start();
    const first = ok(setProperty(uol, state, "ana", "P-urgent", true, at(1)));
    expect(notifications(first.events).map((notification) => notification.subject)).toEqual([
      "Urgent: a learner reports a breach that puts someone at risk",
    ]);
    const again = ok(setProperty(uol, first.state, "ana", "P-report", "Details.", at(2)));
    expect(notifications(again.events).map((notification) => notification.subject)).toEqual([
      "A breach report is ready for review",
    ]);
    expect(again.state.notifications).toHaveLength(2);
  });

  it("notifies on an act's completion", () => {
    let state = ok(setProperty(uol, start(), "ana", "P-report", "Report.", at(1))).state;
    const result = ok(completeActivity(uol, state, "ana", "LA-discuss", at(2)));
    expect(notifications(result.events).map((notification) => [notification.subject, notification.trigger.kind])).toEqual([
      ["All learners have discussed the case", "act"],
    ]);
    state = result.state;
    expect(completions(result.events)).toContain("play:PLAY-main");
  });
});

describe("conditions that feed each other", () => {
  it("stops after a bounded number of rounds and says so", () => {
    const element = parseXml(
      `<ld:learning-design xmlns:ld="http://www.imsglobal.org/xsd/imsld_v1p0" identifier="LD-loop" level="B">
<ld:components><ld:roles><ld:learner identifier="R-l"/></ld:roles>
<ld:properties><ld:loc-property identifier="P-n"><ld:datatype datatype="integer"/><ld:initial-value>0</ld:initial-value></ld:loc-property></ld:properties>
<ld:activities><ld:learning-activity identifier="LA"><ld:complete-activity><ld:user-choice/></ld:complete-activity></ld:learning-activity></ld:activities></ld:components>
<ld:method><ld:play identifier="PL"><ld:act identifier="A"><ld:role-part identifier="RP"><ld:role-ref ref="R-l"/><ld:learning-activity-ref ref="LA"/></ld:role-part></ld:act></ld:play>
<ld:conditions><ld:if><ld:greater-than><ld:property-ref ref="P-n"/><ld:property-value>-1</ld:property-value></ld:greater-than></ld:if>
<ld:then><ld:change-property-value><ld:property-ref ref="P-n"/><ld:property-value><ld:calculate><ld:sum><ld:property-ref ref="P-n"/><ld:property-value>1</ld:property-value></ld:sum></ld:calculate></ld:property-value></ld:change-property-value></ld:then></ld:conditions>
</ld:method></ld:learning-design>`,
      { file: "imsmanifest.xml" },
    );
    const uol = parseLearningDesign(element, { file: "imsmanifest.xml", resolveResource: () => ({}) }).design!;
    const result = ok(createRun(uol, { now: T0, roles: { ana: ["R-l"] } }));
    expect(result.events).toContainEqual(expect.objectContaining({ kind: "warning", code: "run.condition-loop" }));
    const before = result.state.properties.loc["P-n"] as number;
    const again = ok(tick(uol, result.state, at(1)));
    expect(again.events).toContainEqual(expect.objectContaining({ kind: "warning", code: "run.condition-loop" }));
    const added = (again.state.properties.loc["P-n"] as number) - before;
    expect(added).toBeGreaterThan(0);
    expect(added).toBeLessThanOrEqual(2 * MAX_ROUNDS);
  });
});

describe("role assignment", () => {
  const uol = unit("level-a");
  it("keeps exclusively-in-roles sub-roles apart and admits people later", () => {
    const state = ok(createRun(uol, { now: T0, roles: { ana: ["R-learner"] } })).state;
    const joined = ok(assignRole(uol, state, "ben", "R-newcomer", at(1))).state;
    expect(statuses(activitiesFor(uol, joined, "ben", at(1)))).toMatchObject({ "LA-welcome": "current" });
  });
});
