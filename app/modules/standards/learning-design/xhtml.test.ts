import { describe, expect, it } from "vitest";
import { loadUnit, readFixture } from "../../../../tests/fixtures/imsld/load";
import { parseLearningDesign } from "./parse";
import { fillPlaceholders, readLdXhtml } from "./xhtml";

function levelB() {
  const { learningDesign, resolveResource } = loadUnit("level-b");
  return parseLearningDesign(learningDesign, { file: "imsmanifest.xml", resolveResource }).design!;
}

function read(file: string, text = readFixture("level-b", file)) {
  const design = levelB();
  return readLdXhtml(text, { file, properties: design.properties, propertyGroups: design.propertyGroups });
}

describe("readLdXhtml", () => {
  it("turns set-property and view-property into placeholders and drops scripts", () => {
    const { content, problems } = read("content/en/self-assess.xhtml");
    expect(problems).toEqual([]);
    expect(content!.title).toBe("How confident are you?");
    expect(content!.language).toBe("en");
    expect(content!.html).not.toContain("script");
    expect(content!.html).not.toContain("alert");
    expect(content!.placeholders).toEqual([
      {
        kind: "set-property",
        view: "title-value",
        propertyOf: "self",
        field: {
          propertyRef: "P-confidence",
          label: "How confident are you handling personal data? (1-5)",
          datatype: "integer",
          input: "number",
          options: [],
          min: 1,
          max: 5,
          maxLength: null,
          pattern: null,
        },
      },
      {
        kind: "view-property",
        propertyRef: "P-confidence",
        title: "How confident are you handling personal data? (1-5)",
        view: "value",
        propertyOf: "self",
      },
    ]);
    const filled = fillPlaceholders(content!, (placeholder) =>
      placeholder.kind === "view-property" ? "<strong>4</strong>" : "<form></form>",
    );
    expect(filled).toContain("<form></form>");
    expect(filled).toContain("<p>Your current answer: <strong>4</strong></p>");
  });

  it("expands property groups into one field per property", () => {
    const { content } = read("content/en/reflect.xhtml");
    const [group] = content!.placeholders;
    expect(group.kind).toBe("set-property-group");
    if (group.kind !== "set-property-group") return;
    expect(group.fields.map((field) => [field.propertyRef, field.input, field.maxLength])).toEqual([
      ["P-confidence", "number", null],
      ["P-reflection", "textarea", 2000],
    ]);
    expect(content!.html).toContain("<em>do not</em>");
  });

  it("offers enumerated values as a choice and booleans as a checkbox", () => {
    const text = `<html xmlns="http://www.w3.org/1999/xhtml" xmlns:ld="http://www.imsglobal.org/xsd/imsld_v1p0"><body>
      <p>Channel: <ld:set-property ref="P-preferred-channel"/></p><ld:set-property ref="P-session-open"/></body></html>`;
    const { content } = read("page.xhtml", text);
    const fields = content!.placeholders.map((placeholder) => (placeholder.kind === "set-property" ? placeholder.field : null));
    expect(fields.map((field) => [field?.input, field?.options])).toEqual([
      ["select", ["email", "signal", "phone"]],
      ["checkbox", []],
    ]);
  });

  it("reports an unknown property with file and line, and leaves it out", () => {
    const text = `<html xmlns="http://www.w3.org/1999/xhtml" xmlns:ld="http://www.imsglobal.org/xsd/imsld_v1p0">
<body>
<p><ld:view-property ref="P-nowhere"/></p>
</body></html>`;
    const { content, problems } = read("content/en/broken.xhtml", text);
    expect(problems).toEqual([
      expect.objectContaining({ code: "ld.xhtml.unknown-property", file: "content/en/broken.xhtml", line: 3 }),
    ]);
    expect(content!.placeholders).toEqual([]);
    expect(content!.html).toBe("<p></p>");
  });

  it("keeps empty elements such as line breaks single", () => {
    const text = `<html xmlns="http://www.w3.org/1999/xhtml"><body><p>a<br/>b</p></body></html>`;
    expect(read("page.xhtml", text).content!.html).toBe("<p>a<br />b</p>");
  });

  it("does not let authored text forge a placeholder", () => {
    const text = `<html xmlns="http://www.w3.org/1999/xhtml"><body><p>\uE000ld:0\uE001</p></body></html>`;
    const { content } = read("page.xhtml", text);
    expect(fillPlaceholders(content!, () => "<b>forged</b>")).toBe("<p>ld:0</p>");
  });

  it("reports a page that is not well-formed", () => {
    const { content, problems } = read("page.xhtml", "<html><body><p></body></html>");
    expect(content).toBeUndefined();
    expect(problems[0]).toMatchObject({ code: "xml.not-well-formed", file: "page.xhtml" });
  });
});
