import { describe, expect, it } from "vitest";
import { outlineRatio, type OutlineNode } from "./outline";

const activity = (id: string, status: OutlineNode["status"]): OutlineNode => ({ id, kind: "activity", title: id, status, numberToSelect: null, children: [] });

describe("share of a course done", () => {
  it("counts a selection only up to its number to select", () => {
    const nodes: OutlineNode[] = [
      { id: "act", kind: "act", title: "", status: "in-progress", numberToSelect: null, children: [activity("a", "completed"), activity("b", "not-started")] },
      {
        id: "choose",
        kind: "structure",
        title: "",
        status: "in-progress",
        numberToSelect: 2,
        children: [activity("x", "completed"), activity("y", "completed"), activity("z", "completed")],
      },
    ];
    expect(outlineRatio(nodes)).toBe(3 / 4);
    expect(outlineRatio([])).toBe(0);
  });
});
