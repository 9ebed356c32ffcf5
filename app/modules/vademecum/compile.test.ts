import { afterEach, describe, expect, it } from "vitest";
import { compileVademecum, type VademecumInput } from "./compile";
import type { DocumentEntry, VademecumDocument } from "./document";
import { SECURE_MESSAGING, VIDEO_CALLS, sampleInput } from "./fixtures";
import { VADEMECUM_LABELS } from "./labels";

const DATE = "2025-03-14";

function compile(input: VademecumInput, includeInProgress = true, date = DATE): VademecumDocument {
  return compileVademecum(input, { includeInProgress, date });
}

function entries(doc: VademecumDocument): DocumentEntry[] {
  return doc.sections.flatMap((section) => section.groups.flatMap((group) => group.entries));
}

function entry(doc: VademecumDocument, key: string): DocumentEntry {
  const found = [...entries(doc), ...doc.glossary].find((candidate) => candidate.key === key);
  if (!found) throw new Error(`no entry ${key}`);
  return found;
}

describe("compileVademecum", () => {
  it("puts entries in one section per DigComp area, in framework order, with Other last", () => {
    const doc = compile(sampleInput("it"));
    expect(doc.sections.map((section) => section.id)).toEqual(["area-2", "area-4", "other"]);
    expect(doc.sections[0].title.text).toBe("Comunicazione e collaborazione");
    expect(doc.sections[2].title.text).toBe("Altro");
    expect(entry(doc, "link-elastic").id).toBe("e-link-elastic");
    expect(doc.sections[2].groups[0].entries.map((item) => item.key)).toEqual(["link-elastic"]);
  });

  it("groups each area's entries by kind: takeaways, guides, checklists, tools, stories, links", () => {
    const doc = compile(sampleInput("it"));
    expect(doc.sections[0].groups.map((group) => group.kind)).toEqual(["checklist", "tool", "story"]);
    expect(doc.sections[1].groups.map((group) => group.kind)).toEqual(["takeaway", "guide", "link"]);
    expect(doc.sections[1].groups.map((group) => group.title)).toEqual(["Punti chiave", "Guide", "Link"]);
  });

  it("orders entries of a kind by competence, then alphabetically", () => {
    const doc = compile(sampleInput("it"));
    const tools = doc.sections[0].groups.find((group) => group.kind === "tool");
    // Signal is 2.1, Jitsi Meet 2.4, Instagram 2.6.
    expect(tools?.entries.map((item) => item.title)).toEqual([
      "Signal",
      "Jitsi Meet",
      "Instagram per il lavoro di strada",
    ]);
  });

  it("shows a tool card two modules share once, citing both modules", () => {
    const doc = compile(sampleInput("it"));
    const signals = entries(doc).filter((item) => item.key === "tool-signal");
    expect(signals).toHaveLength(1);
    expect(signals[0].sources.map((source) => source.title.text)).toEqual([
      "Messaggistica sicura con le persone seguite",
      "Outreach online con i giovani",
    ]);
    // The card's content comes from the module completed first, which has the full card.
    expect(signals[0].summary).toBe("App di messaggistica con crittografia end-to-end.");
    expect(signals[0].parts.map((part) => part.label)).toEqual(["A che cosa serve", "Rischi", "Privacy", "Alternative"]);
  });

  it("shows each entry in the reader's language when it has one, and marks those it lacks", () => {
    const italian = compile(sampleInput("it"));
    expect(entry(italian, "tool-signal")).toMatchObject({ lang: "it", fallback: false });
    expect(entry(italian, "tool-signal").fallbackNote).toBeUndefined();
    expect(entry(italian, "guide-verify-safety-number")).toMatchObject({
      title: "Verify a safety number",
      lang: "en",
      fallback: true,
      fallbackNote: "Mostrato in inglese",
    });

    const english = compile(sampleInput("en"));
    expect(entry(english, "tool-signal")).toMatchObject({ title: "Signal", lang: "en", fallback: false });
    expect(entry(english, "tool-instagram")).toMatchObject({ lang: "it", fallback: true, fallbackNote: "Shown in Italian" });
    expect(entry(english, "link-garante-privacy").title).toBe("Italian Data Protection Authority");
  });

  it("matches a regional language preference to the content's language", () => {
    const input = sampleInput("it");
    input.reader.languages = ["it-CH"];
    const doc = compile(input);
    expect(doc.lang).toBe("it");
    expect(entry(doc, "tool-signal")).toMatchObject({ lang: "it", fallback: false });
  });

  it("builds an entry from the LOM record of a module without vademecum entries", () => {
    const doc = compile(sampleInput("it"));
    const summary = entry(doc, "module:intro-digital-rights");
    expect(summary).toMatchObject({
      kind: "takeaway",
      title: "Digital rights of service users",
      lang: "en",
      fallback: true,
      competence: { code: "4.2" },
    });
    expect(summary.parts).toEqual([
      { type: "html", html: "<p>What the GDPR means for the people social services support.</p>" },
      {
        type: "list",
        style: "bullets",
        label: "Obiettivi di apprendimento",
        items: ["<span>Explain the right of access</span>", "<span>Recognise a data breach</span>"],
      },
    ]);
    expect(doc.sections[1].groups[0].entries.map((item) => item.key)).toContain("module:intro-digital-rights");
  });

  it("leaves out modules in progress unless asked, and then marks their entries", () => {
    const without = compile(sampleInput("it"), false);
    expect(entries(without).map((item) => item.key)).not.toContain("tool-jitsi");
    expect(without.modules.map((module) => module.id)).not.toContain("vademecum-video-calls");

    const withThem = compile(sampleInput("it"), true);
    expect(entry(withThem, "tool-jitsi")).toMatchObject({
      inProgress: true,
      sources: [{ moduleId: "vademecum-video-calls", inProgress: true }],
    });
    expect(withThem.modules.find((module) => module.id === "vademecum-video-calls")?.inProgress).toBe(true);
  });

  it("does not mark an entry in progress when a completed module also has it", () => {
    const input = sampleInput("en");
    input.modules = input.modules.map((module) =>
      module.id === VIDEO_CALLS.id ? { ...module, entries: [...module.entries, SECURE_MESSAGING.entries[0]] } : module,
    );
    const signal = entry(compile(input), "tool-signal");
    expect(signal.inProgress).toBe(false);
    expect(signal.sources.map((source) => source.inProgress)).toEqual([false, false, true]);
  });

  it("sorts the glossary in the reader's alphabetical order and keeps it out of the sections", () => {
    const doc = compile(sampleInput("it"));
    // Code-point order would put "eSIM" after "Outreach digitale".
    expect(doc.glossary.map((item) => item.title)).toEqual([
      "Autenticazione a due fattori",
      "Crittografia end-to-end",
      "eSIM",
      "Outreach digitale",
    ]);
    expect(entries(doc).some((item) => item.kind === "glossary")).toBe(false);
  });

  it("indexes tool cards alphabetically with the section each is in", () => {
    const doc = compile(sampleInput("it"));
    expect(doc.tools.map((tool) => [tool.title, tool.sectionId, tool.entryId])).toEqual([
      ["Instagram per il lavoro di strada", "area-2", "e-tool-instagram"],
      ["Jitsi Meet", "area-2", "e-tool-jitsi"],
      ["Signal", "area-2", "e-tool-signal"],
    ]);
    expect(doc.tools[0].sectionTitle.text).toBe("Comunicazione e collaborazione");
  });

  it("lists areas and their entries in the table of contents, then the back matter", () => {
    const doc = compile(sampleInput("it"));
    expect(doc.contents.map((item) => item.title)).toEqual([
      "2. Comunicazione e collaborazione",
      "4. Sicurezza",
      "Altro",
      "Il mio profilo di competenze",
      "Glossario",
      "Indice degli strumenti",
    ]);
    expect(doc.contents[0].children.map((item) => item.id)).toEqual(
      doc.sections[0].groups.flatMap((group) => group.entries.map((item) => item.id)),
    );
  });

  it("summarises the competence profile in framework order with level names", () => {
    const doc = compile(sampleInput("it"));
    expect(
      doc.profile.map((row) => [row.code, row.level, row.levelName?.text, row.selfRatedLevel, row.selfRatedLevelName?.text]),
    ).toEqual([
      ["2.1", 4, "Intermedio", 3, "Intermedio"],
      ["2.6", null, undefined, 2, "Base"],
      ["4.2", 3, "Intermedio", 4, "Intermedio"],
    ]);
  });

  it("states the pinned date in the reader's language and never reads the clock", () => {
    const doc = compile(sampleInput("it"));
    expect(doc.title).toBe("Il mio vademecum digitale");
    expect(doc.subtitle).toBe("Compilato per Maria Rossi, Cooperativa Sociale Aurora");
    expect(doc.date).toBe("2025-03-14T00:00:00Z");
    expect(doc.dateText).toBe("Compilato il 14 marzo 2025");
    expect(compile(sampleInput("en"), true, "2025-03-14T23:30:00+01:00").dateText).toBe("Compiled on 14 March 2025");
    const american = sampleInput("en");
    american.reader.languages = ["en-US"];
    expect(compile(american).dateText).toBe("Compiled on March 14, 2025");
    expect(() => compile(sampleInput("en"), true, "2025-03-14T10:00")).toThrow(RangeError);
    expect(() => compile(sampleInput("en"), true, "yesterday")).toThrow(RangeError);
  });

  it("titles an organisation's vademecum without a possessive", () => {
    const input = sampleInput("it");
    input.reader = { kind: "organisation", name: "Cooperativa Sociale Aurora", languages: ["it"] };
    const doc = compile(input);
    expect(doc.title).toBe("Vademecum digitale");
    expect(doc.subtitle).toBe("Compilato per Cooperativa Sociale Aurora");
  });

  it("compiles the same document whatever order the modules come in", () => {
    const input = sampleInput("it");
    const reversed = { ...input, modules: [...input.modules].reverse() };
    expect(compile(reversed)).toEqual(compile(input));
    expect(JSON.stringify(compile(input))).toBe(JSON.stringify(compile(input)));
  });

  it("gives every section and entry a unique id, even when keys differ only in punctuation", () => {
    const input = sampleInput("en");
    const card = SECURE_MESSAGING.entries[0];
    input.modules = [
      ...input.modules,
      {
        ...VIDEO_CALLS,
        id: "extra",
        status: "completed",
        completedAt: "2025-03-02T00:00:00Z",
        entries: [{ ...card, key: "tool signal" }],
      },
    ];
    const doc = compile(input);
    const ids = [
      ...doc.sections.flatMap((section) => [section.id, ...section.groups.flatMap((group) => [group.id, ...group.entries.map((item) => item.id)])]),
      ...doc.glossary.map((item) => item.id),
    ];
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toContain("e-tool-signal-2");
  });

  describe("labels", () => {
    afterEach(() => {
      delete VADEMECUM_LABELS.fr;
    });

    it("uses English for a reader whose languages have no labels", () => {
      const input = sampleInput("en");
      input.reader.languages = ["de"];
      const doc = compile(input);
      expect(doc.lang).toBe("en");
      expect(doc.title).toBe("My digital vademecum");
    });

    it("takes a third language from data alone, falling back to English per label", () => {
      VADEMECUM_LABELS.fr = { title: "Mon vademecum numérique", glossary: "Glossaire" };
      const input = sampleInput("en");
      input.reader.languages = ["fr", "en"];
      const doc = compile(input);
      expect(doc.lang).toBe("fr");
      expect(doc.title).toBe("Mon vademecum numérique");
      expect(doc.labels.glossary).toBe("Glossaire");
      expect(doc.labels.toolIndex).toBe("Index of tools");
      // English content is in one of the reader's languages, so it is not marked.
      expect(entry(doc, "tool-signal")).toMatchObject({ lang: "en", fallback: false });
    });
  });
});
