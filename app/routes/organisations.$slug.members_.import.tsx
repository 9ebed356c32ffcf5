import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { GeneralErrorBoundary } from "../components/error-boundary";
import { FormAlert, SubmitButton } from "../components/forms";
import { Link } from "../components/link";
import { controlClass, LabelledControl } from "../components/organisation-fields";
import { PageHeader } from "../components/page-header";
import { requireManager } from "../modules/auth/session.server";
import { publicBaseUrl } from "../modules/organisations/base-url.server";
import { CSV_MAX_ROWS, type MemberCsvResult } from "../modules/organisations/csv";
import { importMembers, previewImport } from "../modules/organisations/member-import.server";
import { db } from "../utils/db.server";

/** The largest upload read at all; the CSV reader itself allows 256 KiB of text. */
const MAX_REQUEST_BYTES = 1024 * 1024;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { organisation } = await requireManager(request, params.slug ?? "");
  return { slug: organisation.organisationSlug };
}

type ActionResult = { preview: MemberCsvResult | null; text: string; fileError?: string };

export async function action({ request, params }: ActionFunctionArgs) {
  const { organisation } = await requireManager(request, params.slug ?? "");
  if (Number(request.headers.get("Content-Length") ?? 0) > MAX_REQUEST_BYTES) {
    return data<ActionResult>({ preview: { ok: false, problem: "too-large" }, text: "" }, { status: 413 });
  }
  const formData = await request.formData();
  const intent = formData.get("intent");
  if (intent === "preview") {
    const file = formData.get("file");
    if (!(file instanceof File) || file.size === 0) {
      return data<ActionResult>({ preview: null, text: "", fileError: "organisations.import.chooseFile" }, { status: 400 });
    }
    if (file.size > MAX_REQUEST_BYTES) return data<ActionResult>({ preview: { ok: false, problem: "too-large" }, text: "" }, { status: 413 });
    const text = new TextDecoder("utf-8").decode(await file.arrayBuffer());
    const preview = await previewImport(db, organisation.organisationId, text);
    return data<ActionResult>({ preview, text: preview.ok ? text : "" }, { status: preview.ok ? 200 : 400 });
  }
  if (intent === "confirm") {
    const result = await importMembers(db, {
      organisationId: organisation.organisationId,
      text: String(formData.get("csv") ?? ""),
      baseUrl: publicBaseUrl(request),
      now: new Date(),
    });
    if (!result.ok) return data<ActionResult>({ preview: result.preview, text: String(formData.get("csv") ?? "") }, { status: 400 });
    return redirect(`/organisations/${organisation.organisationSlug}/members?imported=${result.added}&invited=${result.invited}`);
  }
  throw new Response("Unknown form.", { status: 400 });
}

export default function ImportMembers() {
  const { t } = useTranslation();
  const { slug } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const preview = result?.preview;
  const rows = preview?.ok ? preview.rows : [];
  const valid = rows.filter((row) => row.errors.length === 0).length;

  return (
    <>
      <PageHeader title={t("organisations.import.title")} lead={t("organisations.import.lead", { max: CSV_MAX_ROWS })} />
      <section aria-labelledby="file-title" className="mb-8 rounded-lg bg-white p-4 shadow-sm sm:p-6">
        <h2 id="file-title" className="text-lg font-semibold">
          {t("organisations.import.fileTitle")}
        </h2>
        <p className="mt-1 text-sm text-stone-700">{t("organisations.import.format")}</p>
        <pre className="mt-2 overflow-x-auto rounded bg-stone-100 p-2 text-sm">
          email,name,role,team,job role{"\n"}ana.rossi@example.org,Ana Rossi,learner,Quartiere Navile,social worker
        </pre>
        <Form method="post" encType="multipart/form-data" className="mt-4 flex flex-col gap-4" noValidate>
          <input type="hidden" name="intent" value="preview" />
          <LabelledControl
            label={t("organisations.import.file")}
            errors={result?.fileError ? [result.fileError] : undefined}
          >
            {(props) => <input {...props} type="file" name="file" accept=".csv,text/csv" className={controlClass} />}
          </LabelledControl>
          <div>
            <SubmitButton>{t("organisations.import.check")}</SubmitButton>
          </div>
        </Form>
      </section>

      {preview && !preview.ok ? (
        <FormAlert message={t(`organisations.import.problems.${preview.problem}`, { column: preview.column ?? "", max: CSV_MAX_ROWS })} />
      ) : null}

      {preview?.ok ? (
        <section aria-labelledby="preview-title">
          <h2 id="preview-title" className="mb-2 text-xl font-semibold">
            {t("organisations.import.previewTitle")}
          </h2>
          <p role="status" className="mb-3">
            {t("organisations.import.summary", { valid, total: rows.length })}
          </p>
          <div className="overflow-x-auto rounded-lg bg-white shadow-sm">
            <table className="w-full text-left text-sm">
              <caption className="sr-only">{t("organisations.import.previewTitle")}</caption>
              <thead className="bg-stone-100">
                <tr>
                  <th scope="col" className="px-3 py-2">{t("organisations.import.line")}</th>
                  <th scope="col" className="px-3 py-2">{t("organisations.fields.email")}</th>
                  <th scope="col" className="px-3 py-2">{t("organisations.fields.name")}</th>
                  <th scope="col" className="px-3 py-2">{t("organisations.fields.role")}</th>
                  <th scope="col" className="px-3 py-2">{t("organisations.fields.team")}</th>
                  <th scope="col" className="px-3 py-2">{t("organisations.fields.jobRole")}</th>
                  <th scope="col" className="px-3 py-2">{t("organisations.import.result")}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((row) => (
                  <tr key={row.line} className="border-t border-stone-200 align-top">
                    <td className="px-3 py-2">{row.line}</td>
                    <td className="break-all px-3 py-2">{row.email}</td>
                    <td className="px-3 py-2">{row.name}</td>
                    <td className="px-3 py-2">{row.roleText || t("organisations.roles.learner")}</td>
                    <td className="px-3 py-2">{row.team}</td>
                    <td className="px-3 py-2">{row.jobRole}</td>
                    <td className="px-3 py-2">
                      {row.errors.length === 0 ? (
                        <span className="text-teal-900">{t("organisations.import.ok")}</span>
                      ) : (
                        <ul className="font-semibold text-red-800">
                          {row.errors.map((error) => (
                            <li key={error}>{t(`organisations.import.errors.${error}`)}</li>
                          ))}
                        </ul>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {valid > 0 ? (
            <Form method="post" className="mt-4 flex flex-wrap items-center gap-4">
              <input type="hidden" name="intent" value="confirm" />
              <input type="hidden" name="csv" value={result?.text ?? ""} />
              <SubmitButton>{t("organisations.import.confirm", { count: valid })}</SubmitButton>
              <Link to={`/organisations/${slug}/members`} className="text-teal-800 underline">
                {t("organisations.actions.cancel")}
              </Link>
            </Form>
          ) : (
            <p className="mt-4">{t("organisations.import.nothing")}</p>
          )}
        </section>
      ) : null}
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
