import { describe, expect, it } from "vitest";
import { applyUpdate, mergeStatus, NOT_STARTED, rollUpStatus, type ProgressStatus } from "./status";

describe("progress never goes backwards", () => {
  it.each([
    ["not-started", "in-progress", "in-progress"],
    ["in-progress", "not-started", "in-progress"],
    ["completed", "in-progress", "completed"],
    ["failed", "passed", "passed"],
    ["passed", "failed", "passed"],
    ["completed", "passed", "passed"],
    ["passed", "completed", "passed"],
  ] as [ProgressStatus, ProgressStatus, ProgressStatus][])("%s then %s gives %s", (current, incoming, expected) => {
    expect(mergeStatus(current, incoming)).toBe(expected);
  });

  it("keeps the best score, the longest time and the first completion when updates arrive out of order", () => {
    const newer = applyUpdate(NOT_STARTED, { status: "passed", score: 0.9, timeSpentSeconds: 600, at: "2026-05-02T10:00:00Z" });
    const older = applyUpdate(newer, { status: "in-progress", score: 0.4, timeSpentSeconds: 300, at: "2026-05-02T09:00:00Z" });
    expect(older).toEqual({
      status: "passed",
      score: 0.9,
      timeSpentSeconds: 600,
      lastAccessAt: "2026-05-02T10:00:00Z",
      completedAt: "2026-05-02T10:00:00Z",
    });
  });

  it("keeps the score when an update brings none", () => {
    const scored = applyUpdate(NOT_STARTED, { score: 0.7, at: "2026-01-01T00:00:00Z" });
    expect(applyUpdate(scored, { status: "in-progress", at: "2026-01-02T00:00:00Z" }).score).toBe(0.7);
  });
});

describe("rolling progress up", () => {
  it.each([
    [[], "not-started"],
    [["not-started", "not-started"], "not-started"],
    [["completed", "not-started"], "in-progress"],
    [["completed", "passed"], "completed"],
    [["passed", "passed"], "passed"],
    [["failed", "completed"], "in-progress"],
  ] as [ProgressStatus[], ProgressStatus][])("%j rolls up to %s", (children, expected) => {
    expect(rollUpStatus(children)).toBe(expected);
  });
});
