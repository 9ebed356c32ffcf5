import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FormAlert, SubmitButton } from "../components/forms";
import { Link } from "../components/link";
import { PageHeader } from "../components/page-header";
import { requireUser } from "../modules/auth/session.server";
import { digComp22 } from "../modules/competencies/digcomp";
import { maxLevel } from "../modules/competencies/framework";
import { learnerTargetsPage, saveLearnerTargets } from "../modules/competencies/profile.server";
import { targetField, targetsFormSchema } from "../modules/competencies/targets";
import { resolveLanguage } from "../modules/i18n/request.server";
import { db } from "../utils/db.server";
import { parseForm, type FieldErrors } from "../utils/forms";

export const meta: MetaFunction = () => [{ title: "My targets · Vademecum" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return learnerTargetsPage(db, user.id, await resolveLanguage(request, user));
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const framework = digComp22();
  const schema = targetsFormSchema(framework.competences.map((competence) => competence.code), maxLevel(framework));
  const form = parseForm(schema, await request.formData());
  if (!form.ok) return data<{ fieldErrors: FieldErrors; values: Record<string, string> }>(form, { status: 400 });
  await saveLearnerTargets(db, user.id, form.data);
  return redirect("/competences");
}

export default function Targets() {
  const { t } = useTranslation();
  const { levels, areas } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errors = result?.fieldErrors ?? {};
  const levelName = (level: number) => t("competences.level.numbered", { level, name: levels[level - 1]?.name ?? "" });

  return (
    <div className="mx-auto flex max-w-3xl flex-col gap-6">
      <PageHeader title={t("competences.targets.title")} lead={t("competences.targets.lead")} />
      <Form method="post" className="flex flex-col gap-6" noValidate>
        {Object.keys(errors).length > 0 ? <FormAlert message={t("competences.targets.errors.summary")} /> : null}
        {areas.map((area) => (
          <fieldset key={area.code} className="rounded-lg bg-white p-4 shadow-sm sm:p-6">
            <legend className="px-1 text-lg font-semibold">
              {area.code}. {area.name}
            </legend>
            <div className="flex flex-col gap-4">
              {area.competences.map((competence) => {
                const field = targetField(competence.code);
                const hintId = `${field}-hint`;
                const errorId = `${field}-error`;
                return (
                  <div key={competence.code} className="flex flex-col gap-1">
                    <label htmlFor={field} className="font-medium">
                      {competence.code} {competence.name}
                    </label>
                    <p id={hintId} className="text-sm text-stone-700">
                      {competence.organisation === null
                        ? t("competences.targets.noOrganisationTarget")
                        : t("competences.targets.organisationTarget", { level: levelName(competence.organisation) })}
                    </p>
                    <select
                      id={field}
                      name={field}
                      defaultValue={result?.values[field] ?? String(competence.own)}
                      aria-describedby={errors[field] ? `${hintId} ${errorId}` : hintId}
                      aria-invalid={errors[field] ? true : undefined}
                      className="rounded border border-stone-400 bg-white px-3 py-2"
                    >
                      <option value="0">{t("competences.targets.none")}</option>
                      {levels.map((level) => (
                        <option key={level.level} value={level.level}>
                          {levelName(level.level)}
                        </option>
                      ))}
                    </select>
                    {errors[field] ? (
                      <p id={errorId} className="text-sm text-red-800">
                        {t(errors[field][0])}
                      </p>
                    ) : null}
                  </div>
                );
              })}
            </div>
          </fieldset>
        ))}
        <div className="flex flex-wrap items-center gap-4">
          <SubmitButton>{t("competences.targets.save")}</SubmitButton>
          <Link to="/competences" className="text-teal-800 underline">
            {t("competences.targets.cancel")}
          </Link>
        </div>
      </Form>
    </div>
  );
}
