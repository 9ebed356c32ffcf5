import { describe, expect, it } from "vitest";
import { checkElement, formatDuration, parseDuration } from "./cmi";
import { EMPTY_CMI, initialCmi, mergeCommit, parseCommit, progressOf, type CommitPayload } from "./commit";

const commit = (sequence: number, cmi: Record<string, string>, session = "session-a"): CommitPayload => ({
  sequence,
  session,
  kind: "commit",
  cmi,
});
const noScoring = { masteryScore: null, completedByMeasure: null };
const learner = { id: "u1", name: "Lucia" };
const plainItem = { masteryScore: null, maxTimeAllowed: null, timeLimitAction: null, dataFromLMS: null, completionThreshold: null };

describe("checking SCORM data", () => {
  it("rejects SCORM 2004 values with the edition's error codes", () => {
    expect(checkElement("2004", "cmi.score.scaled", "1.5")).toMatchObject({ code: 407, problem: "range" });
    expect(checkElement("2004", "cmi.score.scaled", "high")).toMatchObject({ code: 406, problem: "type" });
    expect(checkElement("2004", "cmi.completion_status", "done")).toMatchObject({ code: 406 });
    expect(checkElement("2004", "cmi.suspend_data", "x".repeat(64_001))).toMatchObject({ code: 406 });
    expect(checkElement("2004", "cmi.total_time", "PT1H")).toMatchObject({ code: 404, problem: "read-only" });
    expect(checkElement("2004", "cmi.favourite_colour", "blue")).toMatchObject({ code: 401 });
    expect(checkElement("2004", "cmi.session_time", "PT1H2M3.5S")).toBeNull();
    expect(checkElement("2004", "cmi.session_time", "01:02:03")).toMatchObject({ code: 406 });
    expect(checkElement("2004", "cmi.suspend_data", "x".repeat(64_000))).toBeNull();
  });

  it("rejects SCORM 1.2 values with 1.2's codes", () => {
    expect(checkElement("1.2", "cmi.core.score.raw", "101")).toMatchObject({ code: 405, problem: "range" });
    expect(checkElement("1.2", "cmi.core.lesson_status", "done")).toMatchObject({ code: 405 });
    expect(checkElement("1.2", "cmi.suspend_data", "x".repeat(4097))).toMatchObject({ code: 405 });
    expect(checkElement("1.2", "cmi.core.lesson_location", "x".repeat(256))).toMatchObject({ code: 405 });
    expect(checkElement("1.2", "cmi.core.student_id", "me")).toMatchObject({ code: 403 });
    expect(checkElement("1.2", "cmi.core.session_time", "0000:01:30.00")).toBeNull();
    expect(checkElement("1.2", "cmi.interactions.3.correct_responses.0.pattern", "a")).toBeNull();
  });

  it("rejects a whole commit when one element is wrong", () => {
    const body = JSON.stringify(commit(1, { "cmi.location": "3", "cmi.progress_measure": "2" }));
    expect(parseCommit("2004", body)).toEqual({ ok: false, error: { element: "cmi.progress_measure", problem: "range", code: 407 } });
    expect(parseCommit("2004", "not json")).toMatchObject({ ok: false });
    expect(parseCommit("2004", JSON.stringify(commit(1, { "cmi.location": "3" })))).toMatchObject({ ok: true });
  });

  it("reads and writes both editions' times", () => {
    expect(parseDuration("1.2", "0001:30:15.50")).toBe(5415.5);
    expect(parseDuration("2004", "P1DT2H3M4.5S")).toBe(93784.5);
    expect(formatDuration("1.2", 5415.5)).toBe("0001:30:15.50");
    expect(formatDuration("2004", 3723)).toBe("PT1H2M3S");
  });
});

describe("merging commits", () => {
  it("does not let a late commit overwrite the bookmark, but keeps its forward-only data", () => {
    const newer = mergeCommit("2004", EMPTY_CMI, 0, commit(5, { "cmi.location": "7", "cmi.completion_status": "incomplete" }));
    const late = mergeCommit("2004", newer.cmi, newer.sequence, commit(3, { "cmi.location": "2", "cmi.success_status": "passed" }));
    expect(late.late).toBe(true);
    expect(late.sequence).toBe(5);
    expect(late.cmi.values["cmi.location"]).toBe("7");
    expect(late.cmi.values["cmi.success_status"]).toBe("passed");
  });

  it("never lets a status go back", () => {
    const done = mergeCommit("2004", EMPTY_CMI, 0, commit(1, { "cmi.completion_status": "completed", "cmi.success_status": "passed" }));
    const again = mergeCommit("2004", done.cmi, 1, commit(2, { "cmi.completion_status": "incomplete", "cmi.success_status": "failed" }));
    expect(again.cmi.values["cmi.completion_status"]).toBe("completed");
    expect(again.cmi.values["cmi.success_status"]).toBe("passed");
    const passed = mergeCommit("1.2", EMPTY_CMI, 0, commit(1, { "cmi.core.lesson_status": "passed" }));
    expect(mergeCommit("1.2", passed.cmi, 1, commit(2, { "cmi.core.lesson_status": "incomplete" })).cmi.values["cmi.core.lesson_status"]).toBe("passed");
  });

  it("counts each session's time once, however often it is reported", () => {
    let state = mergeCommit("2004", EMPTY_CMI, 0, commit(1, { "cmi.session_time": "PT30S" }, "first-session"));
    state = mergeCommit("2004", state.cmi, state.sequence, commit(2, { "cmi.session_time": "PT60S" }, "first-session"));
    state = mergeCommit("2004", state.cmi, state.sequence, commit(2, { "cmi.session_time": "PT60S" }, "first-session"));
    state = mergeCommit("2004", state.cmi, state.sequence, commit(3, { "cmi.session_time": "PT10S" }, "second-session"));
    expect(progressOf("2004", state.cmi, noScoring).timeSpentSeconds).toBe(70);
  });
});

describe("progress and relaunch", () => {
  it("turns a 1.2 raw score into passed or failed at the mastery score", () => {
    const stored = mergeCommit("1.2", EMPTY_CMI, 0, commit(1, { "cmi.core.lesson_status": "completed", "cmi.core.score.raw": "85" })).cmi;
    expect(progressOf("1.2", stored, { masteryScore: 80, completedByMeasure: null })).toMatchObject({ status: "passed", score: 0.85 });
    expect(progressOf("1.2", stored, { masteryScore: 90, completedByMeasure: null })).toMatchObject({ status: "failed" });
    expect(progressOf("1.2", stored, noScoring)).toMatchObject({ status: "completed" });
  });

  it("resumes a suspended session and starts a new attempt after a normal exit", () => {
    const suspended = mergeCommit("2004", EMPTY_CMI, 0, commit(1, { "cmi.location": "5", "cmi.suspend_data": "abc", "cmi.exit": "suspend", "cmi.completion_status": "incomplete" })).cmi;
    expect(initialCmi("2004", suspended, learner, plainItem)).toMatchObject({ "cmi.entry": "resume", "cmi.location": "5", "cmi.suspend_data": "abc", "cmi.learner_name": "Lucia" });
    const finished = mergeCommit("2004", suspended, 1, commit(2, { "cmi.exit": "normal", "cmi.completion_status": "completed" })).cmi;
    const fresh = initialCmi("2004", finished, learner, plainItem);
    expect(fresh["cmi.entry"]).toBe("");
    expect(fresh["cmi.location"]).toBeUndefined();
    expect(fresh["cmi.completion_status"]).toBe("completed");
    expect(initialCmi("1.2", null, learner, { ...plainItem, masteryScore: 80 })).toMatchObject({
      "cmi.core.entry": "ab-initio",
      "cmi.student_data.mastery_score": "80",
    });
  });
});
