import { describe, expect, it } from "vitest";
import { placeholderToken } from "../standards/learning-design/xhtml";
import { htmlTree } from "./html-tree";

describe("sanitized pages as a tree", () => {
  it("turns placeholder tokens into placeholder nodes and keeps attributes", () => {
    const html = `Page title\n<p>Your plan: <strong>${placeholderToken(0)}</strong></p><a href="https://example.org" rel="noopener noreferrer">x</a>${placeholderToken(1)}`;
    expect(htmlTree(html, { dropHeading: true })).toEqual([
      {
        type: "element",
        name: "p",
        attributes: {},
        children: [
          { type: "text", value: "Your plan: " },
          { type: "element", name: "strong", attributes: {}, children: [{ type: "placeholder", index: 0 }] },
        ],
      },
      { type: "element", name: "a", attributes: { href: "https://example.org", rel: "noopener noreferrer" }, children: [{ type: "text", value: "x" }] },
      { type: "placeholder", index: 1 },
    ]);
  });

  it("keeps loose leading text of fragments, and degrades to text when the markup does not parse", () => {
    expect(htmlTree("True or <em>false</em>")[0]).toEqual({ type: "text", value: "True or " });
    expect(htmlTree("<p>broken")).toEqual([{ type: "text", value: "broken" }]);
  });
});
