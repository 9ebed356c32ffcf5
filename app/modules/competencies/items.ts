import { z } from "zod";

/**
 * Knowledge items authors write in the app (AssessmentItem with packageId null): a multiple-choice
 * or true/false question for one competence, in one or more languages, with the right answer and
 * an explanation shown after answering. Items imported from QTI packages are shown beside them,
 * read-only.
 */
export const ITEM_KINDS = ["choice", "true-false"] as const;
export type ItemKind = (typeof ITEM_KINDS)[number];

export const CHOICE_IDS = ["a", "b", "c", "d"] as const;
export const AUTHORED_ITEM_FORMAT = "vademecum-item/1";

export interface ItemLanguageVersion {
  prompt: string;
  /** Multiple choice: the choices with text; true/false: the ids "true" and "false", text left to the page. */
  choices: { id: string; text: string }[];
  explanation: string;
}

/** AssessmentItem.body of an item written in the app. */
export interface AuthoredItemBody {
  format: typeof AUTHORED_ITEM_FORMAT;
  correct: string;
  languages: Record<string, ItemLanguageVersion>;
}

export interface ItemForm {
  kind: ItemKind;
  competence: string;
  body: AuthoredItemBody;
}

/** Form field names, shared by the page and the schema. */
export const itemFields = {
  prompt: (language: string) => `prompt-${language}`,
  choice: (id: string, language: string) => `choice-${id}-${language}`,
  explanation: (language: string) => `explanation-${language}`,
};

const ERRORS = "competences.items.errors";

/**
 * The item form for the given interface languages and competence codes. A language counts when
 * any of its fields is filled; at least one must be, and each one filled needs the prompt, the
 * explanation and (multiple choice) the same two to four choices as the others.
 */
export function itemFormSchema(languages: readonly string[], competenceCodes: readonly string[]) {
  const text = z.string().trim().max(2000, `${ERRORS}.tooLong`).optional().default("");
  const shape: Record<string, typeof text> = {};
  for (const language of languages) {
    shape[itemFields.prompt(language)] = text;
    shape[itemFields.explanation(language)] = text;
    for (const id of CHOICE_IDS) shape[itemFields.choice(id, language)] = text;
  }
  return z
    .object({
      kind: z.enum(ITEM_KINDS, { error: `${ERRORS}.kind` }),
      competence: z.string().refine((code) => competenceCodes.includes(code), `${ERRORS}.competence`),
      correct: z.string().optional().default(""),
      ...shape,
    })
    .superRefine((form, context) => {
      const values = form as unknown as Record<string, string>;
      const issue = (field: string, message: string) => context.addIssue({ code: "custom", path: [field], message: `${ERRORS}.${message}` });
      const used = languages.filter((language) =>
        [itemFields.prompt(language), itemFields.explanation(language), ...CHOICE_IDS.map((id) => itemFields.choice(id, language))].some(
          (field) => values[field] !== "",
        ),
      );
      if (used.length === 0) {
        issue(itemFields.prompt(languages[0]), "oneLanguage");
        return;
      }
      let choiceSet: string | undefined;
      for (const language of used) {
        if (values[itemFields.prompt(language)] === "") issue(itemFields.prompt(language), "prompt");
        if (values[itemFields.explanation(language)] === "") issue(itemFields.explanation(language), "explanation");
        if (form.kind !== "choice") continue;
        const filled = CHOICE_IDS.filter((id) => values[itemFields.choice(id, language)] !== "");
        if (filled.length < 2) issue(itemFields.choice("a", language), "twoChoices");
        else if (choiceSet === undefined) choiceSet = filled.join(",");
        else if (choiceSet !== filled.join(",")) issue(itemFields.choice("a", language), "sameChoices");
      }
      const allowed = form.kind === "true-false" ? ["true", "false"] : (choiceSet?.split(",") ?? []);
      if (!allowed.includes(form.correct)) issue("correct", "correct");
    })
    .transform((form): ItemForm => {
      const values = form as unknown as Record<string, string>;
      const versions: Record<string, ItemLanguageVersion> = {};
      for (const language of languages) {
        const prompt = values[itemFields.prompt(language)];
        if (prompt === "") continue;
        versions[language] = {
          prompt,
          choices:
            form.kind === "true-false"
              ? [
                  { id: "true", text: "" },
                  { id: "false", text: "" },
                ]
              : CHOICE_IDS.filter((id) => values[itemFields.choice(id, language)] !== "").map((id) => ({
                  id,
                  text: values[itemFields.choice(id, language)],
                })),
          explanation: values[itemFields.explanation(language)],
        };
      }
      return {
        kind: form.kind,
        competence: form.competence,
        body: { format: AUTHORED_ITEM_FORMAT, correct: form.correct, languages: versions },
      };
    });
}

/** The form's values for an item being edited. */
export function itemFormValues(kind: string, competence: string, body: AuthoredItemBody): Record<string, string> {
  const values: Record<string, string> = { kind, competence, correct: body.correct };
  for (const [language, version] of Object.entries(body.languages)) {
    values[itemFields.prompt(language)] = version.prompt;
    values[itemFields.explanation(language)] = version.explanation;
    if (kind === "choice") for (const choice of version.choices) values[itemFields.choice(choice.id, language)] = choice.text;
  }
  return values;
}

/** An item as the library shows it, whether written here or imported from QTI. */
export interface ItemView {
  id: string;
  identifier: string;
  kind: ItemKind;
  competence: string;
  /** The package an imported item came with; null for items written in the app. */
  packageTitle: string | null;
  languages: { language: string; prompt: string; choices: { id: string; text: string; correct: boolean }[]; explanation: string | null }[];
}

/** Plain text of sanitized XHTML, for a read-only preview. */
export function plainText(markup: string): string {
  return markup
    .replace(/<[^>]*>/g, " ")
    .replace(/&nbsp;/g, " ")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&apos;/g, "'")
    .replace(/&amp;/g, "&")
    .replace(/\s+/g, " ")
    .trim();
}

interface QtiItemBody {
  languages: Record<string, { stem: string; prompt: string; choices: { identifier: string; text: string }[]; correctResponse: string[] }>;
}

/** Reads AssessmentItem.body: an authored item, or a QTI item imported with a package. */
export function itemView(row: {
  id: string;
  identifier: string;
  kind: string;
  body: string;
  competenceCode: string;
  packageTitle: string | null;
}): ItemView {
  const kind: ItemKind = row.kind === "true-false" ? "true-false" : "choice";
  const base = { id: row.id, identifier: row.identifier, kind, competence: row.competenceCode, packageTitle: row.packageTitle };
  const body = JSON.parse(row.body) as Partial<AuthoredItemBody> & Partial<QtiItemBody>;
  if (body.format === AUTHORED_ITEM_FORMAT && row.packageTitle === null) {
    const authored = body as AuthoredItemBody;
    return {
      ...base,
      languages: Object.entries(authored.languages).map(([language, version]) => ({
        language,
        prompt: version.prompt,
        choices: version.choices.map((choice) => ({ ...choice, correct: choice.id === authored.correct })),
        explanation: version.explanation,
      })),
    };
  }
  return {
    ...base,
    languages: Object.entries((body as QtiItemBody).languages ?? {}).map(([language, item]) => ({
      language,
      prompt: plainText([item.stem, item.prompt].filter(Boolean).join(" ")),
      choices: item.choices.map((choice) => ({
        id: choice.identifier,
        text: plainText(choice.text),
        correct: item.correctResponse.includes(choice.identifier),
      })),
      explanation: null,
    })),
  };
}
