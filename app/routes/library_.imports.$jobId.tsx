import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, useLoaderData, useRevalidator } from "@remix-run/react";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { GeneralErrorBoundary } from "../components/error-boundary";
import { Link } from "../components/link";
import { PageHeader } from "../components/page-header";
import { requireAuthor } from "../modules/auth/session.server";
import { problemText } from "../modules/i18n/problem-text";
import { problemsOf, UPLOAD_KEPT_DAYS, type ImportJobState } from "../modules/packages/import-jobs";
import { discardImport, findImportJob, startImport } from "../modules/packages/import-jobs.server";
import type { PackageSummary } from "../modules/packages/validate.server";
import { db } from "../utils/db.server";
import { env } from "../utils/env.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.job.fileName ?? "Import"} · Vademecum` },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireAuthor(request);
  const job = await findImportJob(db, params.jobId ?? "", user.id);
  if (!job) throw new Response("Import not found.", { status: 404 });
  return { job };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireAuthor(request);
  const jobId = params.jobId ?? "";
  const intent = (await request.formData()).get("intent");
  const options = { jobId, userId: user.id, contentDir: env().CONTENT_DIR };
  if (intent === "import") {
    await startImport(db, options);
    return redirect(`/library/imports/${jobId}`);
  }
  if (intent === "discard") {
    if (!(await discardImport(db, options))) throw new Response("Import not found.", { status: 404 });
    return redirect("/library/import?discarded=1");
  }
  throw new Response("Unknown form.", { status: 400 });
}

const buttonClass = "rounded px-4 py-2 font-semibold disabled:cursor-not-allowed disabled:opacity-60";

/** Polls the job while it is imported and shows its step and progress. */
function ImportProgress({ jobId, initial }: { jobId: string; initial: ImportJobState }) {
  const { t } = useTranslation();
  const revalidator = useRevalidator();
  const [state, setState] = useState(initial);
  const running = state.status === "importing";

  useEffect(() => {
    if (!running) return;
    let stopped = false;
    const timer = window.setInterval(async () => {
      try {
        const response = await fetch(`/api/imports/${jobId}`, { headers: { Accept: "application/json" } });
        if (!response.ok || stopped) return;
        const next = (await response.json()) as ImportJobState;
        setState(next);
        if (next.status !== "importing") {
          stopped = true;
          window.clearInterval(timer);
          revalidator.revalidate();
        }
      } catch {
        // A missed poll is retried on the next tick.
      }
    }, 500);
    return () => {
      stopped = true;
      window.clearInterval(timer);
    };
  }, [jobId, running, revalidator]);

  const percent = Math.round(state.progress * 100);
  return (
    <div className="flex flex-col gap-2">
      <p role="status" className="font-medium">
        {t("library.report.importing", { step: t(`library.report.steps.${state.step || "validating"}`) })}
      </p>
      <label htmlFor="import-progress" className="text-sm text-stone-700">
        {t("library.report.progress", { percent })}
      </label>
      <progress id="import-progress" max={100} value={percent} className="h-3 w-full accent-teal-800" />
      <noscript>
        <meta httpEquiv="refresh" content="2" />
        <Link to={`/library/imports/${jobId}`} className="text-teal-800 underline underline-offset-4">
          {t("library.report.refresh")}
        </Link>
      </noscript>
    </div>
  );
}

function Summary({ kind, title, identifier, summary }: { kind: string; title: string | null; identifier: string | null; summary: PackageSummary | null }) {
  const { t } = useTranslation();
  const rows: [string, string | number][] = [
    [t("library.fields.kind"), t(`library.kinds.${kind}`, { defaultValue: kind })],
    [t("library.fields.title"), title ?? t("library.notGiven")],
    [t("library.fields.identifier"), identifier ?? t("library.notGiven")],
  ];
  if (summary) {
    if (summary.scormEdition) rows.push([t("library.report.found.scormEdition"), summary.scormEdition]);
    rows.push(
      [t("library.report.found.organizations"), summary.organizations],
      [t("library.report.found.items"), summary.items],
      [t("library.report.found.resources"), summary.resources],
      [t("library.report.found.scos"), summary.scos],
      [t("library.report.found.metadata"), summary.metadata],
    );
    if (summary.learningDesigns > 0) rows.push([t("library.report.found.learningDesigns"), summary.learningDesigns]);
    const design = summary.learningDesign;
    if (design) {
      rows.push(
        [t("library.report.found.roles"), design.roles],
        [t("library.report.found.learningActivities"), design.learningActivities],
        [t("library.report.found.supportActivities"), design.supportActivities],
        [t("library.report.found.activityStructures"), design.activityStructures],
        [t("library.report.found.environments"), design.environments],
        [t("library.report.found.plays"), design.plays],
        [t("library.report.found.acts"), design.acts],
        [t("library.report.found.roleParts"), design.roleParts],
      );
      if (design.properties) rows.push([t("library.report.found.properties"), design.properties]);
      if (design.conditions) rows.push([t("library.report.found.conditions"), design.conditions]);
      if (design.notifications) rows.push([t("library.report.found.notifications"), design.notifications]);
    }
  }
  return (
    <dl className="grid grid-cols-1 gap-x-6 gap-y-1 sm:grid-cols-[max-content_1fr]">
      {rows.map(([label, value]) => (
        <div key={label} className="contents">
          <dt className="text-stone-700">{label}</dt>
          <dd className="mb-2 break-words font-medium sm:mb-0">{value}</dd>
        </div>
      ))}
    </dl>
  );
}

export default function ImportReport() {
  const { t } = useTranslation();
  const { job } = useLoaderData<typeof loader>();
  const report = job.report;
  const validation = report?.validation;
  const problems = report ? problemsOf(report) : [];
  const errorCount = validation?.errors.length ?? 0;
  const canDiscard = job.status === "ready" || job.status === "failed";

  return (
    <div className="mx-auto max-w-4xl">
      <p className="mb-2">
        <Link to="/library" className="text-teal-800 underline underline-offset-4">
          {t("library.backToLibrary")}
        </Link>
      </p>
      <PageHeader title={t("library.report.title")} lead={t("library.report.file", { file: job.fileName })} />

      <section aria-labelledby="status-title" className="mb-6 rounded-lg bg-white p-6 shadow-sm">
        <h2 id="status-title" className="mb-3 text-lg font-semibold">
          {t("library.report.statusTitle")}
        </h2>
        {job.status === "validating" ? <p>{t("library.report.validating")}</p> : null}
        {job.status === "importing" ? <ImportProgress jobId={job.id} initial={job} /> : null}
        {job.status === "done" && job.packageId ? (
          <div className="flex flex-col gap-3">
            <p role="status" className="font-medium text-teal-900">
              {t("library.report.done")}
            </p>
            <p>
              <Link to={`/library/${job.packageId}`} className="font-semibold text-teal-800 underline underline-offset-4">
                {t("library.report.openEntry", { title: validation?.title ?? job.fileName })}
              </Link>
            </p>
          </div>
        ) : null}
        {job.status === "ready" || (job.status === "failed" && !report?.failure) ? (
          <div className="flex flex-col gap-3">
            {errorCount === 0 && !validation?.warnings.length ? <p>{t("library.report.readyClean")}</p> : null}
            {errorCount === 0 && validation?.warnings.length ? (
              <p>{t("library.report.ready", { count: validation.warnings.length })}</p>
            ) : null}
            {errorCount === 0 ? null : (
              <p id="why-not" className="font-medium text-red-900">
                {t("library.report.blocked", { count: errorCount })}
              </p>
            )}
          </div>
        ) : null}
        {report?.failure ? (
          <p role="alert" className="font-medium text-red-900">
            {report.failureCode === "interrupted" || report.failureCode === "expired"
              ? t(`library.report.failures.${report.failureCode}`, { days: UPLOAD_KEPT_DAYS })
              : t("library.report.failed", { reason: report.failure })}
          </p>
        ) : null}
        {canDiscard ? (
          <div className="mt-4 flex flex-wrap gap-3">
            <Form method="post">
              <input type="hidden" name="intent" value="import" />
              <button
                type="submit"
                disabled={job.status !== "ready"}
                aria-describedby={job.status !== "ready" && errorCount > 0 ? "why-not" : undefined}
                className={`${buttonClass} bg-teal-800 text-white hover:bg-teal-900`}
              >
                {t("library.report.import")}
              </button>
            </Form>
            <Form method="post">
              <input type="hidden" name="intent" value="discard" />
              <button type="submit" className={`${buttonClass} border border-stone-500 bg-white text-stone-900 hover:bg-stone-100`}>
                {t("library.report.discard")}
              </button>
            </Form>
          </div>
        ) : null}
      </section>

      {validation ? (
        <section aria-labelledby="found-title" className="mb-6 rounded-lg bg-white p-6 shadow-sm">
          <h2 id="found-title" className="mb-3 text-lg font-semibold">
            {t("library.report.foundTitle")}
          </h2>
          <Summary kind={validation.kind} title={validation.title} identifier={validation.identifier} summary={validation.summary} />
        </section>
      ) : null}

      {validation ? (
        <section aria-labelledby="problems-title" className="rounded-lg bg-white p-6 shadow-sm">
          <h2 id="problems-title" className="mb-3 text-lg font-semibold">
            {t("library.report.problemsTitle")}
          </h2>
          {problems.length === 0 ? (
            <p>{t("library.report.noProblems")}</p>
          ) : (
            <div className="overflow-x-auto">
              <table className="w-full text-left text-sm">
                <caption className="mb-2 text-left text-stone-700">
                  {t("library.report.problemsCaption", {
                    errors: validation.errors.length,
                    warnings: validation.warnings.length,
                  })}
                </caption>
                <thead className="bg-stone-100">
                  <tr>
                    <th scope="col" className="px-3 py-2">{t("library.report.columns.severity")}</th>
                    <th scope="col" className="px-3 py-2">{t("library.report.columns.problem")}</th>
                    <th scope="col" className="px-3 py-2">{t("library.report.columns.file")}</th>
                    <th scope="col" className="px-3 py-2">{t("library.report.columns.line")}</th>
                    <th scope="col" className="px-3 py-2">{t("library.report.columns.element")}</th>
                  </tr>
                </thead>
                <tbody>
                  {problems.map((problem, index) => (
                    <tr key={index} className="border-t border-stone-200 align-top">
                      <td className={`px-3 py-2 font-semibold ${problem.severity === "error" ? "text-red-900" : "text-amber-900"}`}>
                        {t(`library.report.severity.${problem.severity}`)}
                      </td>
                      <td className="px-3 py-2">
                        {problemText(t, problem)}
                        <span className="block text-xs text-stone-600">{problem.code}</span>
                      </td>
                      <td className="break-all px-3 py-2">{problem.file ?? t("library.report.wholePackage")}</td>
                      <td className="px-3 py-2">{problem.line ?? "—"}</td>
                      <td className="px-3 py-2">{problem.element ? `<${problem.element}>` : "—"}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </section>
      ) : null}
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
