import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useId } from "react";
import { useTranslation } from "react-i18next";
import { GeneralErrorBoundary } from "../components/error-boundary";
import { FormAlert, SubmitButton, TextField } from "../components/forms";
import { Link } from "../components/link";
import { PageHeader } from "../components/page-header";
import { requireAuthor } from "../modules/auth/session.server";
import { pickLanguage, type LangString } from "../modules/i18n/lang-string";
import { problemText } from "../modules/i18n/problem-text";
import { resolveLanguage } from "../modules/i18n/request.server";
import { competenceOptions, libraryEntry, saveLomEdit } from "../modules/packages/library.server";
import { CONTENT_LANGUAGES, languageNames } from "../modules/packages/library-search";
import { DIFFICULTIES, LEVELS, LICENCES, lomFormValues, readLomForm } from "../modules/packages/lom-form";
import { competencesFromLom } from "../modules/standards/lom/digcomp";
import { db } from "../utils/db.server";
import { formValues, type FieldErrors } from "../utils/forms";
import { dateTimeFormat } from "../utils/formats";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.entry.title ?? "Library"} · Vademecum` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireAuthor(request);
  const language = await resolveLanguage(request, user);
  const entry = await libraryEntry(db, params.packageId ?? "", [language]);
  if (!entry) throw new Response("Library entry not found.", { status: 404 });
  const form = lomFormValues(entry.record);
  const codes = [...form.languages.map((row) => row.language), ...entry.record.general.languages, ...CONTENT_LANGUAGES];
  return { entry, form, uiLanguage: language, languageNames: languageNames(codes, language) };
}

type ActionResult = { saved: boolean; fieldErrors: FieldErrors; values: Record<string, string> };

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireAuthor(request);
  const language = await resolveLanguage(request, user);
  const values = formValues(await request.formData());
  const codes = (await competenceOptions(db, [language])).map((competence) => competence.code);
  const form = readLomForm(values, codes);
  if (!form.ok) return data<ActionResult>({ saved: false, fieldErrors: form.fieldErrors, values }, { status: 400 });
  if (!(await saveLomEdit(db, params.packageId ?? "", form.edit))) {
    throw new Response("Library entry not found.", { status: 404 });
  }
  return data<ActionResult>({ saved: true, fieldErrors: {}, values: {} });
}

const inputClass = "w-full rounded border border-stone-400 bg-white px-3 py-2 aria-[invalid=true]:border-red-700";

function Errors({ id, errors }: { id: string; errors?: string[] }) {
  const { t } = useTranslation();
  if (!errors?.length) return null;
  return (
    <ul id={id} className="text-sm text-red-800">
      {errors.map((error) => (
        <li key={error}>{t(error)}</li>
      ))}
    </ul>
  );
}

function SelectField({
  label,
  name,
  defaultValue,
  options,
  errors,
}: {
  label: string;
  name: string;
  defaultValue: string;
  options: { value: string; label: string }[];
  errors?: string[];
}) {
  const id = useId();
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={id} className="font-medium">
        {label}
      </label>
      <select
        id={id}
        name={name}
        defaultValue={defaultValue}
        aria-invalid={errors?.length ? true : undefined}
        aria-describedby={errors?.length ? `${id}-error` : undefined}
        className={inputClass}
      >
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
      <Errors id={`${id}-error`} errors={errors} />
    </div>
  );
}

function TextArea({ label, name, defaultValue, errors }: { label: string; name: string; defaultValue: string; errors?: string[] }) {
  const id = useId();
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={id} className="font-medium">
        {label}
      </label>
      <textarea
        id={id}
        name={name}
        rows={3}
        defaultValue={defaultValue}
        aria-invalid={errors?.length ? true : undefined}
        aria-describedby={errors?.length ? `${id}-error` : undefined}
        className={inputClass}
      />
      <Errors id={`${id}-error`} errors={errors} />
    </div>
  );
}

function Fact({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="border-t border-stone-200 py-2 sm:grid sm:grid-cols-[14rem_1fr] sm:gap-4">
      <dt className="font-medium text-stone-700">{label}</dt>
      <dd className="break-words">{children}</dd>
    </div>
  );
}

export default function LibraryEntry() {
  const { t, i18n } = useTranslation();
  const { entry, form, uiLanguage, languageNames } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const record = entry.record;
  const educational = record.educational[0];
  const date = dateTimeFormat(i18n.language, { dateStyle: "medium", timeStyle: "short" });
  const languageLabel = (code: string) => (code === "x-none" ? t("library.noLanguage") : (languageNames[code] ?? code));
  const text = (value: LangString | null | undefined) => pickLanguage(value ?? undefined, [uiLanguage])?.text ?? "";
  const vocab = (value: string) => t(`library.vocab.${value}`, { defaultValue: value });
  const names = new Map(entry.competences.map((competence) => [competence.code, competence.name]));
  const values = result?.saved ? undefined : result?.values;
  const errors = result?.saved ? {} : (result?.fieldErrors ?? {});
  const value = (name: string, fallback: string) => values?.[name] ?? fallback;
  const usedLanguages = new Set(form.languages.map((row) => row.language));
  const newRow = form.languages.length;
  const newContributor = form.contributors.length;
  const areas = [...new Map(entry.competences.map((competence) => [competence.areaCode, competence.areaName]))];
  const exportUrl = `/library/${entry.packageId}/lom.xml`;

  return (
    <>
      <p className="mb-2">
        <Link to="/library" className="text-teal-800 underline underline-offset-4">
          {t("library.backToLibrary")}
        </Link>
      </p>
      <PageHeader title={entry.title} lead={t("library.entry.lead", { identifier: entry.identifier, version: entry.version })}>
        <a
          href={exportUrl}
          download
          className="rounded border border-teal-800 bg-white px-4 py-2 font-semibold text-teal-900 hover:bg-teal-50"
        >
          {t("library.entry.export")}
        </a>
      </PageHeader>
      {entry.version < entry.newestVersion ? (
        <p className="mb-6 rounded border border-amber-300 bg-amber-50 px-4 py-3">
          {t("library.entry.olderVersion", { version: entry.version, newest: entry.newestVersion })}{" "}
          <Link to={`/library/${entry.versions[0].packageId}`} className="font-medium text-teal-900 underline underline-offset-4">
            {t("library.entry.openNewest")}
          </Link>
        </p>
      ) : null}

      <section aria-labelledby="about-title" className="mb-8 rounded-lg bg-white p-4 shadow-sm sm:p-6">
        <h2 id="about-title" className="mb-3 text-xl font-semibold">
          {t("library.entry.about")}
        </h2>
        {!entry.hasStoredRecord ? <p className="mb-3 text-stone-700">{t("library.entry.noRecord")}</p> : null}
        <dl>
          <Fact label={t("library.fields.title")}>
            <ul>
              {Object.entries(record.general.title ?? {}).map(([language, title]) => (
                <li key={language} lang={language === "x-none" ? undefined : language}>
                  <span className="text-stone-600">{languageLabel(language)}:</span> {title}
                </li>
              ))}
            </ul>
          </Fact>
          <Fact label={t("library.fields.description")}>{text(record.general.descriptions[0]) || t("library.notGiven")}</Fact>
          <Fact label={t("library.fields.language")}>
            {record.general.languages.length ? record.general.languages.map(languageLabel).join(", ") : t("library.notGiven")}
          </Fact>
          <Fact label={t("library.fields.keywords")}>
            {record.general.keywords.length ? record.general.keywords.map((keyword) => text(keyword)).join(", ") : t("library.notGiven")}
          </Fact>
          <Fact label={t("library.fields.audience")}>
            {educational && (educational.intendedEndUserRoles.length || educational.typicalAgeRanges.length || educational.contexts.length) ? (
              <ul>
                {educational.intendedEndUserRoles.length ? (
                  <li>{t("library.entry.roles", { roles: educational.intendedEndUserRoles.map((role) => vocab(role.value)).join(", ") })}</li>
                ) : null}
                {educational.typicalAgeRanges.length ? (
                  <li>{t("library.entry.ages", { ages: educational.typicalAgeRanges.map((range) => text(range)).join(", ") })}</li>
                ) : null}
                {educational.contexts.length ? (
                  <li>{t("library.entry.contexts", { contexts: educational.contexts.map((context) => vocab(context.value)).join(", ") })}</li>
                ) : null}
              </ul>
            ) : (
              t("library.notGiven")
            )}
          </Fact>
          <Fact label={t("library.fields.learningTime")}>
            {entry.learningTimeMinutes === null
              ? t("library.notGiven")
              : t("library.minutes", { count: Math.round(entry.learningTimeMinutes) })}
          </Fact>
          <Fact label={t("library.fields.difficulty")}>
            {educational?.difficulty ? vocab(educational.difficulty.value) : t("library.notGiven")}
          </Fact>
          <Fact label={t("library.fields.type")}>
            {educational?.learningResourceTypes.length
              ? educational.learningResourceTypes.map((type) => vocab(type.value)).join(", ")
              : t("library.notGiven")}
          </Fact>
          <Fact label={t("library.fields.licence")}>
            {entry.licence ?? t("library.notGiven")}
            {record.rights.cost ? ` · ${t("library.entry.cost", { cost: vocab(record.rights.cost.value) })}` : ""}
          </Fact>
          <Fact label={t("library.fields.contributors")}>
            {form.contributors.length ? (
              <ul>
                {form.contributors.map((contributor) => (
                  <li key={contributor.ref}>
                    {[contributor.name, contributor.organisation].filter(Boolean).join(", ")}
                    {contributor.role ? ` (${vocab(contributor.role)})` : ""}
                  </li>
                ))}
              </ul>
            ) : (
              t("library.notGiven")
            )}
          </Fact>
          <Fact label={t("library.fields.competences")}>
            {competencesFromLom(record).length ? (
              <ul>
                {competencesFromLom(record).map((competence) => (
                  <li key={`${competence.framework}-${competence.code}-${competence.level ?? ""}`}>
                    {competence.framework} {competence.code} {names.get(competence.code) ?? ""}
                    {competence.level ? ` · ${t("library.level", { level: competence.level })}` : ""}
                  </li>
                ))}
              </ul>
            ) : (
              t("library.notGiven")
            )}
          </Fact>
        </dl>
      </section>

      <section aria-labelledby="versions-title" className="mb-8 rounded-lg bg-white p-4 shadow-sm sm:p-6">
        <h2 id="versions-title" className="mb-3 text-xl font-semibold">
          {t("library.entry.versions")}
        </h2>
        <div className="overflow-x-auto">
          <table className="w-full text-left text-sm">
            <caption className="sr-only">{t("library.entry.versionsCaption")}</caption>
            <thead className="bg-stone-100">
              <tr>
                <th scope="col" className="px-3 py-2">{t("library.entry.version")}</th>
                <th scope="col" className="px-3 py-2">{t("library.entry.importedAt")}</th>
                <th scope="col" className="px-3 py-2">{t("library.entry.importedBy")}</th>
              </tr>
            </thead>
            <tbody>
              {entry.versions.map((version) => (
                <tr key={version.packageId} className="border-t border-stone-200">
                  <th scope="row" className="px-3 py-2 font-medium">
                    {version.packageId === entry.packageId ? (
                      <>
                        {t("library.versionNumber", { version: version.version })} ({t("library.entry.thisVersion")})
                      </>
                    ) : (
                      <Link to={`/library/${version.packageId}`} className="text-teal-800 underline underline-offset-4">
                        {t("library.versionNumber", { version: version.version })}
                      </Link>
                    )}
                  </th>
                  <td className="px-3 py-2">{date.format(new Date(version.importedAt))}</td>
                  <td className="px-3 py-2">{version.importedBy ?? t("library.entry.importedBySetup")}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      <section aria-labelledby="warnings-title" className="mb-8 rounded-lg bg-white p-4 shadow-sm sm:p-6">
        <h2 id="warnings-title" className="mb-3 text-xl font-semibold">
          {t("library.entry.warnings")}
        </h2>
        {entry.warnings.length === 0 ? (
          <p>{t("library.entry.noWarnings")}</p>
        ) : (
          <ul className="flex list-disc flex-col gap-2 pl-5">
            {entry.warnings.map((warning, index) => (
              <li key={index}>
                {problemText(t, warning)}
                {warning.file ? (
                  <span className="block text-sm text-stone-600">
                    {t("library.entry.where", { file: warning.file, line: warning.line ?? "—" })}
                  </span>
                ) : null}
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="edit-title" className="rounded-lg bg-white p-4 shadow-sm sm:p-6">
        <h2 id="edit-title" className="text-xl font-semibold">
          {t("library.edit.title")}
        </h2>
        <p className="mt-1 text-stone-700">{t("library.edit.lead")}</p>
        <Form method="post" key={String(entry.editedAt)} className="mt-4 flex flex-col gap-6" noValidate>
          {result?.saved ? (
            <p role="status" className="rounded border border-teal-300 bg-teal-50 px-4 py-3 text-teal-900">
              {t("library.edit.saved")}
            </p>
          ) : null}
          <FormAlert message={Object.keys(errors).length ? t("library.edit.fixErrors") : null} />

          {form.languages.map((row, index) => (
            <fieldset key={row.language} className="flex flex-col gap-3 rounded border border-stone-300 p-4">
              <legend className="px-1 font-semibold">{t("library.edit.inLanguage", { language: languageLabel(row.language) })}</legend>
              <input type="hidden" name={`lang-${index}`} value={row.language} />
              <TextField
                label={t("library.fields.title")}
                name={`title-${index}`}
                defaultValue={value(`title-${index}`, row.title)}
                errors={errors[`title-${index}`]}
              />
              <TextArea
                label={t("library.fields.description")}
                name={`description-${index}`}
                defaultValue={value(`description-${index}`, row.description)}
                errors={errors[`description-${index}`]}
              />
              <TextField
                label={t("library.fields.keywords")}
                hint={t("library.edit.keywordsHint")}
                name={`keywords-${index}`}
                defaultValue={value(`keywords-${index}`, row.keywords.join(", "))}
                errors={errors[`keywords-${index}`]}
              />
            </fieldset>
          ))}
          <fieldset className="flex flex-col gap-3 rounded border border-dashed border-stone-400 p-4">
            <legend className="px-1 font-semibold">{t("library.edit.addLanguage")}</legend>
            <p className="text-sm text-stone-700">{t("library.edit.addLanguageHint")}</p>
            <SelectField
              label={t("library.edit.language")}
              name={`lang-${newRow}`}
              defaultValue={value(`lang-${newRow}`, "")}
              errors={errors[`lang-${newRow}`]}
              options={[
                { value: "", label: t("library.edit.chooseLanguage") },
                ...CONTENT_LANGUAGES.filter((code) => !usedLanguages.has(code))
                  .map((code) => ({ value: code, label: languageLabel(code) }))
                  .sort((a, b) => a.label.localeCompare(b.label, uiLanguage)),
              ]}
            />
            <TextField
              label={t("library.fields.title")}
              name={`title-${newRow}`}
              defaultValue={value(`title-${newRow}`, "")}
              errors={errors[`title-${newRow}`]}
            />
            <TextArea
              label={t("library.fields.description")}
              name={`description-${newRow}`}
              defaultValue={value(`description-${newRow}`, "")}
              errors={errors[`description-${newRow}`]}
            />
            <TextField
              label={t("library.fields.keywords")}
              hint={t("library.edit.keywordsHint")}
              name={`keywords-${newRow}`}
              defaultValue={value(`keywords-${newRow}`, "")}
              errors={errors[`keywords-${newRow}`]}
            />
          </fieldset>

          <div className="grid gap-4 sm:grid-cols-2">
            <TextField
              label={t("library.edit.minutes")}
              hint={t("library.edit.minutesHint")}
              name="minutes"
              defaultValue={value("minutes", form.learningTimeMinutes === null ? "" : String(form.learningTimeMinutes))}
              errors={errors.minutes}
            />
            <SelectField
              label={t("library.fields.difficulty")}
              name="difficulty"
              defaultValue={value("difficulty", form.difficulty)}
              errors={errors.difficulty}
              options={[
                { value: "", label: t("library.notGiven") },
                ...(form.difficulty && !(DIFFICULTIES as readonly string[]).includes(form.difficulty)
                  ? [{ value: form.difficulty, label: form.difficulty }]
                  : []),
                ...DIFFICULTIES.map((difficulty) => ({ value: difficulty, label: vocab(difficulty) })),
              ]}
            />
            <SelectField
              label={t("library.fields.licence")}
              name="licence"
              defaultValue={value("licence", form.licence)}
              errors={errors.licence}
              options={[
                { value: "", label: t("library.notGiven") },
                ...Object.entries(LICENCES).map(([choice, label]) => ({
                  value: choice,
                  label: choice === "all-rights-reserved" ? t("library.edit.allRightsReserved") : label,
                })),
                { value: "other", label: t("library.edit.otherLicence") },
              ]}
            />
            <TextField
              label={t("library.edit.otherLicenceText")}
              hint={t("library.edit.otherLicenceHint")}
              name="licenceOther"
              defaultValue={value("licenceOther", form.licenceOther)}
              errors={errors.licenceOther}
            />
          </div>

          <fieldset className="flex flex-col gap-3 rounded border border-stone-300 p-4">
            <legend className="px-1 font-semibold">{t("library.fields.contributors")}</legend>
            <p className="text-sm text-stone-700">{t("library.edit.contributorsHint")}</p>
            {[...form.contributors, { ref: null, name: "", organisation: "", role: null }].map((contributor, index) => (
              <fieldset key={contributor.ref ?? "new"} className="grid gap-3 sm:grid-cols-2">
                <legend className="mb-1 text-sm font-medium text-stone-700">
                  {index === newContributor ? t("library.edit.newContributor") : t("library.edit.contributor", { number: index + 1 })}
                </legend>
                <input type="hidden" name={`contributorRef-${index}`} value={contributor.ref ?? ""} />
                <TextField
                  label={t("library.edit.contributorName")}
                  name={`contributorName-${index}`}
                  defaultValue={value(`contributorName-${index}`, contributor.name)}
                  errors={errors[`contributorName-${index}`]}
                />
                <TextField
                  label={t("library.edit.contributorOrganisation")}
                  name={`contributorOrg-${index}`}
                  defaultValue={value(`contributorOrg-${index}`, contributor.organisation)}
                  errors={errors[`contributorOrg-${index}`]}
                />
              </fieldset>
            ))}
          </fieldset>

          <fieldset className="flex flex-col gap-4 rounded border border-stone-300 p-4">
            <legend className="px-1 font-semibold">{t("library.edit.competences")}</legend>
            <p className="text-sm text-stone-700">{t("library.edit.competencesHint")}</p>
            {areas.map(([areaCode, areaName]) => (
              <fieldset key={areaCode} className="flex flex-col gap-2">
                <legend className="mb-1 font-medium">
                  {areaCode} {areaName}
                </legend>
                {entry.competences
                  .filter((competence) => competence.areaCode === areaCode)
                  .map((competence) => {
                    const checkboxName = `competence-${competence.code}`;
                    const levelName = `level-${competence.code}`;
                    const checked = values ? values[checkboxName] === "on" : competence.code in form.competences;
                    const level = form.competences[competence.code];
                    const levelErrors = errors[levelName];
                    return (
                      <div key={competence.code} className="flex flex-col gap-2 rounded bg-stone-50 p-2 sm:flex-row sm:items-center sm:justify-between">
                        <div className="flex items-start gap-2">
                          <input
                            id={checkboxName}
                            type="checkbox"
                            name={checkboxName}
                            defaultChecked={checked}
                            className="mt-1 h-5 w-5 shrink-0 accent-teal-800"
                          />
                          <label htmlFor={checkboxName}>
                            {competence.code} {competence.name}
                          </label>
                        </div>
                        <div className="flex items-center gap-2 pl-7 sm:pl-0">
                          <label htmlFor={levelName} className="text-sm">
                            {t("library.edit.targetLevel")}
                            <span className="sr-only"> {competence.code}</span>
                          </label>
                          <select
                            id={levelName}
                            name={levelName}
                            defaultValue={value(levelName, level === null || level === undefined ? "" : String(level))}
                            aria-invalid={levelErrors?.length ? true : undefined}
                            aria-describedby={levelErrors?.length ? `${levelName}-error` : undefined}
                            className="rounded border border-stone-400 bg-white px-2 py-1"
                          >
                            <option value="">{t("library.edit.noLevel")}</option>
                            {LEVELS.map((option) => (
                              <option key={option} value={String(option)}>
                                {option}
                              </option>
                            ))}
                          </select>
                          <Errors id={`${levelName}-error`} errors={levelErrors} />
                        </div>
                      </div>
                    );
                  })}
              </fieldset>
            ))}
          </fieldset>

          <div>
            <SubmitButton busy={navigation.state === "submitting"}>{t("library.edit.save")}</SubmitButton>
          </div>
        </Form>
      </section>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
