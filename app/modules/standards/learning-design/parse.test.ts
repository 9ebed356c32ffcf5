import { describe, expect, it } from "vitest";
import { loadUnit } from "../../../../tests/fixtures/imsld/load";
import { parseXml } from "../xml";
import { parseLearningDesign } from "./parse";

function parseUnit(unit: string) {
  const { learningDesign, resolveResource } = loadUnit(unit);
  return parseLearningDesign(learningDesign, { file: "imsmanifest.xml", resolveResource });
}

function codes(result: ReturnType<typeof parseUnit>) {
  return result.problems.map((problem) => problem.code);
}

describe("parseLearningDesign: valid units", () => {
  it("reads a level A unit with its roles, activities, environments and method", () => {
    const { design, problems } = parseUnit("level-a");
    expect(problems).toEqual([]);
    expect(design).toBeDefined();
    const uol = design!;
    expect(uol.level).toBe("A");
    expect(uol.title).toBe("Secure messaging with service users");
    expect(uol.learningObjectives?.items[0].href).toBe("content/en/objectives.xhtml");
    expect(uol.prerequisites?.items[0].identifierref).toBe("RES-prerequisites");
    expect(uol.summary).toEqual({
      roles: 3,
      learningActivities: 5,
      supportActivities: 1,
      activityStructures: 2,
      environments: 2,
      plays: 1,
      acts: 2,
      roleParts: 4,
      properties: 0,
      conditions: 0,
      notifications: 0,
    });

    const newcomer = uol.roles.find((role) => role.identifier === "R-newcomer")!;
    expect(newcomer).toMatchObject({ kind: "learner", parent: "R-learner", matchPersons: "exclusively-in-roles" });
    expect(uol.roles.find((role) => role.identifier === "R-learner")).toMatchObject({
      minPersons: 1,
      createNew: "not-allowed",
    });
    expect(uol.roles.find((role) => role.identifier === "R-tutor")).toMatchObject({ kind: "staff", maxPersons: 2 });

    const risks = uol.learningActivities.find((activity) => activity.identifier === "LA-risks")!;
    expect(risks.environmentRefs).toEqual(["ENV-library"]);
    expect(risks.completion).toEqual([{ kind: "user-choice" }]);
    expect(risks.onCompletion?.feedback?.items[0]).toMatchObject({
      identifierref: "RES-feedback",
      href: "content/en/feedback.xhtml",
      resourceType: "webcontent",
    });
    expect(uol.learningActivities.find((activity) => activity.identifier === "LA-try-element")!.completion).toEqual([
      { kind: "time-limit", duration: "PT10M", propertyRef: null },
    ]);
    expect(uol.supportActivities[0].roleRefs).toEqual(["R-learner"]);

    const selection = uol.activityStructures.find((structure) => structure.identifier === "AS-try-a-tool")!;
    expect(selection).toMatchObject({ structureType: "selection", numberToSelect: 1, environmentRefs: ["ENV-library"] });
    expect(selection.activities.map((ref) => ref.kind === "unit-of-learning" ? ref.href : ref.ref)).toEqual([
      "LA-try-signal",
      "LA-try-threema",
      "LA-try-element",
    ]);

    const library = uol.environments.find((environment) => environment.identifier === "ENV-library")!;
    expect(library.learningObjects[0]).toMatchObject({ identifier: "LO-guide", type: "knowledge-object" });
    expect(library.services[0]).toMatchObject({ kind: "send-mail", select: "persons-in-role", roleRefs: ["R-tutor"] });
    expect(library.environmentRefs).toEqual(["ENV-forum"]);
    const forum = uol.environments.find((environment) => environment.identifier === "ENV-forum")!;
    expect(forum.services.map((service) => service.kind)).toEqual(["conference", "index-search"]);
    expect(forum.services[0]).toMatchObject({ conferenceType: "asynchronous", roleRefs: ["R-learner"], moderatorRoleRefs: ["R-tutor"] });

    const [understand, tryAct] = uol.method.plays[0].acts;
    expect(understand.roleParts.map((rolePart) => [rolePart.roleRef, rolePart.target])).toEqual([
      ["R-learner", { kind: "activity-structure", ref: "AS-introduction" }],
      ["R-tutor", { kind: "support-activity", ref: "SA-answer-questions" }],
    ]);
    expect(tryAct.completion).toEqual([
      { kind: "time-limit", duration: "P14D", propertyRef: null },
      { kind: "when-role-part-completed", rolePartRefs: ["RP-learner-try"] },
    ]);
    expect(uol.method.plays[0].completion).toEqual([{ kind: "when-last-act-completed" }]);
    expect(uol.method.completion).toEqual([{ kind: "when-play-completed", playRefs: ["PLAY-main"] }]);
    expect(uol.method.onCompletion?.feedback?.items).toHaveLength(1);
  });

  it("keeps the stored design free of XML: it survives a JSON round trip unchanged", () => {
    const { design } = parseUnit("level-b");
    expect(JSON.parse(JSON.stringify(design))).toEqual(design);
  });

  it("reads level B properties of every scope, property groups, conditions and the monitor service", () => {
    const { design, problems } = parseUnit("level-b");
    expect(problems).toEqual([]);
    const uol = design!;
    expect(uol.properties.map((property) => [property.identifier, property.scope, property.datatype, property.initialValue])).toEqual([
      ["P-session-open", "loc", "boolean", true],
      ["P-confidence", "locpers", "integer", null],
      ["P-reflection", "locpers", "text", null],
      ["P-reflected", "locpers", "boolean", false],
      ["P-group-note", "locrole", "string", null],
      ["P-preferred-channel", "globpers", "string", null],
      ["P-course-year", "glob", "integer", 2025],
    ]);
    expect(uol.properties[1].restrictions).toEqual([
      { type: "minInclusive", value: "1" },
      { type: "maxInclusive", value: "5" },
    ]);
    expect(uol.properties[5]).toMatchObject({
      uri: "urn:x-vademecum:property:preferred-channel",
      title: "Preferred channel",
    });
    expect(uol.propertyGroups[0]).toMatchObject({ identifier: "PG-self-assessment", propertyRefs: ["P-confidence", "P-reflection"] });

    expect(uol.method.conditions).toHaveLength(2);
    expect(uol.method.conditions[0]).toEqual({
      if: {
        op: "less-than",
        left: { op: "property-ref", ref: "P-confidence" },
        right: { op: "literal", value: "3" },
      },
      then: [{ kind: "show", targets: [{ kind: "learning-activity", ref: "LA-extra-practice" }] }],
      else: [{ kind: "hide", targets: [{ kind: "learning-activity", ref: "LA-extra-practice" }] }],
      elseIf: null,
    });
    expect(uol.method.conditions[1].then).toEqual([{ kind: "show", targets: [{ kind: "class", class: "advanced" }] }]);
    expect(uol.method.plays[0].acts[0].completion[0]).toMatchObject({ kind: "when-condition-true", roleRef: "R-learner" });
    expect(uol.learningActivities[2].onCompletion?.changePropertyValues).toEqual([
      { propertyRef: "P-reflected", value: { op: "literal", value: "true" } },
    ]);
    const monitor = uol.environments[1].services[0];
    expect(monitor).toMatchObject({ kind: "monitor", monitorRoleRef: "R-learner", monitorSelf: false });
    expect(uol.summary).toMatchObject({ properties: 7, conditions: 2, notifications: 0 });
  });

  it("reads level C notifications with their recipients, subject and the activity they make available", () => {
    const { design, problems } = parseUnit("level-c");
    expect(problems).toEqual([]);
    const write = design!.learningActivities[0];
    expect(write.onCompletion?.notifications).toEqual([
      {
        emailData: [{ roleRef: "R-tutor", emailPropertyRef: "P-email", usernamePropertyRef: null }],
        activity: { kind: "support-activity", ref: "SA-review-report" },
        subject: "A breach report is ready for review",
      },
    ]);
    expect(design!.method.conditions[0].then[0]).toMatchObject({ kind: "notification" });
    expect(design!.summary.notifications).toBe(4);
  });
});

describe("parseLearningDesign: broken units", () => {
  it("reports each dangling reference and unresolved item with its line, and returns no design", () => {
    const result = parseUnit("broken-dangling-ref");
    expect(result.design).toBeUndefined();
    const problems = result.problems.map(({ code, element, line }) => ({ code, element, line }));
    expect(problems).toEqual(
      expect.arrayContaining([
        { code: "ld.dangling-ref", element: "imsld:environment-ref", line: 15 },
        { code: "ld.dangling-ref", element: "imsld:learning-activity-ref", line: 28 },
        { code: "ld.wrong-ref-kind", element: "imsld:when-role-part-completed", line: 30 },
        { code: "ld.missing-resource", element: "imsld:item", line: 17 },
      ]),
    );
    expect(result.problems.every((problem) => problem.file === "imsmanifest.xml" && problem.severity === "error")).toBe(true);
    expect(result.problems.find((problem) => problem.code === "ld.missing-resource")!.message).toContain("RES-missing");
  });

  it("rejects an unknown level", () => {
    const result = parseUnit("broken-unknown-level");
    expect(result.design).toBeUndefined();
    expect(codes(result)).toEqual(["ld.level-unknown"]);
    expect(result.problems[0]).toMatchObject({ line: 6, element: "imsld:learning-design" });
  });

  it("rejects a design without a method", () => {
    const result = parseUnit("broken-missing-method");
    expect(result.design).toBeUndefined();
    expect(codes(result)).toEqual(["ld.missing-method"]);
    expect(result.problems[0].line).toBe(6);
  });

  it("rejects level B and C features in a design that declares level A", () => {
    const result = parseUnit("broken-level-mismatch");
    expect(result.design).toBeUndefined();
    expect(result.problems.map(({ code, element }) => `${code} ${element}`)).toEqual([
      "ld.level-feature imsld:locpers-property",
      "ld.level-feature imsld:notification",
    ]);
  });
});

describe("parseLearningDesign: checks on single elements", () => {
  const wrap = (level: string, components: string, method: string) =>
    parseXml(
      `<ld:learning-design xmlns:ld="http://www.imsglobal.org/xsd/imsld_v1p0" identifier="LD" level="${level}">
<ld:components><ld:roles><ld:learner identifier="R-l"/></ld:roles>${components}</ld:components>
<ld:method><ld:play identifier="PL"><ld:act identifier="A1"><ld:role-part identifier="RP"><ld:role-ref ref="R-l"/></ld:role-part></ld:act></ld:play>${method}</ld:method>
</ld:learning-design>`,
      { file: "imsmanifest.xml" },
    );
  const parse = (level: string, components: string, method = "") =>
    parseLearningDesign(wrap(level, components, method), { file: "imsmanifest.xml", resolveResource: () => ({}) });

  const errorCodes = (result: ReturnType<typeof parse>) =>
    result.problems.filter((problem) => problem.severity === "error").map((problem) => problem.code);

  it.each([
    [
      "an initial value of the wrong type",
      `<ld:properties><ld:loc-property identifier="P"><ld:datatype datatype="integer"/><ld:initial-value>many</ld:initial-value></ld:loc-property></ld:properties>`,
      "ld.property-initial-value",
    ],
    [
      "an unknown datatype",
      `<ld:properties><ld:loc-property identifier="P"><ld:datatype datatype="colour"/></ld:loc-property></ld:properties>`,
      "ld.property-datatype",
    ],
    [
      "a duplicate identifier",
      `<ld:activities><ld:learning-activity identifier="R-l"/></ld:activities>`,
      "ld.duplicate-identifier",
    ],
    [
      "a selection asking for more than it offers",
      `<ld:activities><ld:learning-activity identifier="LA"/><ld:activity-structure identifier="AS" structure-type="selection" number-to-select="2"><ld:learning-activity-ref ref="LA"/></ld:activity-structure></ld:activities>`,
      "ld.number-to-select",
    ],
    [
      "a time limit that is not a duration",
      `<ld:activities><ld:learning-activity identifier="LA"><ld:complete-activity><ld:time-limit>ten minutes</ld:time-limit></ld:complete-activity></ld:learning-activity></ld:activities>`,
      "ld.time-limit",
    ],
    [
      "an unknown structure type",
      `<ld:activities><ld:activity-structure identifier="AS" structure-type="random"/></ld:activities>`,
      "ld.structure-type",
    ],
  ])("reports %s", (_label, components, code) => {
    const result = parse("B", components);
    expect(result.design).toBeUndefined();
    expect(result.problems.map((problem) => problem.code)).toContain(code);
  });

  it("reports an expression that is not one and an operator with the wrong number of operands", () => {
    const result = parse(
      "B",
      `<ld:properties><ld:loc-property identifier="P"><ld:datatype datatype="integer"/></ld:loc-property></ld:properties>`,
      `<ld:conditions><ld:if><ld:greater-than><ld:property-ref ref="P"/></ld:greater-than></ld:if><ld:then/>
       <ld:if><ld:guess/></ld:if><ld:then/></ld:conditions>`,
    );
    expect(errorCodes(result)).toEqual(["ld.expression-operands", "ld.unknown-expression"]);
  });

  it("reads nested expressions, else-if chains and change-property-value with a calculation", () => {
    const result = parse(
      "B",
      `<ld:properties><ld:loc-property identifier="P"><ld:datatype datatype="integer"/></ld:loc-property>
       <ld:loc-property identifier="Q"><ld:datatype datatype="integer"/></ld:loc-property></ld:properties>`,
      `<ld:conditions><ld:if><ld:not><ld:no-value><ld:property-ref ref="P"/></ld:no-value></ld:not></ld:if>
       <ld:then><ld:change-property-value><ld:property-ref ref="Q"/><ld:property-value><ld:calculate><ld:sum><ld:property-ref ref="P"/><ld:property-value>1</ld:property-value></ld:sum></ld:calculate></ld:property-value></ld:change-property-value></ld:then>
       <ld:else><ld:if><ld:is-member-of-role ref="R-l"/></ld:if><ld:then><ld:hide><ld:play-ref ref="PL"/></ld:hide></ld:then></ld:else></ld:conditions>`,
    );
    expect(errorCodes(result)).toEqual([]);
    const [condition] = result.design!.method.conditions;
    expect(condition.if).toEqual({ op: "not", operand: { op: "no-value", propertyRef: "P" } });
    expect(condition.then[0]).toEqual({
      kind: "change-property-value",
      change: {
        propertyRef: "Q",
        value: { op: "sum", operands: [{ op: "property-ref", ref: "P" }, { op: "literal", value: "1" }] },
      },
    });
    expect(condition.elseIf).toMatchObject({
      if: { op: "is-member-of-role", roleRef: "R-l" },
      then: [{ kind: "hide", targets: [{ kind: "play", ref: "PL" }] }],
    });
  });

  it("warns and assumes the level from the features used when the level attribute is missing", () => {
    const element = parseXml(
      `<ld:learning-design xmlns:ld="http://www.imsglobal.org/xsd/imsld_v1p0" identifier="LD">
<ld:components><ld:roles><ld:learner identifier="R-l"/></ld:roles>
<ld:properties><ld:loc-property identifier="P"><ld:datatype datatype="string"/></ld:loc-property></ld:properties></ld:components>
<ld:method><ld:play identifier="PL"><ld:act identifier="A1"><ld:role-part identifier="RP"><ld:role-ref ref="R-l"/></ld:role-part></ld:act></ld:play></ld:method>
</ld:learning-design>`,
      { file: "imsmanifest.xml" },
    );
    const result = parseLearningDesign(element, { file: "imsmanifest.xml", resolveResource: () => ({}) });
    expect(result.design?.level).toBe("B");
    expect(result.problems.map((problem) => [problem.code, problem.severity])).toEqual([
      ["ld.level-missing", "warning"],
      ["ld.empty-role-part", "warning"],
    ]);
  });

  it("refuses an element that is not an IMS LD learning-design", () => {
    const element = parseXml(`<learning-design identifier="x" level="A"/>`, { file: "imsmanifest.xml" });
    const result = parseLearningDesign(element, { file: "imsmanifest.xml", resolveResource: () => ({}) });
    expect(result.problems.map((problem) => problem.code)).toEqual(["ld.not-learning-design"]);
  });
});
