import { pickLanguage, type LangString } from "../../i18n/lang-string";
import type { CompetenceArea, CompetenceFramework } from "../framework";
import type { KnowledgeItem, SelfAssessmentBank, SelfAssessmentQuestion, SelfAssessmentResponse } from "./bank";

/**
 * The self-assessment page by page: one framework area per step, answers kept between steps in
 * SelfAssessment.answers so a learner can stop and come back.
 */
export interface AssessmentStep {
  area: CompetenceArea;
  questions: SelfAssessmentQuestion[];
}

/** The areas that have questions, in the framework's order. */
export function assessmentSteps(bank: SelfAssessmentBank, framework: CompetenceFramework): AssessmentStep[] {
  const areaOf = new Map(framework.competences.map((competence) => [competence.code, competence.areaCode]));
  return framework.areas
    .map((area) => ({
      area,
      questions: bank.questions.filter((question) => areaOf.get(question.competence) === area.code),
    }))
    .filter((step) => step.questions.length > 0);
}

/** What SelfAssessment.answers holds. */
export interface StoredAnswers extends SelfAssessmentResponse {
  ratings: Record<string, number>;
  answers: Record<string, string>;
  /** The steps (0-based) already saved. */
  savedSteps: number[];
}

export function emptyAnswers(): StoredAnswers {
  return { ratings: {}, answers: {}, savedSteps: [] };
}

/** Reads SelfAssessment.answers, keeping only well-formed entries. */
export function parseStoredAnswers(json: string): StoredAnswers {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return emptyAnswers();
  }
  const object = (input: unknown): Record<string, unknown> =>
    input && typeof input === "object" && !Array.isArray(input) ? (input as Record<string, unknown>) : {};
  const stored = object(value);
  const ratings: Record<string, number> = {};
  for (const [code, step] of Object.entries(object(stored.ratings))) {
    if (typeof step === "number" && Number.isInteger(step)) ratings[code] = step;
  }
  const answers: Record<string, string> = {};
  for (const [id, option] of Object.entries(object(stored.answers))) {
    if (typeof option === "string") answers[id] = option;
  }
  const savedSteps = Array.isArray(stored.savedSteps)
    ? stored.savedSteps.filter((step): step is number => typeof step === "number" && Number.isInteger(step))
    : [];
  return { ratings, answers, savedSteps };
}

/** The first step not saved yet, or the last step when all are. */
export function resumeStep(answers: StoredAnswers, stepCount: number): number {
  for (let step = 0; step < stepCount; step++) if (!answers.savedSteps.includes(step)) return step;
  return Math.max(0, stepCount - 1);
}

/** Form field names, shared by the page and the parser. */
export const ratingField = (competence: string) => `rating-${competence}`;
export const itemField = (itemId: string) => `item-${itemId}`;

export interface StepSubmission {
  ratings: Record<string, number>;
  answers: Record<string, string>;
  /** Competences left without a self-rating, by field name: "errors.chooseRating". */
  fieldErrors: Record<string, string[]>;
}

/**
 * One step's form: a self-rating for every competence of the area (required) and, optionally,
 * an answer to each knowledge item ("" means "I'd rather not answer" and leaves it unanswered).
 */
export function readStep(
  bank: SelfAssessmentBank,
  step: AssessmentStep,
  values: Readonly<Record<string, string | undefined>>,
): StepSubmission {
  const ratings: Record<string, number> = {};
  const answers: Record<string, string> = {};
  const fieldErrors: Record<string, string[]> = {};
  const steps = new Set(bank.scale.map((entry) => entry.step));
  for (const question of step.questions) {
    const field = ratingField(question.competence);
    const rating = Number(values[field]);
    if (values[field] && steps.has(rating)) ratings[question.competence] = rating;
    else fieldErrors[field] = ["competences.selfAssessment.errors.chooseRating"];
    for (const item of question.knowledgeItems) {
      const answer = values[itemField(item.id)];
      if (answer && item.options.some((option) => option.id === answer)) answers[item.id] = answer;
    }
  }
  return { ratings, answers, fieldErrors };
}

/**
 * Merges a step into the stored answers; items left unanswered in the step lose an earlier
 * answer. The step counts as saved only when every competence of it has a self-rating.
 */
export function mergeStep(stored: StoredAnswers, step: AssessmentStep, index: number, submission: StepSubmission): StoredAnswers {
  const complete = Object.keys(submission.fieldErrors).length === 0;
  const answers = { ...stored.answers };
  for (const question of step.questions) {
    for (const item of question.knowledgeItems) delete answers[item.id];
  }
  return {
    ratings: { ...stored.ratings, ...submission.ratings },
    answers: { ...answers, ...submission.answers },
    savedSteps: complete ? [...new Set([...stored.savedSteps, index])].sort((a, b) => a - b) : stored.savedSteps,
  };
}

/**
 * The options of an item in the order to show them: multiple-choice options shuffled (the same
 * way every time for the same item and seed, so the page does not reorder on reload), true/false
 * kept in order.
 */
export function orderedOptions(item: KnowledgeItem, seed: string): KnowledgeItem["options"] {
  if (item.type === "true-false") return item.options;
  let state = 2166136261;
  for (const character of `${seed}:${item.id}`) state = Math.imul(state ^ character.charCodeAt(0), 16777619) >>> 0;
  const next = () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
  const options = [...item.options];
  for (let index = options.length - 1; index > 0; index--) {
    const other = Math.floor(next() * (index + 1));
    [options[index], options[other]] = [options[other], options[index]];
  }
  return options;
}

const local = (value: LangString | undefined, language: string) => pickLanguage(value, [language])?.text ?? "";

/** One step of the self-assessment in the reader's language, options in the order to show. */
export interface StepView {
  index: number;
  count: number;
  area: { code: string; name: string };
  prompt: string;
  scale: { step: number; label: string }[];
  questions: {
    competence: string;
    name: string;
    question: string;
    items: { id: string; type: KnowledgeItem["type"]; stem: string; options: { id: string; text: string }[] }[];
  }[];
}

export function stepView(
  bank: SelfAssessmentBank,
  framework: CompetenceFramework,
  steps: readonly AssessmentStep[],
  index: number,
  language: string,
  seed: string,
): StepView {
  const step = steps[index];
  const names = new Map(framework.competences.map((competence) => [competence.code, competence.name]));
  return {
    index,
    count: steps.length,
    area: { code: step.area.code, name: local(step.area.name, language) },
    prompt: local(bank.prompt, language),
    scale: bank.scale.map((entry) => ({ step: entry.step, label: local(entry.label, language) })),
    questions: step.questions.map((question) => ({
      competence: question.competence,
      name: local(names.get(question.competence), language),
      question: local(question.question, language),
      items: question.knowledgeItems.map((item) => ({
        id: item.id,
        type: item.type,
        stem: local(item.stem, language),
        options: orderedOptions(item, seed).map((option) => ({ id: option.id, text: local(option.text, language) })),
      })),
    })),
  };
}

/** The knowledge items a learner answered, with the right answer and the explanation, by area. */
export interface ReviewView {
  area: { code: string; name: string };
  items: { id: string; stem: string; chosen: string; correctAnswer: string; correct: boolean; explanation: string }[];
}

export function reviewView(
  bank: SelfAssessmentBank,
  steps: readonly AssessmentStep[],
  answers: StoredAnswers,
  language: string,
): ReviewView[] {
  return steps
    .map((step) => ({
      area: { code: step.area.code, name: local(step.area.name, language) },
      items: step.questions.flatMap((question) =>
        question.knowledgeItems.flatMap((item) => {
          const chosen = answers.answers[item.id];
          if (chosen === undefined) return [];
          const text = (id: string) => local(item.options.find((option) => option.id === id)?.text, language);
          return [
            {
              id: item.id,
              stem: local(item.stem, language),
              chosen: text(chosen),
              correctAnswer: text(item.correctOptionId),
              correct: chosen === item.correctOptionId,
              explanation: local(item.explanation, language),
            },
          ];
        }),
      ),
    }))
    .filter((area) => area.items.length > 0);
}
