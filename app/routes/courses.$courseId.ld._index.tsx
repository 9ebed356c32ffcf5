import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ActivityTree } from "../components/delivery/activity-tree";
import { ProgressBar } from "../components/delivery/status";
import { GeneralErrorBoundary } from "../components/error-boundary";
import { Link } from "../components/link";
import { EmptyState, PageHeader } from "../components/page-header";
import { requireUser } from "../modules/auth/session.server";
import { requireUnit, runParameter, staffRuns, unitOverview } from "../modules/delivery/player.server";
import { resolveLanguage } from "../modules/i18n/request.server";
import { db } from "../utils/db.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.overview.title ?? "Module"} · Vademecum` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const language = await resolveLanguage(request, user);
  const runId = new URL(request.url).searchParams.get("run");
  const session = await requireUnit(db, user, params.courseId!, { now: new Date().toISOString(), runId });
  return {
    courseId: session.course.id,
    runId: session.runId,
    run: runParameter(session),
    overview: unitOverview(session, language),
    runs: session.enrolmentId ? [] : await staffRuns(db, user, session.course.id),
  };
}

export default function UnitPlayer() {
  const { t } = useTranslation();
  const { courseId, runId, run, overview, runs } = useLoaderData<typeof loader>();
  const activityHref = (identifier: string) => `/courses/${courseId}/ld/${encodeURIComponent(identifier)}${run}`;
  const activities = Object.keys(overview.progress.activities).length;
  const done = Object.values(overview.progress.activities).filter((status) => status === "completed").length;

  return (
    <div className="flex flex-col gap-8">
      <div>
        <p className="mb-2">
          <Link to={`/courses/${courseId}`} className="text-sm font-medium text-teal-800 underline underline-offset-4">
            {t("delivery.player.aboutCourse")}
          </Link>
        </p>
        <PageHeader title={overview.title} lead={t("delivery.player.yourRoles", { roles: overview.roles.join(", ") })} />
        {runs.length > 1 ? (
          <nav aria-label={t("delivery.player.groups")} className="flex flex-wrap gap-2 text-sm">
            {runs.map((candidate) => (
              <Link
                key={candidate.id}
                to={`?run=${candidate.id}`}
                aria-current={candidate.id === runId ? "page" : undefined}
                className="rounded border border-stone-300 bg-white px-3 py-1.5 aria-[current=page]:border-teal-800 aria-[current=page]:font-semibold"
              >
                {t("delivery.player.group", { version: candidate.version, count: candidate.learners })}
              </Link>
            ))}
          </nav>
        ) : null}
      </div>

      {overview.unitCompleted ? (
        <p role="status" className="rounded-lg border border-teal-700 bg-teal-50 p-4 font-medium text-teal-900">
          {t("delivery.player.unitCompleted")}
        </p>
      ) : null}

      {overview.next ? (
        <section aria-labelledby="next-title" className="rounded-lg bg-white p-5 shadow-sm">
          <h2 id="next-title" className="text-sm font-semibold uppercase tracking-wide text-stone-600">{t("delivery.player.next")}</h2>
          <p className="mt-1 text-lg font-semibold">{overview.next.title}</p>
          <p className="mt-3">
            <Link to={activityHref(overview.next.identifier)} className="inline-block rounded bg-teal-800 px-5 py-2.5 font-semibold text-white hover:bg-teal-900">
              {t("delivery.player.continue")}
              <span className="sr-only">: {overview.next.title}</span>
            </Link>
          </p>
        </section>
      ) : null}

      {activities > 0 ? (
        <ProgressBar ratio={overview.unitCompleted ? 1 : done / activities} label={t("delivery.course.progress")} />
      ) : null}

      {overview.hasMonitor ? (
        <p>
          <Link to={`/courses/${courseId}/ld/monitor${run}`} className="font-medium text-teal-800 underline underline-offset-4">
            {t("delivery.monitor.open")}
          </Link>
        </p>
      ) : null}

      {overview.plays.map((play) => (
        <section key={play.identifier} aria-labelledby={`play-${play.identifier}`} className="flex flex-col gap-3">
          <h2 id={`play-${play.identifier}`} className="text-xl font-semibold">{play.title}</h2>
          {play.act ? (
            <p className="text-stone-700">
              {play.completed ? t("delivery.player.playCompleted") : t("delivery.player.currentAct", { act: play.act.title ?? "" })}
            </p>
          ) : null}
          {play.nodes.length === 0 && !play.completed ? <EmptyState>{t("delivery.player.nothingForYou")}</EmptyState> : null}
          <ActivityTree nodes={play.nodes} href={activityHref} />
        </section>
      ))}

      {overview.available.length > 0 ? (
        <section aria-labelledby="available-title" className="flex flex-col gap-3">
          <h2 id="available-title" className="text-xl font-semibold">{t("delivery.player.madeAvailable")}</h2>
          <ActivityTree nodes={overview.available} href={activityHref} />
        </section>
      ) : null}
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
