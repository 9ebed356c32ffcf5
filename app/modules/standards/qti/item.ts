import { sanitizeXhtml } from "../../content/sanitize";
import { ProblemCollector, type Problem } from "../report";
import { attribute, childElement, childElements, parseXml, textContent, XML_NAMESPACE, XmlError, type XmlElement } from "../xml";
import { serializeMarkup } from "./markup";

/**
 * IMS QTI 2.1 assessment items with one choiceInteraction (single or multiple response; a
 * true/false item is a choice between two). Other interactions are reported and the item is
 * skipped. Text is sanitized XHTML.
 */

export const QTI_NAMESPACE = "http://www.imsglobal.org/xsd/imsqti_v2p1";

export interface ChoiceItem {
  identifier: string;
  title: string | null;
  language: string | null;
  /** The item body outside the interaction (sanitized XHTML), often the case being asked about. */
  stem: string;
  /** The interaction's prompt (sanitized XHTML). */
  prompt: string;
  cardinality: "single" | "multiple";
  /** At most this many choices may be selected; 0 means no limit. */
  maxChoices: number;
  shuffle: boolean;
  choices: { identifier: string; text: string; fixed: boolean }[];
  correctResponse: string[];
  /** responseDeclaration/mapping: points per choice, when the item scores by mapping. */
  mapping: { entries: Record<string, number>; defaultValue: number; lowerBound: number | null; upperBound: number | null } | null;
}

export function parseAssessmentItem(text: string, context: { file: string }): { item?: ChoiceItem; problems: Problem[] } {
  const problems = new ProblemCollector();
  const file = context.file;
  let root: XmlElement;
  try {
    root = parseXml(text, { file });
  } catch (error) {
    if (!(error instanceof XmlError)) throw error;
    problems.error(error.code, error.message, { file: error.file, line: error.line }, error.params);
    return { problems: problems.problems };
  }
  const at = (element: XmlElement) => ({ file, line: element.line, element: element.name });
  if (root.local !== "assessmentItem" || root.ns !== QTI_NAMESPACE) {
    problems.error("qti.not-assessment-item", `Expected a QTI 2.1 assessmentItem (namespace ${QTI_NAMESPACE}), found <${root.name}>.`, at(root), {
      namespace: QTI_NAMESPACE,
      element: root.name,
    });
    return { problems: problems.problems };
  }
  const identifier = attribute(root, "identifier") ?? "";
  if (!identifier) problems.error("qti.missing-identifier", "The assessmentItem has no identifier.", at(root));
  const body = childElement(root, "itemBody");
  const interactions = body ? findInteractions(body) : [];
  const unsupported = interactions.filter((element) => element.local !== "choiceInteraction");
  if (unsupported.length > 0 || interactions.length > 1) {
    const names = [...new Set(interactions.map((element) => element.local))].join(", ");
    problems.warning(
      "qti.unsupported-interaction",
      `Item "${identifier}" uses ${names}; only items with a single choiceInteraction are supported, so the item is skipped.`,
      at(unsupported[0] ?? interactions[1]),
      { identifier, interactions: names },
    );
    return { problems: problems.problems };
  }
  const interaction = interactions[0];
  if (!body || !interaction) {
    problems.error("qti.no-interaction", `Item "${identifier}" has no choiceInteraction.`, at(body ?? root), { identifier });
    return { problems: problems.problems };
  }
  const responseIdentifier = attribute(interaction, "responseIdentifier");
  const declaration = childElements(root, "responseDeclaration").find(
    (element) => attribute(element, "identifier") === responseIdentifier,
  );
  if (!declaration) {
    problems.error(
      "qti.no-response-declaration",
      `The choiceInteraction's responseIdentifier "${responseIdentifier ?? ""}" has no responseDeclaration.`,
      at(interaction),
      { responseIdentifier: responseIdentifier ?? "" },
    );
    return { problems: problems.problems };
  }
  const cardinality = attribute(declaration, "cardinality");
  if (cardinality !== "single" && cardinality !== "multiple") {
    problems.error(
      "qti.cardinality",
      `responseDeclaration "${responseIdentifier}" has cardinality "${cardinality ?? ""}"; choice items need single or multiple.`,
      at(declaration),
      { responseIdentifier: responseIdentifier ?? "", cardinality: cardinality ?? "" },
    );
    return { problems: problems.problems };
  }
  const choices = childElements(interaction, "simpleChoice").map((choice) => ({
    identifier: attribute(choice, "identifier") ?? "",
    text: sanitizeXhtml(serializeMarkup(choice.children, { skip: isFeedback })),
    fixed: attribute(choice, "fixed") === "true",
  }));
  if (choices.length < 2) {
    problems.error("qti.too-few-choices", `Item "${identifier}" offers ${choices.length} choice(s); it needs at least two.`, at(interaction), {
      identifier,
      choices: choices.length,
    });
  }
  const correctElement = childElement(declaration, "correctResponse");
  const correctResponse = correctElement ? childElements(correctElement, "value").map((value) => textContent(value).trim()) : [];
  if (correctResponse.length === 0) {
    problems.error("qti.no-correct-response", `Item "${identifier}" does not say which choice is correct.`, at(declaration), { identifier });
  }
  for (const value of correctResponse) {
    if (!choices.some((choice) => choice.identifier === value)) {
      problems.error("qti.unknown-choice", `The correct response "${value}" is not one of the item's choices.`, at(correctElement!), { value });
    }
  }
  if (cardinality === "single" && correctResponse.length > 1) {
    problems.error("qti.cardinality", `Item "${identifier}" has a single response but ${correctResponse.length} correct values.`, at(correctElement!), {
      identifier,
      values: correctResponse.length,
      context: "single",
    });
  }
  if (problems.hasErrors()) return { problems: problems.problems };
  const prompt = childElement(interaction, "prompt");
  const maxChoicesText = attribute(interaction, "maxChoices");
  const title = attribute(root, "title")?.trim();
  return {
    item: {
      identifier,
      title: title ? title : null,
      language: attribute(root, "lang", XML_NAMESPACE) ?? attribute(root, "language") ?? null,
      stem: sanitizeXhtml(serializeMarkup(body.children, { skip: (element) => element === interaction || isFeedback(element) })),
      prompt: prompt ? sanitizeXhtml(serializeMarkup(prompt.children)) : "",
      cardinality,
      maxChoices: cardinality === "single" ? 1 : maxChoicesText !== undefined && /^\d+$/.test(maxChoicesText) ? Number(maxChoicesText) : 1,
      shuffle: attribute(interaction, "shuffle") === "true",
      choices,
      correctResponse,
      mapping: readMapping(declaration),
    },
    problems: problems.problems,
  };
}

/** Scores a response: mapped points when the item has a mapping, else 1 for exactly the correct choices. */
export function scoreResponse(item: ChoiceItem, selectedChoiceIds: readonly string[]): { correct: boolean; score: number } {
  const selected = [...new Set(selectedChoiceIds)];
  const tooMany = item.maxChoices > 0 && selected.length > item.maxChoices;
  const correct =
    !tooMany &&
    selected.length === item.correctResponse.length &&
    selected.every((choice) => item.correctResponse.includes(choice));
  if (!item.mapping || tooMany) return { correct, score: correct ? 1 : 0 };
  const { entries, defaultValue, lowerBound, upperBound } = item.mapping;
  let score = selected.reduce((total, choice) => total + (entries[choice] ?? defaultValue), 0);
  if (lowerBound !== null) score = Math.max(lowerBound, score);
  if (upperBound !== null) score = Math.min(upperBound, score);
  return { correct, score };
}

function readMapping(declaration: XmlElement): ChoiceItem["mapping"] {
  const mapping = childElement(declaration, "mapping");
  if (!mapping) return null;
  const number = (name: string) => {
    const value = attribute(mapping, name);
    return value !== undefined && Number.isFinite(Number(value)) ? Number(value) : null;
  };
  const entries: Record<string, number> = {};
  for (const entry of childElements(mapping, "mapEntry")) {
    const key = attribute(entry, "mapKey");
    const value = Number(attribute(entry, "mappedValue"));
    if (key !== undefined && Number.isFinite(value)) entries[key] = value;
  }
  return { entries, defaultValue: number("defaultValue") ?? 0, lowerBound: number("lowerBound"), upperBound: number("upperBound") };
}

function findInteractions(element: XmlElement): XmlElement[] {
  const found: XmlElement[] = [];
  for (const child of childElements(element)) {
    if (child.local.endsWith("Interaction")) found.push(child);
    else found.push(...findInteractions(child));
  }
  return found;
}

function isFeedback(element: XmlElement): boolean {
  return element.local === "feedbackInline" || element.local === "feedbackBlock" || element.local === "modalFeedback";
}
