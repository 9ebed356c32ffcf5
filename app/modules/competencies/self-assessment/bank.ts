import { z } from "zod";
import type { LangString } from "../../i18n/lang-string";
import type { CompetenceEvidence } from "../evidence";
import { zodIssues, type CompetenceFramework, type ParseResult, type ValidationIssue } from "../framework";
import { scoreKnowledgeItems, type QuizAnswers, type ScorableItem } from "../quiz";

/**
 * The self-assessment: per competence a self-rating question on a five-step scale and a few
 * knowledge items. It is stored as one file per language (`<framework>.<lang>.json`, format in
 * docs/frameworks.md); a language is added by adding a file. Every file repeats the structure
 * (steps and their levels, item ids, levels, options, correct answers) so that a translator sees
 * the whole item, and parseSelfAssessmentBank checks that all files agree on it.
 */
export const SELF_ASSESSMENT_FORMAT = "vademecum-self-assessment/1";

const text = z.string().trim().min(1, "must not be empty");

const optionSchema = z.object({ id: z.string().min(1), text });

const itemSchema = z
  .object({
    id: z.string().min(1),
    level: z.number().int().min(1),
    type: z.enum(["multiple-choice", "true-false"]),
    stem: text,
    options: z.array(optionSchema).min(2).max(4),
    correct: z.string().min(1),
    explanation: text,
  })
  .superRefine((item, context) => {
    const ids = item.options.map((option) => option.id);
    if (new Set(ids).size !== ids.length) {
      context.addIssue({ code: "custom", path: ["options"], message: "option ids must be different" });
    }
    if (item.type === "true-false" && (ids.length !== 2 || !ids.includes("true") || !ids.includes("false"))) {
      context.addIssue({
        code: "custom",
        path: ["options"],
        message: 'a true-false item has exactly the options "true" and "false"',
      });
    }
    if (item.type === "multiple-choice" && ids.length < 3) {
      context.addIssue({ code: "custom", path: ["options"], message: "a multiple-choice item has 3 or 4 options" });
    }
    if (!ids.includes(item.correct)) {
      context.addIssue({
        code: "custom",
        path: ["correct"],
        message: `"${item.correct}" is not one of the options (${ids.join(", ")})`,
      });
    }
  });

export const selfAssessmentFileSchema = z.object({
  format: z.literal(SELF_ASSESSMENT_FORMAT, { error: `must be "${SELF_ASSESSMENT_FORMAT}"` }),
  framework: text,
  language: z.string().regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'must be a language tag such as "en" or "it"'),
  title: text,
  scale: z.object({
    prompt: text,
    steps: z
      .array(z.object({ step: z.number().int().min(1), level: z.number().int().min(0), label: text }))
      .min(2),
  }),
  questions: z
    .array(
      z.object({
        competence: text,
        question: text,
        knowledgeItems: z.array(itemSchema),
      }),
    )
    .min(1),
});

export type SelfAssessmentFile = z.infer<typeof selfAssessmentFileSchema>;

export interface SelfRatingStep {
  /** 1 is the lowest step. */
  step: number;
  /** The proficiency level the step stands for (0 = no level). */
  level: number;
  label: LangString;
}

export interface KnowledgeItem extends ScorableItem {
  type: "multiple-choice" | "true-false";
  stem: LangString;
  options: { id: string; text: LangString }[];
  explanation: LangString;
}

export interface SelfAssessmentQuestion {
  competence: string;
  question: LangString;
  knowledgeItems: KnowledgeItem[];
}

export interface SelfAssessmentBank {
  /** Framework key, e.g. "DigComp 2.2". */
  framework: string;
  languages: string[];
  title: LangString;
  prompt: LangString;
  scale: SelfRatingStep[];
  questions: SelfAssessmentQuestion[];
}

/** One language file as read from disk; `name` only serves to say where a problem is. */
export interface NamedFile {
  name: string;
  data: unknown;
}

/**
 * Merges the language files of one self-assessment into a bank with LangStrings. The first file
 * gives the structure; any other file that differs in it is an error naming the file and path.
 * With a framework, every competence must belong to it; competences without a question are warnings.
 */
export function parseSelfAssessmentBank(
  files: readonly NamedFile[],
  framework?: CompetenceFramework,
): ParseResult<SelfAssessmentBank> {
  const errors: ValidationIssue[] = [];
  const warnings: ValidationIssue[] = [];
  const parsed: { name: string; file: SelfAssessmentFile }[] = [];
  for (const { name, data } of files) {
    const result = selfAssessmentFileSchema.safeParse(data);
    if (result.success) parsed.push({ name, file: result.data });
    else errors.push(...zodIssues(result.error).map((issue) => ({ ...issue, file: name })));
  }
  if (files.length === 0) errors.push({ path: "$", message: "no self-assessment file given" });
  if (errors.length > 0) return { ok: false, errors };

  const [reference, ...others] = parsed;
  const seenLanguages = new Map<string, string>();
  for (const { name, file } of parsed) {
    const earlier = seenLanguages.get(file.language);
    if (earlier) errors.push({ file: name, path: "$.language", message: `"${file.language}" is also the language of ${earlier}` });
    seenLanguages.set(file.language, name);
  }
  for (const { name, file } of others) errors.push(...structureDifferences(reference.file, file, name));
  errors.push(...referenceProblems(reference, framework, warnings));
  if (errors.length > 0) return { ok: false, errors };

  const inAll = (pick: (file: SelfAssessmentFile) => string): LangString =>
    Object.fromEntries(parsed.map(({ file }) => [file.language, pick(file)]));
  const bank: SelfAssessmentBank = {
    framework: reference.file.framework,
    languages: parsed.map(({ file }) => file.language),
    title: inAll((file) => file.title),
    prompt: inAll((file) => file.scale.prompt),
    scale: reference.file.scale.steps.map((step, index) => ({
      step: step.step,
      level: step.level,
      label: inAll((file) => file.scale.steps[index].label),
    })),
    questions: reference.file.questions.map((question, questionIndex) => ({
      competence: question.competence,
      question: inAll((file) => file.questions[questionIndex].question),
      knowledgeItems: question.knowledgeItems.map((item, itemIndex) => {
        const itemIn = (file: SelfAssessmentFile) => file.questions[questionIndex].knowledgeItems[itemIndex];
        return {
          id: item.id,
          competence: question.competence,
          level: item.level,
          type: item.type,
          correctOptionId: item.correct,
          stem: inAll((file) => itemIn(file).stem),
          options: item.options.map((option, optionIndex) => ({
            id: option.id,
            text: inAll((file) => itemIn(file).options[optionIndex].text),
          })),
          explanation: inAll((file) => itemIn(file).explanation),
        };
      }),
    })),
  };
  return { ok: true, value: bank, warnings };
}

function referenceProblems(
  { name, file }: { name: string; file: SelfAssessmentFile },
  framework: CompetenceFramework | undefined,
  warnings: ValidationIssue[],
): ValidationIssue[] {
  const errors: ValidationIssue[] = [];
  file.scale.steps.forEach((step, index) => {
    if (step.step !== index + 1) {
      errors.push({ file: name, path: `$.scale.steps[${index}].step`, message: `steps are numbered 1, 2, 3…: expected ${index + 1}` });
    }
    if (index > 0 && step.level < file.scale.steps[index - 1].level) {
      errors.push({ file: name, path: `$.scale.steps[${index}].level`, message: "a higher step cannot stand for a lower level" });
    }
    if (framework && step.level > framework.levels.length) {
      errors.push({ file: name, path: `$.scale.steps[${index}].level`, message: `${framework.key} has no level ${step.level}` });
    }
  });
  const competences = new Set<string>();
  const itemIds = new Set<string>();
  file.questions.forEach((question, questionIndex) => {
    const path = `$.questions[${questionIndex}]`;
    if (competences.has(question.competence)) {
      errors.push({ file: name, path: `${path}.competence`, message: `competence ${question.competence} has two questions` });
    }
    competences.add(question.competence);
    if (framework && !framework.competences.some((competence) => competence.code === question.competence)) {
      errors.push({ file: name, path: `${path}.competence`, message: `${framework.key} has no competence "${question.competence}"` });
    }
    question.knowledgeItems.forEach((item, itemIndex) => {
      if (itemIds.has(item.id)) {
        errors.push({ file: name, path: `${path}.knowledgeItems[${itemIndex}].id`, message: `item id "${item.id}" is used twice` });
      }
      itemIds.add(item.id);
      if (framework && item.level > framework.levels.length) {
        errors.push({ file: name, path: `${path}.knowledgeItems[${itemIndex}].level`, message: `${framework.key} has no level ${item.level}` });
      }
    });
  });
  if (framework && file.framework !== framework.key) {
    errors.push({ file: name, path: "$.framework", message: `the file is for "${file.framework}", not "${framework.key}"` });
  }
  for (const competence of framework?.competences ?? []) {
    if (!competences.has(competence.code)) {
      warnings.push({ file: name, path: "$.questions", message: `competence ${competence.code} has no question` });
    }
  }
  return errors;
}

/** Where a translation differs from the reference file in anything but its texts. */
function structureDifferences(reference: SelfAssessmentFile, file: SelfAssessmentFile, name: string): ValidationIssue[] {
  const errors: ValidationIssue[] = [];
  const differ = (path: string, what: string, expected: unknown, found: unknown) => {
    if (expected !== found) {
      errors.push({ file: name, path, message: `${what} differs from the first file: expected ${JSON.stringify(expected)}, found ${JSON.stringify(found)}` });
    }
  };
  differ("$.framework", "the framework", reference.framework, file.framework);
  differ("$.scale.steps", "the number of steps", reference.scale.steps.length, file.scale.steps.length);
  reference.scale.steps.forEach((step, index) => {
    const other = file.scale.steps[index];
    if (other) differ(`$.scale.steps[${index}].level`, "the level of this step", step.level, other.level);
  });
  differ("$.questions", "the number of questions", reference.questions.length, file.questions.length);
  reference.questions.forEach((question, questionIndex) => {
    const other = file.questions[questionIndex];
    if (!other) return;
    const path = `$.questions[${questionIndex}]`;
    differ(`${path}.competence`, "the competence", question.competence, other.competence);
    differ(`${path}.knowledgeItems`, "the number of items", question.knowledgeItems.length, other.knowledgeItems.length);
    question.knowledgeItems.forEach((item, itemIndex) => {
      const otherItem = other.knowledgeItems[itemIndex];
      if (!otherItem) return;
      const itemPath = `${path}.knowledgeItems[${itemIndex}]`;
      differ(`${itemPath}.id`, "the item id", item.id, otherItem.id);
      differ(`${itemPath}.level`, "the level", item.level, otherItem.level);
      differ(`${itemPath}.type`, "the type", item.type, otherItem.type);
      differ(`${itemPath}.correct`, "the correct answer", item.correct, otherItem.correct);
      differ(
        `${itemPath}.options`,
        "the option ids",
        item.options.map((option) => option.id).join(","),
        otherItem.options.map((option) => option.id).join(","),
      );
    });
  });
  return errors;
}

/** The level a step of the self-rating scale stands for, or undefined for a step that does not exist. */
export function selfRatingLevel(bank: SelfAssessmentBank, step: number): number | undefined {
  return bank.scale.find((candidate) => candidate.step === step)?.level;
}

export interface SelfAssessmentResponse {
  /** The step chosen, by competence code; competences left out were not rated. */
  ratings: Readonly<Record<string, number | undefined>>;
  /** The option chosen, by knowledge item id. */
  answers: QuizAnswers;
}

/**
 * The evidence one completed self-assessment gives: a self-rating per rated competence and a
 * quiz result per competence with answered items. Ids are `<sourceId>:self-rating:<code>` and
 * `<sourceId>:quiz:<code>`, so saving the same submission twice yields the same records.
 */
export function selfAssessmentEvidence(
  bank: SelfAssessmentBank,
  response: SelfAssessmentResponse,
  context: { at: Date; sourceId: string; sourceTitle?: string },
): CompetenceEvidence[] {
  const source = { id: context.sourceId, ...(context.sourceTitle ? { title: context.sourceTitle } : {}) };
  const base = (competence: string) => ({ framework: bank.framework, competence, occurredAt: context.at, source });
  const evidence: CompetenceEvidence[] = [];
  for (const question of bank.questions) {
    const step = response.ratings[question.competence];
    const level = step === undefined ? undefined : selfRatingLevel(bank, step);
    if (level === undefined) continue;
    evidence.push({
      id: `${context.sourceId}:self-rating:${question.competence}`,
      kind: "self-rating",
      level,
      ...base(question.competence),
    });
  }
  const items = bank.questions.flatMap((question) => question.knowledgeItems);
  for (const outcome of scoreKnowledgeItems(items, response.answers)) {
    evidence.push({
      id: `${context.sourceId}:quiz:${outcome.competence}`,
      kind: "quiz",
      level: outcome.level,
      ...base(outcome.competence),
    });
  }
  return evidence;
}
