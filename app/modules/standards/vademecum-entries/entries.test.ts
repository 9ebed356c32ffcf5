import { describe, expect, it } from "vitest";
import { parseVademecumEntries } from "./entries";

const file = (lang: string, body: string, root = `xmlns="urn:x-vademecum:entries:1" xml:lang="${lang}" framework="DigComp 2.2"`) => ({
  file: `vademecum/entries.${lang}.xml`,
  text: `<?xml version="1.0" encoding="UTF-8"?>\n<entries ${root}>\n${body}\n</entries>`,
});

const english = file(
  "en",
  `<entry key="tool-signal" kind="tool" competence="2.1">
    <title>Signal</title>
    <summary>End-to-end encrypted messenger.</summary>
    <purpose>Talk with <strong>service users</strong> <span onclick="x()">safely</span>.</purpose>
    <risks>Phone numbers are visible <script>alert(1)</script>to group members.</risks>
    <privacy>Minimal metadata.</privacy>
    <alternatives>Threema, <a href="https://element.io" onclick="x()">Element</a>.</alternatives>
  </entry>
  <entry key="checklist-first-video-call" kind="checklist" competence="2.1">
    <title>Before your first video call</title>
    <item>Test the <em>camera</em>.</item>
    <item>Send the link in advance.</item>
  </entry>
  <entry key="guide-backup" kind="guide"><title>Back up your phone</title><step>Open settings.</step><step>Choose backup.</step></entry>
  <entry key="glossary-e2ee" kind="glossary"><title>End-to-end encryption</title><definition>Only sender and receiver can read.</definition></entry>
  <entry key="link-gdpr" kind="link"><title>GDPR text</title><summary>The regulation itself.</summary><link href="https://eur-lex.europa.eu/eli/reg/2016/679/oj"/></entry>
  <entry key="story-lost-phone" kind="story"><title>The lost phone</title><body><p>A colleague lost a phone.</p><ul><li>No PIN</li></ul></body><source>Team meeting, 2024</source></entry>
  <entry key="takeaway-least-data" kind="takeaway"><title>Collect less</title><body><p>Only what you need.</p></body></entry>`,
);

const italian = file(
  "it",
  `<entry key="tool-signal" kind="tool" competence="2.1">
    <title>Signal</title>
    <purpose>Parlare con gli utenti in sicurezza.</purpose>
  </entry>`,
);

describe("parseVademecumEntries", () => {
  it("reads every kind with its own fields, sanitizing rich text", () => {
    const { entries, problems } = parseVademecumEntries([english]);
    expect(problems).toEqual([]);
    const byKey = Object.fromEntries(entries.map((entry) => [entry.key, entry]));
    expect(byKey["tool-signal"]).toMatchObject({ kind: "tool", competence: "2.1", framework: "DigComp 2.2" });
    const tool = byKey["tool-signal"].content.en;
    expect(tool.summary).toBe("End-to-end encrypted messenger.");
    expect(tool.purpose).toBe("Talk with <strong>service users</strong> safely.");
    expect(tool.risks).toBe("Phone numbers are visible to group members.");
    expect(tool.alternatives).toBe('Threema, <a href="https://element.io" rel="noopener noreferrer">Element</a>.');
    expect(byKey["checklist-first-video-call"].content.en.items).toEqual(["Test the <em>camera</em>.", "Send the link in advance."]);
    expect(byKey["guide-backup"].content.en.steps).toEqual(["Open settings.", "Choose backup."]);
    expect(byKey["glossary-e2ee"].content.en.definition).toBe("Only sender and receiver can read.");
    expect(byKey["link-gdpr"].content.en).toMatchObject({ href: "https://eur-lex.europa.eu/eli/reg/2016/679/oj", summary: "The regulation itself." });
    expect(byKey["story-lost-phone"].content.en).toMatchObject({
      body: "<p>A colleague lost a phone.</p><ul><li>No PIN</li></ul>",
      source: "Team meeting, 2024",
    });
    expect(byKey["takeaway-least-data"].content.en.body).toBe("<p>Only what you need.</p>");
  });

  it("merges the language files by key", () => {
    const { entries } = parseVademecumEntries([english, italian]);
    const signal = entries.find((entry) => entry.key === "tool-signal")!;
    expect(Object.keys(signal.content)).toEqual(["en", "it"]);
    expect(signal.content.it.purpose).toBe("Parlare con gli utenti in sicurezza.");
  });

  it.each([
    ["an unknown kind", `<entry key="x" kind="poster"><title>X</title></entry>`, "vademecum.unknown-kind", 3],
    ["an entry without a title", `<entry key="x" kind="takeaway">\n<body>B</body></entry>`, "vademecum.entry-without-title", 3],
    ["a duplicate key", `<entry key="x" kind="takeaway"><title>A</title></entry>\n<entry key="x" kind="takeaway"><title>B</title></entry>`, "vademecum.duplicate-key", 4],
    ["a javascript link", `<entry key="x" kind="link"><title>A</title>\n<link href="javascript:alert(1)"/></entry>`, "vademecum.link-scheme", 4],
    ["a link to a local file", `<entry key="x" kind="link"><title>A</title>\n<link href="file:///etc/passwd"/></entry>`, "vademecum.link-scheme", 4],
  ])("reports %s with its line and leaves the entry out", (_label, body, code, line) => {
    const { entries, problems } = parseVademecumEntries([file("en", body)]);
    expect(problems).toEqual([expect.objectContaining({ code, line, file: "vademecum/entries.en.xml", severity: "error" })]);
    expect(entries.filter((entry) => entry.key === "x").length).toBe(code === "vademecum.duplicate-key" ? 1 : 0);
  });

  it("reports the same key with different kinds in two languages", () => {
    const { problems } = parseVademecumEntries([english, file("it", `<entry key="tool-signal" kind="glossary"><title>Signal</title></entry>`)]);
    expect(problems.map((problem) => problem.code)).toEqual(["vademecum.kind-mismatch"]);
  });

  it("takes the language from the file name when xml:lang is missing, and refuses another namespace", () => {
    const unnamed = file("nl", `<entry key="t" kind="takeaway"><title>Minder</title></entry>`, `xmlns="urn:x-vademecum:entries:1"`);
    expect(Object.keys(parseVademecumEntries([unnamed]).entries[0].content)).toEqual(["nl"]);
    const wrong = file("en", "", `xmlns="urn:example:other"`);
    expect(parseVademecumEntries([wrong]).problems.map((problem) => problem.code)).toEqual(["vademecum.not-entries"]);
  });
});
