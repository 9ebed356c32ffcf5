import { describe, expect, it } from "vitest";
import { parseAssessmentItem, scoreResponse } from "./item";

const item = (declaration: string, body: string, attributes = `identifier="q-signal" title="Which messenger?" xml:lang="en"`) =>
  `<?xml version="1.0" encoding="UTF-8"?>
<assessmentItem xmlns="http://www.imsglobal.org/xsd/imsqti_v2p1" ${attributes} adaptive="false" timeDependent="false">
  ${declaration}
  <itemBody>
    ${body}
  </itemBody>
</assessmentItem>`;

const single = item(
  `<responseDeclaration identifier="RESPONSE" cardinality="single" baseType="identifier">
    <correctResponse><value>signal</value></correctResponse>
  </responseDeclaration>`,
  `<p>A mother asks to send you photos of a <em>rent arrears</em> letter.</p>
    <choiceInteraction responseIdentifier="RESPONSE" shuffle="true" maxChoices="1">
      <prompt>Which messenger is <strong>end-to-end encrypted</strong> by default?</prompt>
      <simpleChoice identifier="sms">SMS</simpleChoice>
      <simpleChoice identifier="signal">Signal<feedbackInline outcomeIdentifier="FEEDBACK" identifier="signal" showHide="show">Yes</feedbackInline></simpleChoice>
      <simpleChoice identifier="mail" fixed="true">Ordinary e-mail <script>alert(1)</script></simpleChoice>
    </choiceInteraction>`,
);

const multiple = item(
  `<responseDeclaration identifier="RESPONSE" cardinality="multiple" baseType="identifier">
    <correctResponse><value>a</value><value>c</value></correctResponse>
    <mapping lowerBound="0" upperBound="2" defaultValue="-1">
      <mapEntry mapKey="a" mappedValue="1"/><mapEntry mapKey="c" mappedValue="1"/>
    </mapping>
  </responseDeclaration>`,
  `<choiceInteraction responseIdentifier="RESPONSE" shuffle="false" maxChoices="0">
      <prompt>Which of these are personal data?</prompt>
      <simpleChoice identifier="a">A name</simpleChoice>
      <simpleChoice identifier="b">The weather</simpleChoice>
      <simpleChoice identifier="c">A case number</simpleChoice>
    </choiceInteraction>`,
);

const trueFalse = item(
  `<responseDeclaration identifier="RESPONSE" cardinality="single" baseType="identifier">
    <correctResponse><value>false</value></correctResponse>
  </responseDeclaration>`,
  `<choiceInteraction responseIdentifier="RESPONSE" shuffle="false" maxChoices="1">
      <prompt>WhatsApp backups are end-to-end encrypted by default.</prompt>
      <simpleChoice identifier="true">True</simpleChoice>
      <simpleChoice identifier="false">False</simpleChoice>
    </choiceInteraction>`,
);

describe("parseAssessmentItem", () => {
  it("reads a single-response choice item with sanitized prompt, stem and choices", () => {
    const { item: parsed, problems } = parseAssessmentItem(single, { file: "qti/en/q-signal.xml" });
    expect(problems).toEqual([]);
    expect(parsed).toMatchObject({
      identifier: "q-signal",
      title: "Which messenger?",
      language: "en",
      cardinality: "single",
      maxChoices: 1,
      shuffle: true,
      correctResponse: ["signal"],
      prompt: "Which messenger is <strong>end-to-end encrypted</strong> by default?",
      stem: "<p>A mother asks to send you photos of a <em>rent arrears</em> letter.</p>",
    });
    expect(parsed!.choices).toEqual([
      { identifier: "sms", text: "SMS", fixed: false },
      { identifier: "signal", text: "Signal", fixed: false },
      { identifier: "mail", text: "Ordinary e-mail", fixed: true },
    ]);
  });

  it("reads a true/false item as a choice between two", () => {
    const { item: parsed } = parseAssessmentItem(trueFalse, { file: "tf.xml" });
    expect(parsed!.choices.map((choice) => choice.identifier)).toEqual(["true", "false"]);
  });

  it("skips an item with an unsupported interaction, with a warning that names it", () => {
    const text = item(
      `<responseDeclaration identifier="RESPONSE" cardinality="single" baseType="string"/>`,
      `<p>Explain: <textEntryInteraction responseIdentifier="RESPONSE"/></p>`,
    );
    const { item: parsed, problems } = parseAssessmentItem(text, { file: "qti/en/open.xml" });
    expect(parsed).toBeUndefined();
    expect(problems).toEqual([
      expect.objectContaining({ code: "qti.unsupported-interaction", severity: "warning", file: "qti/en/open.xml", line: 5 }),
    ]);
    expect(problems[0].message).toContain("textEntryInteraction");
  });

  it.each([
    ["a correct response that is no choice", `<correctResponse><value>telegram</value></correctResponse>`, "qti.unknown-choice"],
    ["no correct response", "", "qti.no-correct-response"],
  ])("reports %s", (_label, correct, code) => {
    const text = single.replace(/<correctResponse>.*<\/correctResponse>/, correct);
    const { item: parsed, problems } = parseAssessmentItem(text, { file: "q.xml" });
    expect(parsed).toBeUndefined();
    expect(problems.map((problem) => problem.code)).toEqual([code]);
  });

  it("refuses a document that is not a QTI 2.1 item", () => {
    const { problems } = parseAssessmentItem(`<assessmentItem identifier="x"/>`, { file: "q.xml" });
    expect(problems.map((problem) => problem.code)).toEqual(["qti.not-assessment-item"]);
  });
});

describe("scoreResponse", () => {
  const singleItem = parseAssessmentItem(single, { file: "q.xml" }).item!;
  const multipleItem = parseAssessmentItem(multiple, { file: "q.xml" }).item!;
  const trueFalseItem = parseAssessmentItem(trueFalse, { file: "q.xml" }).item!;

  it.each([
    ["single, right", singleItem, ["signal"], { correct: true, score: 1 }],
    ["single, wrong", singleItem, ["sms"], { correct: false, score: 0 }],
    ["single, two choices given", singleItem, ["signal", "sms"], { correct: false, score: 0 }],
    ["single, nothing chosen", singleItem, [], { correct: false, score: 0 }],
    ["true/false, right", trueFalseItem, ["false"], { correct: true, score: 1 }],
    ["multiple, all right", multipleItem, ["c", "a"], { correct: true, score: 2 }],
    ["multiple, one right one missing", multipleItem, ["a"], { correct: false, score: 1 }],
    ["multiple, one right one wrong (mapping, bounded below)", multipleItem, ["b"], { correct: false, score: 0 }],
    ["multiple, repeated choice counts once", multipleItem, ["a", "a", "c"], { correct: true, score: 2 }],
  ])("%s", (_label, parsed, selected, expected) => {
    expect(scoreResponse(parsed, selected)).toEqual(expected);
  });
});
