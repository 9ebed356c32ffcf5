import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FormAlert, SubmitButton } from "../components/forms";
import { PageHeader } from "../components/page-header";
import { requireAdmin } from "../modules/auth/session.server";
import { importFrameworkFile, listFrameworks } from "../modules/competencies/framework-admin.server";
import type { ValidationIssue } from "../modules/competencies/framework";
import { pickLanguage } from "../modules/i18n/lang-string";
import { resolveLanguage } from "../modules/i18n/request.server";
import { db } from "../utils/db.server";
import { dateTimeFormat } from "../utils/formats";

export const meta: MetaFunction = () => [{ title: "Competence frameworks · Vademecum" }];

const MAX_BYTES = 5 * 1024 * 1024;

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireAdmin(request);
  const language = await resolveLanguage(request, user);
  const frameworks = await listFrameworks(db);
  return {
    frameworks: frameworks.map((framework) => ({
      ...framework,
      title: pickLanguage(framework.title, [language])?.text ?? framework.key,
      updatedAt: framework.updatedAt.toISOString(),
    })),
  };
}

type ImportResult =
  | { ok: true; key: string; kind: string; warnings: ValidationIssue[] }
  | { ok: false; fileError: string | null; errors: ValidationIssue[] };

export async function action({ request }: ActionFunctionArgs) {
  await requireAdmin(request);
  const file = (await request.formData()).get("file");
  if (!file || typeof file === "string" || file.size === 0) {
    return data<ImportResult>({ ok: false, fileError: "competences.frameworks.errors.noFile", errors: [] }, { status: 400 });
  }
  if (file.size > MAX_BYTES) {
    return data<ImportResult>({ ok: false, fileError: "competences.frameworks.errors.tooBig", errors: [] }, { status: 400 });
  }
  const outcome = await importFrameworkFile(db, await file.text());
  if (!outcome.ok) return data<ImportResult>({ ok: false, fileError: null, errors: outcome.errors }, { status: 400 });
  return data<ImportResult>({ ok: true, key: outcome.framework.key, kind: outcome.kind, warnings: outcome.warnings });
}

export default function Frameworks() {
  const { t, i18n } = useTranslation();
  const { frameworks } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const date = dateTimeFormat(i18n.language, { dateStyle: "medium" });
  return (
    <>
      <PageHeader title={t("competences.frameworks.title")} lead={t("competences.frameworks.lead")} />
      <section aria-labelledby="frameworks-title" className="mb-10">
        <h2 id="frameworks-title" className="mb-3 text-xl font-semibold">
          {t("competences.frameworks.stored")}
        </h2>
        <div className="overflow-x-auto rounded-lg bg-white shadow-sm" role="region" aria-labelledby="frameworks-title" tabIndex={0}>
          <table className="w-full min-w-[36rem] text-left text-sm">
            <thead className="bg-stone-100">
              <tr>
                <th scope="col" className="p-2">{t("competences.frameworks.name")}</th>
                <th scope="col" className="p-2">{t("competences.frameworks.version")}</th>
                <th scope="col" className="p-2">{t("competences.frameworks.fullTitle")}</th>
                <th scope="col" className="p-2">{t("competences.frameworks.areas")}</th>
                <th scope="col" className="p-2">{t("competences.frameworks.competences")}</th>
                <th scope="col" className="p-2">{t("competences.frameworks.levels")}</th>
                <th scope="col" className="p-2">{t("competences.frameworks.updated")}</th>
              </tr>
            </thead>
            <tbody>
              {frameworks.map((framework) => (
                <tr key={framework.id} className="border-t border-stone-200">
                  <th scope="row" className="p-2">{framework.name}</th>
                  <td className="p-2">{framework.version}</td>
                  <td className="p-2">{framework.title}</td>
                  <td className="p-2">{framework.areas}</td>
                  <td className="p-2">{framework.competences}</td>
                  <td className="p-2">{framework.levels}</td>
                  <td className="p-2">{date.format(new Date(framework.updatedAt))}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
      <section aria-labelledby="import-title" className="max-w-2xl rounded-lg bg-white p-4 shadow-sm sm:p-6">
        <h2 id="import-title" className="text-xl font-semibold">
          {t("competences.frameworks.importTitle")}
        </h2>
        <p className="mt-1 text-stone-700">{t("competences.frameworks.importLead")}</p>
        <Form method="post" encType="multipart/form-data" className="mt-4 flex flex-col gap-4" noValidate>
          {result?.ok ? (
            <div role="status" className="rounded border border-teal-300 bg-teal-50 px-4 py-3 text-teal-900">
              <p>{t("competences.frameworks.imported", { key: result.key })}</p>
              {result.warnings.length > 0 ? (
                <>
                  <p className="mt-2 font-medium">{t("competences.frameworks.warnings", { count: result.warnings.length })}</p>
                  <IssueList issues={result.warnings} />
                </>
              ) : null}
            </div>
          ) : null}
          {result && !result.ok ? (
            <>
              <FormAlert
                message={result.fileError ? t(result.fileError) : t("competences.frameworks.invalid", { count: result.errors.length })}
              />
              <IssueList issues={result.errors} />
            </>
          ) : null}
          <div className="flex flex-col gap-1">
            <label htmlFor="framework-file" className="font-medium">
              {t("competences.frameworks.file")}
            </label>
            <p id="framework-file-hint" className="text-sm text-stone-700">
              {t("competences.frameworks.fileHint")}
            </p>
            <input
              id="framework-file"
              name="file"
              type="file"
              accept=".json,application/json"
              aria-describedby="framework-file-hint"
              className="rounded border border-stone-400 bg-white px-3 py-2"
            />
          </div>
          <div>
            <SubmitButton>{t("competences.frameworks.import")}</SubmitButton>
          </div>
        </Form>
      </section>
    </>
  );
}

function IssueList({ issues }: { issues: ValidationIssue[] }) {
  return (
    <ul className="flex flex-col gap-1 text-sm">
      {issues.map((issue, index) => (
        <li key={index}>
          <code className="rounded bg-stone-100 px-1 font-mono text-stone-900">{issue.path}</code> {issue.message}
        </li>
      ))}
    </ul>
  );
}
