import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { EmptyState, PageHeader } from "../components/page-header";
import { requireUser } from "../modules/auth/session.server";
import { myLearning } from "../modules/delivery/my-learning.server";
import { db } from "../utils/db.server";

export const meta: MetaFunction = () => [{ title: "My learning · Vademecum" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return { name: user.name, ...(await myLearning(db, user.id)) };
}

export default function MyLearning() {
  const { t, i18n } = useTranslation();
  const { name, assignments, courses } = useLoaderData<typeof loader>();
  const date = new Intl.DateTimeFormat(i18n.language, { dateStyle: "medium" });
  const now = new Date().toISOString();

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
              const overdue = assignment.dueAt !== null && assignment.dueAt < now && !assignment.status.startsWith("comp");
              return (
                <li key={assignment.id} className="rounded-lg bg-white p-4 shadow-sm">
                  <h3 className="font-semibold">{assignment.title}</h3>
                  <p className="text-sm text-stone-700">{assignment.organisationName}</p>
                  {assignment.dueAt ? (
                    <p className={`mt-2 text-sm ${overdue ? "font-semibold text-red-800" : "text-stone-800"}`}>
                      {overdue ? t("learning.overdueSince") : t("learning.dueOn")} {date.format(new Date(assignment.dueAt))}
                    </p>
                  ) : null}
                  {assignment.reason ? <p className="mt-1 text-sm text-stone-700">{assignment.reason}</p> : null}
                  <p className="mt-2 text-sm">{t(`progress.status.${assignment.status}`)}</p>
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
          <EmptyState>{t("learning.noCourses")}</EmptyState>
        ) : (
          <ul className="grid gap-3 md:grid-cols-2">
            {courses.map((course) => (
              <li key={course.courseId} className="rounded-lg bg-white p-4 shadow-sm">
                <h3 className="font-semibold">{course.title}</h3>
                <p className="mt-1 text-sm">{t(`progress.status.${course.status}`)}</p>
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}
