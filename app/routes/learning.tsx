import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ProgressBar, StatusBadge } from "../components/delivery/status";
import { Link } from "../components/link";
import { EmptyState, PageHeader } from "../components/page-header";
import { requireUser } from "../modules/auth/session.server";
import { myLearning } from "../modules/delivery/my-learning.server";
import { resolveLanguage } from "../modules/i18n/request.server";
import { db } from "../utils/db.server";
import { dateTimeFormat } from "../utils/formats";

export const meta: MetaFunction = () => [{ title: "My learning · Vademecum" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const language = await resolveLanguage(request, user);
  const now = new Date().toISOString();
  return { name: user.name, now, ...(await myLearning(db, user.id, { language, now })) };
}

export default function MyLearning() {
  const { t, i18n } = useTranslation();
  const { name, now, assignments, courses } = useLoaderData<typeof loader>();
  const date = dateTimeFormat(i18n.language, { dateStyle: "medium" });

  return (
    <>
      <PageHeader title={t("learning.title")} lead={t("learning.greeting", { name })} />
      <section aria-labelledby="assigned-title" className="mb-10">
        <h2 id="assigned-title" className="mb-3 text-xl font-semibold">
          {t("learning.assigned")}
        </h2>
        {assignments.length === 0 ? (
          <EmptyState>{t("learning.noAssignments")}</EmptyState>
        ) : (
          <ul className="grid gap-3 md:grid-cols-2">
            {assignments.map((assignment) => {
              const finished = assignment.status === "completed" || assignment.status === "passed";
              const overdue = assignment.dueAt !== null && assignment.dueAt < now && !finished;
              return (
                <li key={assignment.id} className={`rounded-lg bg-white p-4 shadow-sm ${overdue ? "border-l-4 border-red-800" : ""}`}>
                  <h3 className="font-semibold">
                    <Link to={`/courses/${assignment.courseId}`} className="text-teal-900 underline-offset-4 hover:underline">
                      {assignment.title}
                    </Link>
                  </h3>
                  <p className="text-sm text-stone-700">
                    {assignment.organisationName}
                    {assignment.mandatory ? ` · ${t("delivery.learning.mandatory")}` : ""}
                  </p>
                  {assignment.dueAt ? (
                    <p className={`mt-2 text-sm ${overdue ? "font-semibold text-red-800" : "text-stone-800"}`}>
                      {overdue ? (
                        <>
                          <span aria-hidden="true">⚠ </span>
                          {t("learning.overdueSince")}
                        </>
                      ) : (
                        t("learning.dueOn")
                      )}{" "}
                      {date.format(new Date(assignment.dueAt))}
                    </p>
                  ) : null}
                  {assignment.reason ? <p className="mt-1 text-sm text-stone-700">{assignment.reason}</p> : null}
                  <p className="mt-2">
                    <StatusBadge status={assignment.status} />
                  </p>
                </li>
              );
            })}
          </ul>
        )}
      </section>
      <section aria-labelledby="courses-title">
        <h2 id="courses-title" className="mb-3 text-xl font-semibold">
          {t("learning.myCourses")}
        </h2>
        {courses.length === 0 ? (
          <EmptyState>
            {t("learning.noCourses")}{" "}
            <Link to="/catalogue" className="font-medium text-teal-800 underline underline-offset-4">
              {t("delivery.learning.browse")}
            </Link>
          </EmptyState>
        ) : (
          <ul className="grid gap-3 md:grid-cols-2">
            {courses.map((course) => (
              <li key={course.courseId} className="flex flex-col gap-3 rounded-lg bg-white p-4 shadow-sm">
                <div className="flex flex-wrap items-start justify-between gap-2">
                  <h3 className="font-semibold" lang={course.titleLanguage ?? undefined}>
                    <Link to={`/courses/${course.courseId}`} className="text-teal-900 underline-offset-4 hover:underline">
                      {course.title}
                    </Link>
                  </h3>
                  <StatusBadge status={course.status} />
                </div>
                <ProgressBar ratio={course.ratio} label={t("delivery.learning.progressOf", { title: course.title })} />
                {course.lastAccessAt ? (
                  <p className="text-sm text-stone-700">
                    {t("delivery.learning.lastAccess", { date: date.format(new Date(course.lastAccessAt)) })}
                  </p>
                ) : null}
                {course.status === "completed" || course.status === "passed" ? null : (
                  <div className="flex flex-wrap items-center justify-between gap-3 border-t border-stone-200 pt-3">
                    <p className="text-sm">
                      {course.next ? (
                        <>
                          <span className="font-medium">{t("delivery.learning.nextStep")}</span> {course.next.title}
                        </>
                      ) : null}
                    </p>
                    <Link to={course.continueHref} className="rounded bg-teal-800 px-4 py-2 font-semibold text-white hover:bg-teal-900">
                      {t("delivery.course.continue")}
                      <span className="sr-only">: {course.title}</span>
                    </Link>
                  </div>
                )}
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}
