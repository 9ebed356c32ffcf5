import { describe, expect, it } from "vitest";
import { parsePropertyForm } from "./forms";

const form = (entries: Record<string, string>) => {
  const data = new FormData();
  for (const [key, value] of Object.entries(entries)) data.append(key, value);
  return data;
};

describe("property forms", () => {
  it("reads each listed property, an unticked checkbox as false, and the supported person", () => {
    expect(parsePropertyForm(form({ fields: "P-plan P-ok", "p:P-plan": " My plan ", subject: "u1" }), new Set(["P-ok"]))).toEqual({
      ok: true,
      values: [
        { propertyRef: "P-plan", value: "My plan" },
        { propertyRef: "P-ok", value: "false" },
      ],
      subjectId: "u1",
    });
  });

  it("refuses empty answers field by field", () => {
    expect(parsePropertyForm(form({ fields: "P-plan", "p:P-plan": "  " }), new Set())).toEqual({
      ok: false,
      fieldErrors: { "P-plan": ["delivery.errors.required"] },
    });
    expect(parsePropertyForm(form({}), new Set())).toMatchObject({ ok: false });
  });
});
