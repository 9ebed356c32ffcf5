import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ProgressBar, StatusBadge } from "../components/delivery/status";
import { GeneralErrorBoundary } from "../components/error-boundary";
import { Link } from "../components/link";
import { PageHeader } from "../components/page-header";
import { requireUser } from "../modules/auth/session.server";
import { coursePage } from "../modules/delivery/course.server";
import { ensureEnrolment } from "../modules/delivery/enrolment.server";
import type { OutlineNode } from "../modules/delivery/outline";
import { resolveLanguage } from "../modules/i18n/request.server";
import { db } from "../utils/db.server";
import { dateTimeFormat } from "../utils/formats";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.course.title ?? "Course"} · Vademecum` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const language = await resolveLanguage(request, user);
  return coursePage(db, user.id, params.courseId!, language, new Date().toISOString());
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const formData = await request.formData();
  if (formData.get("intent") !== "enrol") throw new Response("Unknown form.", { status: 400 });
  const enrolment = await ensureEnrolment(db, user.id, params.courseId!);
  if (!enrolment) throw new Response("Course not found.", { status: 404 });
  return redirect(`/courses/${params.courseId}`);
}

export default function CoursePage() {
  const { t, i18n } = useTranslation();
  const { course, learner, assignment } = useLoaderData<typeof loader>();
  const languageName = (tag: string) => course.languageNames[tag] ?? tag;
  const date = dateTimeFormat(i18n.language, { dateStyle: "medium" });
  const started = learner.status !== "not-started";

  return (
    <article className="flex flex-col gap-8">
      <div>
        <p className="mb-2">
          <Link to="/catalogue" className="text-sm font-medium text-teal-800 underline underline-offset-4">
            {t("delivery.course.backToCatalogue")}
          </Link>
        </p>
        <PageHeader title={course.title}>
          {learner.enrolled ? (
            <Link to={learner.continueHref} className="rounded bg-teal-800 px-5 py-2.5 font-semibold text-white hover:bg-teal-900">
              {started ? t("delivery.course.continue") : t("delivery.course.start")}
            </Link>
          ) : (
            <Form method="post">
              <input type="hidden" name="intent" value="enrol" />
              <button type="submit" className="rounded bg-teal-800 px-5 py-2.5 font-semibold text-white hover:bg-teal-900">
                {t("delivery.course.enrol")}
              </button>
            </Form>
          )}
        </PageHeader>
        <p className="max-w-3xl text-lg text-stone-800" lang={course.descriptionLanguage ?? undefined}>{course.description}</p>
        {course.audience ? <p className="mt-3 max-w-3xl text-stone-700">{course.audience}</p> : null}
      </div>

      {assignment ? (
        <p className="rounded-lg border border-amber-300 bg-amber-50 p-4">
          {assignment.dueAt
            ? t("delivery.course.assignedDue", { organisation: assignment.organisationName, date: date.format(new Date(assignment.dueAt)) })
            : t("delivery.course.assigned", { organisation: assignment.organisationName })}
        </p>
      ) : null}

      <section aria-labelledby="facts-title" className="grid gap-6 md:grid-cols-2">
        <div className="rounded-lg bg-white p-5 shadow-sm">
          <h2 id="facts-title" className="mb-3 text-lg font-semibold">{t("delivery.course.facts")}</h2>
          <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-2">
            {course.learningTimeMinutes !== null ? (
              <>
                <dt className="font-medium">{t("delivery.course.time")}</dt>
                <dd>{t("delivery.course.minutes", { count: course.learningTimeMinutes })}</dd>
              </>
            ) : null}
            <dt className="font-medium">{t("delivery.course.languages")}</dt>
            <dd>{course.languages.map(languageName).join(", ") || "—"}</dd>
            {course.difficulty ? (
              <>
                <dt className="font-medium">{t("delivery.catalogue.difficulty")}</dt>
                <dd>{t(`delivery.difficulty.${course.difficulty.replace(/\s+/g, "-")}`, { defaultValue: course.difficulty })}</dd>
              </>
            ) : null}
            {course.licence ? (
              <>
                <dt className="font-medium">{t("delivery.course.licence")}</dt>
                <dd>{course.licence}</dd>
              </>
            ) : null}
          </dl>
        </div>
        <div className="rounded-lg bg-white p-5 shadow-sm">
          <h2 className="mb-3 text-lg font-semibold">{t("delivery.course.objectives")}</h2>
          {course.competences.length === 0 ? (
            <p className="text-stone-700">{t("delivery.course.noCompetences")}</p>
          ) : (
            <ul className="flex flex-col gap-2">
              {course.competences.map((competence) => (
                <li key={competence.code}>
                  <span className="font-medium">{competence.code} {competence.name}</span>
                  <span className="block text-sm text-stone-700">{t("delivery.course.levelLong", { level: competence.level })}</span>
                </li>
              ))}
            </ul>
          )}
        </div>
      </section>

      <section aria-labelledby="progress-title" className="rounded-lg bg-white p-5 shadow-sm">
        <div className="mb-4 flex flex-wrap items-center justify-between gap-3">
          <h2 id="progress-title" className="text-lg font-semibold">{t("delivery.course.progress")}</h2>
          <StatusBadge status={learner.status} />
        </div>
        {learner.enrolled ? <ProgressBar ratio={learner.ratio} label={t("delivery.course.progress")} /> : null}
        {learner.next ? (
          <p className="mt-3">
            {t("delivery.course.nextStep")}{" "}
            <Link to={learner.continueHref} className="font-medium text-teal-800 underline underline-offset-4">{learner.next.title}</Link>
          </p>
        ) : null}
        <Outline nodes={learner.outline} level={3} />
      </section>
    </article>
  );
}

function Outline({ nodes, level }: { nodes: OutlineNode[]; level: number }) {
  const { t } = useTranslation();
  if (nodes.length === 0) return null;
  return (
    <ul className="mt-4 flex flex-col gap-3">
      {nodes.map((node) => (
        <li key={node.id} className={node.kind === "play" || node.kind === "act" ? "" : "ml-2 border-l-2 border-stone-200 pl-3"}>
          <div className="flex flex-wrap items-center gap-2">
            {node.kind === "play" || node.kind === "act" ? (
              <span role="heading" aria-level={Math.min(level, 6)} className="font-semibold">{node.title}</span>
            ) : (
              <span className={node.kind === "structure" ? "font-medium" : ""}>{node.title}</span>
            )}
            <StatusBadge status={node.status} />
            {node.numberToSelect !== null ? (
              <span className="text-sm text-stone-700">{t("delivery.player.chooseOf", { count: node.numberToSelect, total: node.children.length })}</span>
            ) : null}
          </div>
          <Outline nodes={node.children} level={level + 1} />
        </li>
      ))}
    </ul>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
