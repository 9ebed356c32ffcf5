import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CHOICE_IDS, itemFields } from "../../modules/competencies/items";
import type { FieldErrors } from "../../utils/forms";
import { FormAlert, SubmitButton, TextField } from "../forms";

/** The form for a knowledge item written in the app: kind, competence, texts per language, right answer. */
export function ItemEditor({
  competences,
  languages,
  values,
  errors,
}: {
  competences: { code: string; name: string }[];
  languages: { language: string; name: string }[];
  values: Record<string, string>;
  errors: FieldErrors;
}) {
  const { t } = useTranslation();
  const kind = values.kind ?? "choice";
  const errorOf = (field: string) => errors[field];
  return (
    <Form method="post" className="flex flex-col gap-6" noValidate>
      {Object.keys(errors).length > 0 ? <FormAlert message={t("competences.items.errors.summary")} /> : null}
      <div className="flex flex-col gap-1">
        <label htmlFor="competence" className="font-medium">
          {t("competences.items.competence")}
        </label>
        <select
          id="competence"
          name="competence"
          defaultValue={values.competence ?? ""}
          aria-invalid={errorOf("competence") ? true : undefined}
          aria-describedby={errorOf("competence") ? "competence-error" : undefined}
          className="rounded border border-stone-400 bg-white px-3 py-2"
        >
          <option value="">{t("competences.items.chooseCompetence")}</option>
          {competences.map((competence) => (
            <option key={competence.code} value={competence.code}>
              {competence.code} {competence.name}
            </option>
          ))}
        </select>
        <FieldError id="competence-error" errors={errorOf("competence")} />
      </div>
      <fieldset>
        <legend className="font-medium">{t("competences.items.kind")}</legend>
        <div className="mt-2 flex flex-wrap gap-4">
          {(["choice", "true-false"] as const).map((value) => (
            <label key={value} className="flex items-center gap-2">
              <input type="radio" name="kind" value={value} defaultChecked={kind === value} className="h-5 w-5" />
              {t(`competences.items.kinds.${value}`)}
            </label>
          ))}
        </div>
        <p className="mt-1 text-sm text-stone-700">{t("competences.items.kindHint")}</p>
      </fieldset>
      {languages.map(({ language, name }) => (
        <fieldset key={language} lang={language} className="rounded-lg border border-stone-300 p-4">
          <legend className="px-1 font-semibold">{t("competences.items.inLanguage", { language: name })}</legend>
          <div className="flex flex-col gap-4">
            <TextField
              label={t("competences.items.prompt")}
              name={itemFields.prompt(language)}
              defaultValue={values[itemFields.prompt(language)]}
              errors={errorOf(itemFields.prompt(language))}
            />
            {CHOICE_IDS.map((id) => (
              <TextField
                key={id}
                label={t("competences.items.choice", { id: id.toUpperCase() })}
                name={itemFields.choice(id, language)}
                defaultValue={values[itemFields.choice(id, language)]}
                errors={errorOf(itemFields.choice(id, language))}
                hint={id === "a" ? t("competences.items.choicesHint") : undefined}
              />
            ))}
            <TextField
              label={t("competences.items.explanation")}
              name={itemFields.explanation(language)}
              defaultValue={values[itemFields.explanation(language)]}
              errors={errorOf(itemFields.explanation(language))}
              hint={t("competences.items.explanationHint")}
            />
          </div>
        </fieldset>
      ))}
      <fieldset aria-describedby={errorOf("correct") ? "correct-error" : undefined}>
        <legend className="font-medium">{t("competences.items.correct")}</legend>
        <div className="mt-2 flex flex-wrap gap-4">
          {[...CHOICE_IDS, "true", "false"].map((value) => (
            <label key={value} className="flex items-center gap-2">
              <input type="radio" name="correct" value={value} defaultChecked={values.correct === value} className="h-5 w-5" />
              {value === "true" || value === "false"
                ? t(`competences.items.${value}`)
                : t("competences.items.choice", { id: value.toUpperCase() })}
            </label>
          ))}
        </div>
        <FieldError id="correct-error" errors={errorOf("correct")} />
      </fieldset>
      <div>
        <SubmitButton>{t("competences.items.save")}</SubmitButton>
      </div>
    </Form>
  );
}

function FieldError({ id, errors }: { id: string; errors?: string[] }) {
  const { t } = useTranslation();
  if (!errors?.length) return null;
  return (
    <p id={id} className="text-sm text-red-800">
      {t(errors[0])}
    </p>
  );
}
