import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { GeneralErrorBoundary } from "../components/error-boundary";
import { Link } from "../components/link";
import { EmptyState, PageHeader } from "../components/page-header";
import { requireManager } from "../modules/auth/session.server";
import { resolveLanguage } from "../modules/i18n/request.server";
import {
  ASSIGNMENT_STATUSES,
  filtersToParams,
  parseReportFilters,
  type ReportFilters,
  type StatusCounts,
} from "../modules/organisations/reports";
import { ColumnChart } from "../modules/organisations/reports-charts";
import type { HeatMapCellView } from "../modules/organisations/reports-competences";
import { organisationReport } from "../modules/organisations/reports.server";
import { buttonClass, day, fieldClass, linkClass, ScrollTable, StatusBadge } from "../modules/organisations/reports-ui";
import { db } from "../utils/db.server";
import { dateTimeFormat } from "../utils/formats";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.organisation.name ?? "Organisation"} · Reports · Vademecum` },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, organisation } = await requireManager(request, params.slug ?? "");
  const filters = parseReportFilters(new URL(request.url).searchParams);
  const language = await resolveLanguage(request, user);
  const data = await organisationReport(db, { organisationId: organisation.organisationId, language, now: new Date() }, filters);
  return {
    organisation: { slug: organisation.organisationSlug, name: organisation.organisationName },
    filters,
    language,
    ...data,
  };
}

type LoaderData = ReturnType<typeof useLoaderData<typeof loader>>;

const query = (filters: Partial<ReportFilters>, hash = "") => {
  const params = filtersToParams(filters).toString();
  return `?${params}${hash}`;
};

export default function Reports() {
  const { t } = useTranslation();
  const data = useLoaderData<typeof loader>();
  const { organisation, filters, report } = data;
  const base = `/organisations/${organisation.slug}/reports`;
  const exportQuery = filtersToParams({ ...filters, page: 1 });
  const csvHref = (table: string) => `${base}/csv?${new URLSearchParams([...exportQuery, ["table", table]])}`;
  return (
    <>
      <PageHeader title={t("reports.title")} lead={t("reports.lead", { organisation: organisation.name })} />
      <Filters data={data} />
      <p className="mb-8 flex flex-wrap gap-x-4 gap-y-2">
        <a href={csvHref("training")} download className={linkClass}>
          {t("reports.download.training")}
        </a>
      </p>

      <section aria-labelledby="totals-title" className="mb-10">
        <h2 id="totals-title" className="mb-3 text-xl font-semibold">
          {t("reports.totals.title")}
        </h2>
        <dl className="grid grid-cols-2 gap-3 sm:grid-cols-5">
          {[
            [t("reports.totals.assigned"), report.totals.total],
            ...ASSIGNMENT_STATUSES.map((status) => [t(`reports.status.${status}`), report.totals[status]] as const),
          ].map(([label, value]) => (
            <div key={label} className="rounded-lg bg-white p-4 shadow-sm">
              <dt className="text-sm text-stone-700">{label}</dt>
              <dd className="text-2xl font-bold">{value}</dd>
            </div>
          ))}
        </dl>
      </section>

      <section aria-labelledby="assignments-title" className="mb-10">
        <h2 id="assignments-title" className="mb-1 text-xl font-semibold">
          {t("reports.assignments.title")}
        </h2>
        <p className="mb-3 text-stone-700">{t("reports.assignments.lead")}</p>
        {report.assignments.length === 0 ? (
          <EmptyState>{t("reports.assignments.empty")}</EmptyState>
        ) : (
          <ScrollTable caption={t("reports.assignments.title")} captionHidden>
            <thead className="bg-stone-100">
              <tr>
                <th scope="col" className="px-3 py-2">{t("reports.columns.module")}</th>
                <th scope="col" className="px-3 py-2">{t("reports.columns.assignedTo")}</th>
                <th scope="col" className="px-3 py-2">{t("reports.columns.dueDate")}</th>
                <CountHeaders />
              </tr>
            </thead>
            <tbody>
              {report.assignments.map((assignment) => (
                <tr key={assignment.id} className="border-t border-stone-200">
                  <th scope="row" className="px-3 py-2 font-medium">
                    {assignment.courseTitle}
                    {assignment.nodeId ? <span className="block text-xs text-stone-700">{t("reports.part", { part: assignment.nodeId })}</span> : null}
                    {assignment.mandatory ? <span className="block text-xs text-stone-700">{t("reports.mandatory")}</span> : null}
                  </th>
                  <td className="px-3 py-2">{assignment.teamName ?? assignment.memberName ?? t("reports.assignedDirectly")}</td>
                  <td className="whitespace-nowrap px-3 py-2">{day(assignment.dueAt) || t("reports.noDueDate")}</td>
                  <CountCells counts={assignment.counts} href={(status) => query({ ...filters, page: 1, assignment: assignment.id, status }, "#members")} />
                </tr>
              ))}
            </tbody>
          </ScrollTable>
        )}
      </section>

      <section aria-labelledby="teams-title" className="mb-10">
        <h2 id="teams-title" className="mb-1 text-xl font-semibold">
          {t("reports.teams.title")}
        </h2>
        <p className="mb-3 text-stone-700">{t("reports.teams.lead")}</p>
        {report.teams.length === 0 ? (
          <EmptyState>{t("reports.teams.empty")}</EmptyState>
        ) : (
          <ScrollTable caption={t("reports.teams.title")} captionHidden>
            <thead className="bg-stone-100">
              <tr>
                <th scope="col" className="px-3 py-2">{t("reports.columns.team")}</th>
                <th scope="col" className="px-3 py-2 text-right">{t("reports.columns.members")}</th>
                <CountHeaders />
              </tr>
            </thead>
            <tbody>
              {report.teams.map((team) => (
                <tr key={team.id ?? "none"} className="border-t border-stone-200">
                  <th scope="row" className="px-3 py-2 font-medium">{team.name ?? t("reports.noTeam")}</th>
                  <td className="px-3 py-2 text-right">{team.members}</td>
                  <CountCells
                    counts={team.counts}
                    href={team.id ? (status) => query({ ...filters, page: 1, team: team.id ?? undefined, status }, "#members") : undefined}
                  />
                </tr>
              ))}
            </tbody>
          </ScrollTable>
        )}
      </section>

      <Members data={data} />
      <HeatMapSection data={data} csvHref={csvHref("heat-map")} />

      <section aria-labelledby="trends-title" className="mb-10">
        <h2 id="trends-title" className="mb-1 text-xl font-semibold">
          {t("reports.trends.title")}
        </h2>
        <p className="mb-3 text-stone-700">{t("reports.trends.lead")}</p>
        <div className="grid gap-4 lg:grid-cols-[2fr_1fr]">
          <div className="overflow-x-auto rounded-lg bg-white p-4 shadow-sm">
            <ColumnChart
              bars={report.trends.map((month) => ({ label: monthLabel(month.month, data.language), value: month.completions }))}
              summary={t("reports.trends.summary", {
                total: report.trends.reduce((sum, month) => sum + month.completions, 0),
                from: monthLabel(report.trends[0]?.month ?? "", data.language),
                to: monthLabel(report.trends.at(-1)?.month ?? "", data.language),
              })}
            />
          </div>
          <ScrollTable caption={t("reports.trends.table")}>
            <thead className="bg-stone-100">
              <tr>
                <th scope="col" className="px-3 py-2">{t("reports.columns.month")}</th>
                <th scope="col" className="px-3 py-2 text-right">{t("reports.columns.completions")}</th>
              </tr>
            </thead>
            <tbody>
              {report.trends.map((month) => (
                <tr key={month.month} className="border-t border-stone-200">
                  <th scope="row" className="px-3 py-1.5 font-normal">{monthLabel(month.month, data.language)}</th>
                  <td className="px-3 py-1.5 text-right">{month.completions}</td>
                </tr>
              ))}
            </tbody>
          </ScrollTable>
        </div>
        <p className="mt-3">
          <a href={csvHref("trends")} download className={linkClass}>
            {t("reports.download.trends")}
          </a>
        </p>
      </section>
    </>
  );
}

function monthLabel(month: string, language: string): string {
  if (!month) return "";
  return dateTimeFormat(language, { month: "short", year: "numeric", timeZone: "UTC" }).format(new Date(`${month}-01T00:00:00Z`));
}

function CountHeaders() {
  const { t } = useTranslation();
  return (
    <>
      {ASSIGNMENT_STATUSES.map((status) => (
        <th key={status} scope="col" className="px-3 py-2 text-right">
          {t(`reports.status.${status}`)}
        </th>
      ))}
      <th scope="col" className="px-3 py-2 text-right">{t("reports.columns.total")}</th>
    </>
  );
}

/** Counts per status; each count links to the list of those members. */
function CountCells({ counts, href }: { counts: StatusCounts; href?: (status: (typeof ASSIGNMENT_STATUSES)[number]) => string }) {
  const { t } = useTranslation();
  return (
    <>
      {ASSIGNMENT_STATUSES.map((status) => (
        <td key={status} className={`px-3 py-2 text-right ${status === "overdue" && counts.overdue > 0 ? "font-semibold text-red-800" : ""}`}>
          {href && counts[status] > 0 ? (
            <Link to={href(status)} className={linkClass} aria-label={t("reports.showList", { count: counts[status], status: t(`reports.status.${status}`) })}>
              {counts[status]}
            </Link>
          ) : (
            counts[status]
          )}
        </td>
      ))}
      <td className="px-3 py-2 text-right">{counts.total}</td>
    </>
  );
}

function Filters({ data }: { data: LoaderData }) {
  const { t } = useTranslation();
  const { filters, options } = data;
  return (
    <Form method="get" className="mb-4 rounded-lg bg-white p-4 shadow-sm" aria-labelledby="filters-title">
      <h2 id="filters-title" className="mb-3 text-lg font-semibold">
        {t("reports.filters.title")}
      </h2>
      {options.assignment ? (
        <p className="mb-3 text-sm">
          <input type="hidden" name="assignment" value={options.assignment.id} />
          {t("reports.filters.onlyAssignment", { module: options.assignment.courseTitle })}{" "}
          <Link to={query({ ...filters, assignment: undefined, page: 1 })} className={linkClass}>
            {t("reports.filters.allAssignments")}
          </Link>
        </p>
      ) : null}
      <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
        <Select label={t("reports.filters.team")} name="team" value={filters.team} all={t("reports.filters.allTeams")} options={options.teams.map((team) => [team.id, team.name])} />
        <Select label={t("reports.filters.course")} name="course" value={filters.course} all={t("reports.filters.allCourses")} options={options.courses.map((course) => [course.id, course.title])} />
        <Select
          label={t("reports.filters.status")}
          name="status"
          value={filters.status}
          all={t("reports.filters.allStatuses")}
          options={ASSIGNMENT_STATUSES.map((status) => [status, t(`reports.status.${status}`)])}
        />
        <Select
          label={t("reports.filters.groupBy")}
          name="groupBy"
          value={filters.groupBy}
          options={[
            ["team", t("reports.filters.byTeam")],
            ["member", t("reports.filters.byMember")],
          ]}
        />
        <div className="flex min-w-0 flex-col gap-1">
          <label htmlFor="filter-dueFrom" className="font-medium">
            {t("reports.filters.dueFrom")}
          </label>
          <input id="filter-dueFrom" type="date" name="dueFrom" defaultValue={filters.dueFrom ?? ""} className={fieldClass} />
        </div>
        <div className="flex min-w-0 flex-col gap-1">
          <label htmlFor="filter-dueTo" className="font-medium">
            {t("reports.filters.dueTo")}
          </label>
          <input id="filter-dueTo" type="date" name="dueTo" defaultValue={filters.dueTo ?? ""} className={fieldClass} />
        </div>
        <Select
          label={t("reports.filters.role")}
          name="role"
          value={filters.role}
          all={t("reports.filters.allRoles")}
          options={options.jobRoles.map((role) => [role, role])}
        />
      </div>
      <div className="mt-4 flex flex-wrap items-center gap-4">
        <button type="submit" className={buttonClass}>
          {t("reports.filters.apply")}
        </button>
        <Link to={`/organisations/${data.organisation.slug}/reports`} className={linkClass}>
          {t("reports.filters.clear")}
        </Link>
      </div>
    </Form>
  );
}

function Select({
  label,
  name,
  value,
  all,
  options,
}: {
  label: string;
  name: string;
  value: string | undefined;
  all?: string;
  options: readonly (readonly [string, string])[];
}) {
  return (
    <div className="flex min-w-0 flex-col gap-1">
      <label htmlFor={`filter-${name}`} className="font-medium">
        {label}
      </label>
      <select id={`filter-${name}`} name={name} defaultValue={value ?? ""} className={`${fieldClass} w-full`}>
        {all !== undefined ? <option value="">{all}</option> : null}
        {options.map(([optionValue, text]) => (
          <option key={optionValue} value={optionValue}>
            {text}
          </option>
        ))}
      </select>
    </div>
  );
}

function Members({ data }: { data: LoaderData }) {
  const { t } = useTranslation();
  const { organisation, filters, report } = data;
  const { members } = report;
  return (
    <section aria-labelledby="members-title" id="members" className="mb-10">
      <h2 id="members-title" className="mb-1 text-xl font-semibold">
        {t("reports.members.title")}
      </h2>
      <p className="mb-3 text-stone-700">{t("reports.members.count", { count: members.total })}</p>
      {members.rows.length === 0 ? (
        <EmptyState>{t("reports.members.empty")}</EmptyState>
      ) : (
        <ScrollTable caption={t("reports.members.title")} captionHidden>
          <thead className="bg-stone-100">
            <tr>
              <th scope="col" className="px-3 py-2">{t("reports.columns.member")}</th>
              <th scope="col" className="px-3 py-2">{t("reports.columns.teams")}</th>
              <th scope="col" className="px-3 py-2">{t("reports.columns.courses")}</th>
            </tr>
          </thead>
          <tbody>
            {members.rows.map((member) => (
              <tr key={member.membershipId} className="border-t border-stone-200 align-top">
                <th scope="row" className="px-3 py-2 font-medium">
                  <Link to={`/organisations/${organisation.slug}/reports/members/${member.membershipId}`} className={linkClass}>
                    {member.name}
                  </Link>
                  {member.jobRole ? <span className="block text-xs font-normal text-stone-700">{member.jobRole}</span> : null}
                </th>
                <td className="px-3 py-2">{member.teamNames.join(", ") || t("reports.noTeam")}</td>
                <td className="px-3 py-2">
                  {member.courses.length === 0 ? (
                    t("reports.members.nothingAssigned")
                  ) : (
                    <ul className="flex flex-col gap-1">
                      {member.courses.map((course) => (
                        <li key={`${course.courseId}-${course.nodeId ?? ""}`} className="flex flex-wrap items-center gap-2">
                          <span>{course.courseTitle}</span>
                          <StatusBadge status={course.status} />
                          {course.score !== null ? <span className="text-xs text-stone-700">{t("reports.score", { score: Math.round(course.score * 100) })}</span> : null}
                          {course.lastAccessAt ? <span className="text-xs text-stone-700">{t("reports.lastAccess", { date: day(course.lastAccessAt) })}</span> : null}
                        </li>
                      ))}
                    </ul>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </ScrollTable>
      )}
      {members.pageCount > 1 ? (
        <nav aria-label={t("reports.members.pages")} className="mt-3 flex flex-wrap items-center gap-4">
          {members.page > 1 ? (
            <Link to={query({ ...filters, page: members.page - 1 }, "#members")} className={linkClass}>
              {t("reports.members.previous")}
            </Link>
          ) : null}
          <span>{t("reports.members.page", { page: members.page, pages: members.pageCount })}</span>
          {members.page < members.pageCount ? (
            <Link to={query({ ...filters, page: members.page + 1 }, "#members")} className={linkClass}>
              {t("reports.members.next")}
            </Link>
          ) : null}
        </nav>
      ) : null}
    </section>
  );
}

function levelClass(cell: HeatMapCellView): string {
  if (cell.average >= 6) return "bg-teal-300";
  if (cell.average >= 4) return "bg-teal-200";
  if (cell.average >= 2) return "bg-teal-100";
  if (cell.average > 0) return "bg-teal-50";
  return "bg-white";
}

const BELOW_TARGET_PATTERN = {
  backgroundImage: "repeating-linear-gradient(135deg, rgba(180, 83, 9, 0.28) 0 2px, transparent 2px 7px)",
};

function HeatMapSection({ data, csvHref }: { data: LoaderData; csvHref: string }) {
  const { t } = useTranslation();
  const { heatMap, organisation, filters } = data;
  const hasTargets = heatMap.targets.some((target) => target !== null);
  return (
    <section aria-labelledby="heat-map-title" id="heat-map" className="mb-10">
      <h2 id="heat-map-title" className="mb-1 text-xl font-semibold">
        {t("reports.heatMap.title")}
      </h2>
      <p className="mb-2 max-w-3xl text-stone-700">{t("reports.heatMap.lead")}</p>
      <p className="mb-2 max-w-3xl text-stone-700">
        {filters.role ? t("reports.heatMap.targetFor", { role: filters.role }) : t("reports.heatMap.targetGeneral")}{" "}
        <Link to={`/organisations/${organisation.slug}/reports/targets${filters.role ? `?role=${encodeURIComponent(filters.role)}` : ""}`} className={linkClass}>
          {t("reports.heatMap.setTargets")}
        </Link>
      </p>
      {!hasTargets ? <p className="mb-2 text-stone-700">{t("reports.heatMap.noTargets")}</p> : null}
      <p className="mb-3 flex items-center gap-2 text-sm text-stone-700">
        <span className="inline-block h-5 w-8 rounded border border-amber-800" style={BELOW_TARGET_PATTERN} aria-hidden="true" />
        {t("reports.heatMap.legend")}
      </p>
      {heatMap.rows.length === 0 ? (
        <EmptyState>{t("reports.heatMap.empty")}</EmptyState>
      ) : (
        <ScrollTable caption={t("reports.heatMap.caption")}>
          <thead className="bg-stone-100">
            <tr>
              <th scope="col" className="sticky left-0 bg-stone-100 px-3 py-2">
                {heatMap.groupBy === "team" ? t("reports.columns.team") : t("reports.columns.member")}
              </th>
              {heatMap.competences.map((competence) => (
                <th key={competence.code} scope="col" className="px-2 py-2 text-center">
                  <abbr title={competence.name}>{competence.code}</abbr>
                  <span className="sr-only"> {competence.name}</span>
                </th>
              ))}
            </tr>
            <tr>
              <th scope="row" className="sticky left-0 bg-stone-100 px-3 py-1 text-xs font-semibold">
                {t("reports.heatMap.target")}
              </th>
              {heatMap.targets.map((target, index) => (
                <td key={heatMap.competences[index].code} className="px-2 py-1 text-center text-xs font-semibold">
                  {target ?? "–"}
                </td>
              ))}
            </tr>
          </thead>
          <tbody>
            {heatMap.rows.map((row) => (
              <tr key={row.id ?? "none"} className="border-t border-stone-200">
                <th scope="row" className="sticky left-0 bg-white px-3 py-2 font-medium">
                  {row.name ?? t("reports.noTeam")}
                  <span className="block text-xs font-normal text-stone-700">{t("reports.heatMap.members", { count: row.members })}</span>
                </th>
                {row.cells.map((cell) => {
                  const below = cell.target !== null && cell.gap > 0;
                  return (
                    <td
                      key={cell.code}
                      className={`border-l border-stone-200 px-2 py-2 text-center ${levelClass(cell)}`}
                      style={below ? BELOW_TARGET_PATTERN : undefined}
                    >
                      <span className="font-semibold">{cell.average}</span>
                      {below ? (
                        <span className="block whitespace-nowrap text-xs text-amber-950">
                          <span aria-hidden="true">▼</span>
                          {t("reports.heatMap.gap", { gap: cell.gap })}
                        </span>
                      ) : null}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </ScrollTable>
      )}
      <p className="mt-3">
        <a href={csvHref} download className={linkClass}>
          {t("reports.download.heatMap")}
        </a>
      </p>
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
