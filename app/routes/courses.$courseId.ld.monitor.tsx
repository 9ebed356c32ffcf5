import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { LdContent } from "../components/delivery/ld-content";
import { GeneralErrorBoundary } from "../components/error-boundary";
import { Link } from "../components/link";
import { EmptyState, PageHeader } from "../components/page-header";
import { requireUser } from "../modules/auth/session.server";
import { monitorSections, requireUnit, runParameter } from "../modules/delivery/player.server";
import { resolveLanguage } from "../modules/i18n/request.server";
import { db } from "../utils/db.server";

export const meta: MetaFunction = () => [{ title: "Monitor · Vademecum" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const language = await resolveLanguage(request, user);
  const runId = new URL(request.url).searchParams.get("run");
  const session = await requireUnit(db, user, params.courseId!, { now: new Date().toISOString(), runId });
  return {
    courseId: session.course.id,
    courseTitle: session.course.title,
    run: runParameter(session),
    sections: await monitorSections(db, session, language),
  };
}

export default function Monitor() {
  const { t } = useTranslation();
  const { courseId, courseTitle, run, sections } = useLoaderData<typeof loader>();
  return (
    <div className="flex flex-col gap-6">
      <p>
        <Link to={`/courses/${courseId}/ld${run}`} className="text-sm font-medium text-teal-800 underline underline-offset-4">
          {t("delivery.player.backToModule", { title: courseTitle })}
        </Link>
      </p>
      <PageHeader title={t("delivery.monitor.title")} lead={t("delivery.monitor.lead")} />
      {sections.length === 0 ? <EmptyState>{t("delivery.monitor.none")}</EmptyState> : null}
      {sections.map((section) => (
        <section key={section.serviceId} aria-labelledby={`monitor-${section.serviceId}`} className="flex flex-col gap-4">
          <h2 id={`monitor-${section.serviceId}`} className="text-xl font-semibold">{section.title ?? t("delivery.monitor.title")}</h2>
          {section.subjects.length === 0 ? <EmptyState>{t("delivery.monitor.noPeople")}</EmptyState> : null}
          {section.subjects.map((subject) => (
            <article key={subject.userId} aria-labelledby={`person-${section.serviceId}-${subject.userId}`} className="rounded-lg bg-white p-5 shadow-sm">
              <h3 id={`person-${section.serviceId}-${subject.userId}`} className="mb-2 text-lg font-semibold">{subject.name}</h3>
              {subject.pages.map((page, index) => (
                <LdContent key={index} tree={page.tree} views={page.views} language={page.language} />
              ))}
            </article>
          ))}
        </section>
      ))}
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
