import { describe, expect, it } from "vitest";
import { compileVademecum } from "./compile";
import { sampleInput } from "./fixtures";
import { entryCount, scopeCss, vademecumView } from "./view";

describe("the vademecum as the page shows it", () => {
  const doc = compileVademecum(sampleInput("en"), { includeInProgress: false, date: "2025-03-14" });
  const view = vademecumView(doc);

  it("carries the same markup as the download, without scripts or remote images", () => {
    expect(view.bodyHtml).toContain('id="e-tool-signal"');
    expect(view.bodyHtml).toContain('src="data:image/png;base64,');
    expect(view.bodyHtml).not.toMatch(/<script|alert\(1\)|tracker\.example/);
    expect(view.contentsHtml).toMatch(/^<ol>/);
    expect(view.entryCount).toBe(entryCount(doc));
  });

  it("keeps the document's styles inside its own element", () => {
    for (const rule of view.css.split("}").map((part) => part.trim()).filter(Boolean)) {
      for (const selector of rule.split("{")[0].split(",")) expect(selector.trim()).toMatch(/^\.vademecum-doc\b/);
    }
  });

  it("scopes html, body and :root to the element itself", () => {
    expect(scopeCss(":root { --a: 1; }\nbody, p.x { margin: 0; }", ".doc")).toBe("\n.doc { --a: 1; }\n.doc, .doc p.x { margin: 0; }");
  });
});
