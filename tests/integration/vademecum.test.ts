import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { digComp22 } from "../../app/modules/competencies/digcomp";
import { storeFramework } from "../../app/modules/competencies/frameworks.server";
import { importPackage } from "../../app/modules/packages/import.server";
import { COURSE_NODE, recordProgress } from "../../app/modules/progress/progress.server";
import { attribute, childElement, childElements, parseXml, textContent } from "../../app/modules/standards/xml";
import { compileVademecum } from "../../app/modules/vademecum/compile";
import type { DocumentEntry, VademecumDocument } from "../../app/modules/vademecum/document";
import { learnerVademecumInput, organisationVademecumInput } from "../../app/modules/vademecum/input.server";
import { learnerVademecum, organisationVademecum, renderVademecum } from "../../app/modules/vademecum/vademecum.server";
import { setUpTestDatabase } from "../support/test-db";
import { readZip } from "../support/zip";

const database = setUpTestDatabase();
const DATE = "2026-02-01";
const SECURE = "vademecum-secure-communication";
const OUTREACH = "vademecum-online-outreach";
const INCLUSION = "vademecum-digital-inclusion";

const ids = { ana: "", maria: "", organisation: "", otherOrganisation: "", courses: {} as Record<string, string> };

async function importCourse(source: string) {
  const outcome = await importPackage(database.db, path.resolve(source), { contentDir: path.join(database.dir, "content") });
  if (!outcome.ok) throw new Error(`${source} did not import: ${outcome.validation.errors.map((e) => e.message).join("; ")}`);
  return outcome;
}

async function enrol(userId: string, courseId: string, status: "completed" | "in-progress", at: string) {
  const course = await database.db.coursePackage.findFirstOrThrow({ where: { courseId }, orderBy: { version: "desc" } });
  const enrolment = await database.db.enrolment.create({ data: { userId, courseId, packageId: course.id } });
  await recordProgress(database.db, enrolment.id, COURSE_NODE, { status, at });
  return enrolment.id;
}

function allEntries(doc: VademecumDocument): DocumentEntry[] {
  return [...doc.sections.flatMap((section) => section.groups.flatMap((group) => group.entries)), ...doc.glossary];
}

async function learnerDoc(userId: string, languages: string[], includeInProgress = false) {
  const input = await learnerVademecumInput(database.db, userId, { includeInProgress, languages, date: DATE });
  return compileVademecum(input!, { includeInProgress, date: DATE });
}

beforeAll(async () => {
  const db = database.db;
  await storeFramework(db, digComp22());
  for (const folder of ["01-secure-communication", "02-online-outreach", "03-digital-inclusion", "04-collaboration-peer-support"]) {
    const outcome = await importCourse(`courses/${folder}`);
    const course = await db.course.findUniqueOrThrow({ where: { id: outcome.courseId } });
    ids.courses[course.identifier] = course.id;
  }
  const organisation = await db.organisation.create({ data: { slug: "aurora", name: "Cooperativa Sociale Aurora" } });
  const other = await db.organisation.create({ data: { slug: "altra", name: "Altra Cooperativa" } });
  ids.organisation = organisation.id;
  ids.otherOrganisation = other.id;
  const ana = await db.user.create({ data: { email: "ana@example.org", name: "Ana Silva", passwordHash: "x" } });
  ids.ana = ana.id;
  await db.membership.create({ data: { userId: ana.id, organisationId: organisation.id } });
  await enrol(ana.id, ids.courses[OUTREACH], "completed", "2026-01-20T10:00:00Z");
  await enrol(ana.id, ids.courses[SECURE], "completed", "2026-01-10T10:00:00Z");
  await enrol(ana.id, ids.courses[INCLUSION], "in-progress", "2026-01-25T10:00:00Z");
});

describe("a learner's vademecum from the database", () => {
  it("holds the modules they completed, each shared card once citing every module", async () => {
    const doc = await learnerDoc(ids.ana, ["en"]);
    expect(doc.subtitle).toBe("Compiled for Ana Silva, Cooperativa Sociale Aurora");
    expect(doc.modules.map((module) => [module.id, module.inProgress])).toEqual([
      [SECURE, false],
      [OUTREACH, false],
    ]);
    const signal = allEntries(doc).filter((entry) => entry.key === "tool-signal");
    expect(signal).toHaveLength(1);
    expect(signal[0].sources.map((source) => source.moduleId)).toEqual([SECURE, OUTREACH]);
    const keys = allEntries(doc).map((entry) => entry.key);
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys).toContain("tool-password-manager");
    expect(keys.some((key) => key.includes("inclusion"))).toBe(false);
  });

  it("has one section per DigComp area in the framework's order, then the glossary and the index of tools", async () => {
    const doc = await learnerDoc(ids.ana, ["en"]);
    const codes = doc.sections.map((section) => section.code);
    expect(codes).toEqual(["2", "4"]);
    expect(doc.sections[0].title.text).toBe("Communication and collaboration");
    const glossary = doc.glossary.map((entry) => entry.title);
    expect(glossary.length).toBeGreaterThan(3);
    expect(glossary).toEqual([...glossary].sort((a, b) => a.localeCompare(b, "en", { sensitivity: "base" })));
    expect(doc.glossary.filter((entry) => entry.key === "glossary-gdpr")).toHaveLength(1);
    expect(doc.tools.map((tool) => tool.title)).toContain("Signal");
    expect(doc.contents.slice(-3).map((item) => item.id)).toEqual(["profile", "glossary", "tools"]);
  });

  it("sums up their competence profile from the evidence the completions gave", async () => {
    const doc = await learnerDoc(ids.ana, ["en"]);
    const profile = new Map(doc.profile.map((row) => [row.code, row.level]));
    expect(profile.get("2.1")).toBe(4);
    expect(profile.get("2.6")).toBeGreaterThan(0);
    expect(profile.has("5.1")).toBe(false);
  });

  it("adds the modules in progress only when asked, marked as such", async () => {
    const doc = await learnerDoc(ids.ana, ["en"], true);
    const inclusion = doc.modules.find((module) => module.id === INCLUSION);
    expect(inclusion?.inProgress).toBe(true);
    const fromInclusion = allEntries(doc).filter((entry) => entry.sources.every((source) => source.moduleId === INCLUSION));
    expect(fromInclusion.length).toBeGreaterThan(0);
    expect(fromInclusion.every((entry) => entry.inProgress)).toBe(true);
  });

  it("is compiled from current data: a module completed now is in the next compilation", async () => {
    const other = await database.db.user.create({ data: { email: "new@example.org", name: "New Learner", passwordHash: "x" } });
    const before = await learnerVademecum(database.db, other.id, { date: DATE, includeInProgress: false }, ["en"]);
    expect(before?.modules).toEqual([]);
    await enrol(other.id, ids.courses[SECURE], "completed", "2026-01-30T08:00:00Z");
    const after = await learnerVademecum(database.db, other.id, { date: DATE, includeInProgress: false }, ["en"]);
    expect(after?.modules.map((module) => module.id)).toEqual([SECURE]);
    expect(after?.subtitle).toBe("Compiled for New Learner");
  });

  it("is in Italian for an Italian learner, and in English, marked, where the version they took lacks a translation", async () => {
    const copy = path.join(database.dir, "secure-partly-translated");
    fs.cpSync(path.resolve("courses/01-secure-communication"), copy, { recursive: true });
    const italian = path.join(copy, "vademecum", "entries.it.xml");
    fs.writeFileSync(
      italian,
      fs.readFileSync(italian, "utf8").replace(/<entry key="tool-password-manager"[\s\S]*?<\/entry>/, ""),
    );
    const version = await importCourse(copy);
    expect(version.version).toBe(2);
    const maria = await database.db.user.create({ data: { email: "maria@example.org", name: "Maria Rossi", passwordHash: "x", locale: "it" } });
    await enrol(maria.id, ids.courses[SECURE], "completed", "2026-01-15T09:00:00Z");

    const doc = await learnerDoc(maria.id, ["it"]);
    expect(doc.title).toBe("Il mio vademecum digitale");
    expect(doc.sections[0].title.text).toBe("Comunicazione e collaborazione");
    const manager = allEntries(doc).find((entry) => entry.key === "tool-password-manager")!;
    expect(manager).toMatchObject({ title: "Password manager", lang: "en", fallback: true, fallbackNote: "Mostrato in inglese" });
    const signal = allEntries(doc).find((entry) => entry.key === "tool-signal")!;
    expect(signal).toMatchObject({ lang: "it", fallback: false });

    // Ana took version 1, which has every translation.
    const ana = await learnerDoc(ids.ana, ["it"]);
    expect(allEntries(ana).find((entry) => entry.key === "tool-password-manager")).toMatchObject({
      title: "Gestore di password",
      fallback: false,
    });
  });
});

describe("an organisation's vademecum from the database", () => {
  beforeAll(async () => {
    const db = database.db;
    await db.assignment.create({ data: { organisationId: ids.organisation, courseId: ids.courses[SECURE] } });
    await db.assignment.create({ data: { organisationId: ids.organisation, courseId: ids.courses[SECURE], userId: ids.ana } });
    await db.assignment.create({ data: { organisationId: ids.otherOrganisation, courseId: ids.courses["vademecum-collaboration-peer-support"] } });
  });

  it("holds every course it assigned, once, in its newest version, and nothing another organisation assigned", async () => {
    const input = await organisationVademecumInput(database.db, ids.organisation, { languages: ["it"] });
    expect(input?.modules.map((module) => [module.id, module.status])).toEqual([[SECURE, "completed"]]);
    const doc = await organisationVademecum(database.db, ids.organisation, { date: DATE, includeInProgress: false }, ["it"]);
    expect(doc?.title).toBe("Vademecum digitale");
    expect(doc?.subtitle).toBe("Compilato per Cooperativa Sociale Aurora");
    // Version 2 lacks the Italian password manager card.
    expect(allEntries(doc!).find((entry) => entry.key === "tool-password-manager")?.fallback).toBe(true);
    expect(doc?.profile).toEqual([]);
  });

  it("is null for an organisation that does not exist", async () => {
    await expect(organisationVademecumInput(database.db, "missing", { languages: ["en"] })).resolves.toBeNull();
  });
});

describe("the files compiled from the database", () => {
  let doc: VademecumDocument;
  const dir = () => path.join(database.dir, "files");
  beforeAll(async () => {
    doc = (await learnerVademecum(database.db, ids.ana, { date: DATE, includeInProgress: false }, ["en"]))!;
    fs.mkdirSync(dir(), { recursive: true });
  });

  const tool = (command: string, args: string[]) => execFileSync(command, args, { encoding: "utf8", maxBuffer: 64 << 20 });

  it("gives a tagged A4 PDF with bookmarks for the areas and entries, and every entry in its text", async () => {
    const file = path.join(dir(), "vademecum.pdf");
    fs.writeFileSync(file, await renderVademecum(doc, "pdf"));
    const info = tool("pdfinfo", [file]);
    expect(info).toMatch(/Tagged:\s+yes/);
    expect(info).toMatch(/Page size:\s+595\.28 x 841\.89 pts \(A4\)/);
    expect(Number(/Pages:\s+(\d+)/.exec(info)?.[1])).toBeGreaterThanOrEqual(10);

    const outline = tool("pdftohtml", ["-xml", "-i", "-stdout", file]);
    const bookmarks = [...outline.matchAll(/<item page="\d+">([^<]*)<\/item>/g)].map((match) => match[1].replace(/&amp;/g, "&"));
    expect(bookmarks[0]).toBe("Contents");
    expect(bookmarks.filter((title) => /^\d\. /.test(title))).toEqual(["2. Communication and collaboration", "4. Safety"]);
    expect(bookmarks).toContain("Signal");
    expect(bookmarks.slice(-3)).toEqual(["My competence profile", "Glossary", "Index of tools"]);

    const text = tool("pdftotext", [file, "-"]).replace(/\s+/g, " ");
    for (const entry of allEntries(doc)) expect(text, entry.title).toContain(entry.title.replace(/\s+/g, " "));
  });

  it("gives an EPUB 3 whose mimetype comes first, uncompressed, and whose package and navigation documents parse", async () => {
    const entries = await readZip(await renderVademecum(doc, "epub"));
    expect(entries[0]).toMatchObject({ name: "mimetype", compressionMethod: 0, content: "application/epub+zip" });
    const files = new Map(entries.map((entry) => [entry.name, entry.content]));
    const container = parseXml(files.get("META-INF/container.xml")!, { file: "container.xml" });
    const opfPath = attribute(childElement(childElement(container, "rootfiles")!, "rootfile")!, "full-path")!;
    const opf = parseXml(files.get(opfPath)!, { file: opfPath });
    expect(attribute(opf, "version")).toBe("3.0");
    expect(textContent(childElement(childElement(opf, "metadata")!, "title")!)).toBe("My digital vademecum");
    const base = path.posix.dirname(opfPath);
    const items = childElements(childElement(opf, "manifest")!, "item");
    for (const item of items) expect(files.has(path.posix.join(base, attribute(item, "href")!))).toBe(true);
    const navItem = items.find((item) => (attribute(item, "properties") ?? "").split(" ").includes("nav"))!;
    const navPath = path.posix.join(base, attribute(navItem, "href")!);
    expect(() => parseXml(files.get(navPath)!, { file: navPath })).not.toThrow();
    expect(files.get(navPath)).toContain("Signal");
  });

  it.each(["html", "pdf", "epub"] as const)("gives the same %s bytes for the same data and date", async (format) => {
    const again = await learnerVademecum(database.db, ids.ana, { date: DATE, includeInProgress: false }, ["en"]);
    const first = await renderVademecum(doc, format);
    expect((await renderVademecum(again!, format)).equals(first)).toBe(true);
    const later = await learnerVademecum(database.db, ids.ana, { date: "2026-03-01", includeInProgress: false }, ["en"]);
    expect((await renderVademecum(later!, format)).equals(first)).toBe(false);
  });
});
