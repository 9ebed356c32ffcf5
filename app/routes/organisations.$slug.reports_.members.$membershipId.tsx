import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { GeneralErrorBoundary } from "../components/error-boundary";
import { Link } from "../components/link";
import { EmptyState, PageHeader } from "../components/page-header";
import { requireManager } from "../modules/auth/session.server";
import { resolveLanguage } from "../modules/i18n/request.server";
import { LevelBars } from "../modules/organisations/reports-charts";
import { memberReport } from "../modules/organisations/reports.server";
import { day, linkClass, ScrollTable, StatusBadge } from "../modules/organisations/reports-ui";
import { db } from "../utils/db.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.member.name ?? "Member"} · Vademecum` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, organisation } = await requireManager(request, params.slug ?? "");
  const language = await resolveLanguage(request, user);
  const data = await memberReport(
    db,
    { organisationId: organisation.organisationId, language, now: new Date() },
    params.membershipId ?? "",
  );
  return { organisation: { slug: organisation.organisationSlug, name: organisation.organisationName }, ...data };
}

export default function MemberReport() {
  const { t } = useTranslation();
  const { organisation, member, profile, maxLevel } = useLoaderData<typeof loader>();
  const withGap = profile.filter((row) => row.gap > 0).length;
  return (
    <>
      <p className="mb-2">
        <Link to={`/organisations/${organisation.slug}/reports#members`} className={linkClass}>
          {t("reports.member.back")}
        </Link>
      </p>
      <PageHeader
        title={member.name}
        lead={[member.jobRole, member.teamNames.join(", ")].filter(Boolean).join(" · ") || undefined}
      />

      <section aria-labelledby="courses-title" className="mb-10">
        <h2 id="courses-title" className="mb-1 text-xl font-semibold">
          {t("reports.member.courses")}
        </h2>
        <p className="mb-3 text-stone-700">{t("reports.member.coursesLead", { organisation: organisation.name })}</p>
        {member.courses.length === 0 ? (
          <EmptyState>{t("reports.members.nothingAssigned")}</EmptyState>
        ) : (
          <ScrollTable caption={t("reports.member.courses")} captionHidden>
            <thead className="bg-stone-100">
              <tr>
                <th scope="col" className="px-3 py-2">{t("reports.columns.module")}</th>
                <th scope="col" className="px-3 py-2">{t("reports.columns.status")}</th>
                <th scope="col" className="px-3 py-2">{t("reports.columns.dueDate")}</th>
                <th scope="col" className="px-3 py-2 text-right">{t("reports.columns.score")}</th>
                <th scope="col" className="px-3 py-2">{t("reports.columns.lastAccess")}</th>
                <th scope="col" className="px-3 py-2">{t("reports.columns.completedOn")}</th>
              </tr>
            </thead>
            <tbody>
              {member.courses.map((course) => (
                <tr key={`${course.courseId}-${course.nodeId ?? ""}`} className="border-t border-stone-200">
                  <th scope="row" className="px-3 py-2 font-medium">
                    {course.courseTitle}
                    {course.nodeId ? <span className="block text-xs text-stone-700">{t("reports.part", { part: course.nodeId })}</span> : null}
                  </th>
                  <td className="px-3 py-2"><StatusBadge status={course.status} /></td>
                  <td className="whitespace-nowrap px-3 py-2">{day(course.dueAt) || t("reports.noDueDate")}</td>
                  <td className="px-3 py-2 text-right">{course.score === null ? "–" : `${Math.round(course.score * 100)}%`}</td>
                  <td className="whitespace-nowrap px-3 py-2">{day(course.lastAccessAt) || "–"}</td>
                  <td className="whitespace-nowrap px-3 py-2">{day(course.completedAt) || "–"}</td>
                </tr>
              ))}
            </tbody>
          </ScrollTable>
        )}
      </section>

      <section aria-labelledby="profile-title" className="mb-10">
        <h2 id="profile-title" className="mb-1 text-xl font-semibold">
          {t("reports.member.profile")}
        </h2>
        <p className="mb-3 max-w-3xl text-stone-700">{t("reports.member.profileLead")}</p>
        <div className="mb-4 overflow-x-auto rounded-lg bg-white p-4 shadow-sm">
          <LevelBars
            bars={profile.map((row) => ({ label: row.code, value: row.evidenceLevel, target: row.targetLevel }))}
            max={maxLevel}
            targetLabel={t("reports.columns.target")}
            summary={t("reports.member.barsSummary", { count: withGap, total: profile.length })}
          />
          <p className="mt-2 text-sm text-stone-700">{t("reports.member.barsLegend")}</p>
        </div>
        <ScrollTable caption={t("reports.member.profile")} captionHidden>
          <thead className="bg-stone-100">
            <tr>
              <th scope="col" className="px-3 py-2">{t("reports.columns.competence")}</th>
              <th scope="col" className="px-3 py-2 text-right">{t("reports.columns.level")}</th>
              <th scope="col" className="px-3 py-2 text-right">{t("reports.columns.selfRating")}</th>
              <th scope="col" className="px-3 py-2 text-right">{t("reports.columns.target")}</th>
              <th scope="col" className="px-3 py-2">{t("reports.columns.gap")}</th>
            </tr>
          </thead>
          <tbody>
            {profile.map((row) => (
              <tr key={row.code} className="border-t border-stone-200">
                <th scope="row" className="px-3 py-2 font-normal">
                  <span className="font-medium">{row.code}</span> {row.name}
                  <span className="block text-xs text-stone-700">{row.areaName}</span>
                </th>
                <td className="px-3 py-2 text-right">{row.evidenceLevel}</td>
                <td className="px-3 py-2 text-right">{row.selfRatedLevel ?? "–"}</td>
                <td className="px-3 py-2 text-right">{row.targetLevel ?? "–"}</td>
                <td className="px-3 py-2">
                  {row.targetLevel === null
                    ? t("reports.member.noTarget")
                    : row.gap > 0
                      ? t("reports.member.belowTarget", { gap: row.gap })
                      : t("reports.member.atTarget")}
                </td>
              </tr>
            ))}
          </tbody>
        </ScrollTable>
      </section>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
