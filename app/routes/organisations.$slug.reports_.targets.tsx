import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FormAlert, SubmitButton } from "../components/forms";
import { GeneralErrorBoundary } from "../components/error-boundary";
import { Link } from "../components/link";
import { PageHeader } from "../components/page-header";
import { requireManager } from "../modules/auth/session.server";
import { pickLanguage } from "../modules/i18n/lang-string";
import { resolveLanguage } from "../modules/i18n/request.server";
import { levelsFromForm, storedTargets, targetFormSchema } from "../modules/organisations/reports-competences";
import {
  jobRolesOf,
  loadTargetRows,
  requireReportFramework,
  saveTargetLevels,
} from "../modules/organisations/reports-competences.server";
import { buttonClass, fieldClass, linkClass } from "../modules/organisations/reports-ui";
import { db } from "../utils/db.server";
import { parseForm } from "../utils/forms";

export const meta: MetaFunction = () => [{ title: "Target levels · Vademecum" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, organisation } = await requireManager(request, params.slug ?? "");
  const language = await resolveLanguage(request, user);
  const role = (new URL(request.url).searchParams.get("role") ?? "").trim().slice(0, 100);
  const stored = await requireReportFramework(db);
  const [rows, jobRoles] = await Promise.all([
    loadTargetRows(db, organisation.organisationId, stored.id),
    jobRolesOf(db, organisation.organisationId),
  ]);
  const levels = storedTargets(rows, role);
  const general = storedTargets(rows, "");
  const text = (value: Record<string, string>) => pickLanguage(value, [language])?.text ?? "";
  return {
    organisation: { slug: organisation.organisationSlug, name: organisation.organisationName },
    role,
    jobRoles: jobRoles.includes(role) || role === "" ? jobRoles : [...jobRoles, role],
    levels: stored.framework.levels.map((level) => ({ level: level.level, name: text(level.name) })),
    areas: stored.framework.areas.map((area) => ({
      code: area.code,
      name: text(area.name),
      competences: stored.framework.competences
        .filter((competence) => competence.areaCode === area.code)
        .map((competence) => ({
          code: competence.code,
          name: text(competence.name),
          level: levels[competence.code] ?? 0,
          general: general[competence.code] ?? null,
        })),
    })),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { organisation } = await requireManager(request, params.slug ?? "");
  const stored = await requireReportFramework(db);
  const result = parseForm(targetFormSchema(stored.framework), await request.formData());
  if (!result.ok) return data({ fieldErrors: result.fieldErrors }, { status: 400 });
  const role = String(result.data.role ?? "");
  await saveTargetLevels(db, organisation.organisationId, stored.id, role, levelsFromForm(result.data, stored.framework));
  const query = role ? `?role=${encodeURIComponent(role)}` : "";
  return redirect(`/organisations/${organisation.organisationSlug}/reports${query}#heat-map`);
}

export default function TargetLevels() {
  const { t } = useTranslation();
  const { organisation, role, jobRoles, levels, areas } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const errors = actionData?.fieldErrors ?? {};
  const errorList = Object.values(errors).flat();
  return (
    <>
      <p className="mb-2">
        <Link to={`/organisations/${organisation.slug}/reports#heat-map`} className={linkClass}>
          {t("reports.targets.back")}
        </Link>
      </p>
      <PageHeader title={t("reports.targets.title")} lead={t("reports.targets.lead")} />
      <Form method="get" className="mb-6 flex flex-wrap items-end gap-3 rounded-lg bg-white p-4 shadow-sm">
        <div className="flex flex-col gap-1">
          <label htmlFor="target-role" className="font-medium">
            {t("reports.targets.role")}
          </label>
          <select id="target-role" name="role" defaultValue={role} className={fieldClass}>
            <option value="">{t("reports.targets.everyone")}</option>
            {jobRoles.map((jobRole) => (
              <option key={jobRole} value={jobRole}>
                {jobRole}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className={buttonClass}>
          {t("reports.targets.choose")}
        </button>
      </Form>
      <Form method="post" className="flex flex-col gap-6">
        <FormAlert message={errorList.length ? errorList.map((error) => t(error)).join(" ") : null} />
        <input type="hidden" name="role" value={role} />
        <h2 className="text-xl font-semibold">{role ? t("reports.targets.forRole", { role }) : t("reports.targets.forEveryone")}</h2>
        {role ? <p className="max-w-3xl text-stone-700">{t("reports.targets.fallback")}</p> : null}
        {areas.map((area) => (
          <fieldset key={area.code} className="rounded-lg bg-white p-4 shadow-sm">
            <legend className="px-1 font-semibold">
              {area.code}. {area.name}
            </legend>
            <div className="mt-2 grid gap-3 sm:grid-cols-2">
              {area.competences.map((competence) => (
                <div key={competence.code} className="flex min-w-0 flex-col gap-1">
                  <label htmlFor={`level-${competence.code}`}>
                    <span className="font-medium">{competence.code}</span> {competence.name}
                  </label>
                  <select
                    id={`level-${competence.code}`}
                    name={`level-${competence.code}`}
                    defaultValue={String(competence.level)}
                    aria-invalid={errors[`level-${competence.code}`] ? true : undefined}
                    className={`${fieldClass} w-full`}
                  >
                    <option value="0">
                      {role && competence.general ? t("reports.targets.useGeneral", { level: competence.general }) : t("reports.targets.noTarget")}
                    </option>
                    {levels.map((level) => (
                      <option key={level.level} value={String(level.level)}>
                        {t("reports.targets.level", { level: level.level, name: level.name })}
                      </option>
                    ))}
                  </select>
                </div>
              ))}
            </div>
          </fieldset>
        ))}
        <div>
          <SubmitButton busy={navigation.state === "submitting"}>{t("reports.targets.save")}</SubmitButton>
        </div>
      </Form>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
