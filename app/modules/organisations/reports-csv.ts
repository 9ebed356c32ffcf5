import type { CsvCell } from "./csv";
import type { AssignedTraining } from "./reports";
import type { HeatMapView } from "./reports-competences";
import { indicatorList, type Indicators } from "./reports-indicators";

/** The report's CSV files, pure: headers in the manager's language, one line per record. */
export type Translate = (key: string, values?: Record<string, string | number>) => string;

const day = (date: Date | null) => (date ? date.toISOString().slice(0, 10) : "");
const percent = (score: number | null) => (score === null ? null : Math.round(score * 100));

export function trainingCsvHeader(t: Translate): string[] {
  return [
    t("reports.csv.member"),
    t("reports.csv.email"),
    t("reports.csv.jobRole"),
    t("reports.csv.teams"),
    t("reports.csv.module"),
    t("reports.csv.part"),
    t("reports.csv.assignedTo"),
    t("reports.csv.dueDate"),
    t("reports.csv.mandatory"),
    t("reports.csv.status"),
    t("reports.csv.score"),
    t("reports.csv.lastAccess"),
    t("reports.csv.completedOn"),
  ];
}

/** One line per assignment and learner, produced as the file is read. */
export function* trainingCsvRows(
  rows: readonly AssignedTraining[],
  teamsByUser: ReadonlyMap<string, readonly string[]>,
  teamNames: ReadonlyMap<string, string>,
  t: Translate,
): Generator<CsvCell[]> {
  const statusText = {
    "not-started": t("reports.status.not-started"),
    "in-progress": t("reports.status.in-progress"),
    completed: t("reports.status.completed"),
    overdue: t("reports.status.overdue"),
  };
  const yes = t("reports.csv.yes");
  const no = t("reports.csv.no");
  const directly = t("reports.assignedDirectly");
  const teamsCache = new Map<string, string>();
  for (const row of rows) {
    let teams = teamsCache.get(row.member.userId);
    if (teams === undefined) {
      teams = (teamsByUser.get(row.member.userId) ?? []).map((id) => teamNames.get(id) ?? "").sort().join("; ");
      teamsCache.set(row.member.userId, teams);
    }
    yield [
      row.member.name,
      row.member.email,
      row.member.jobRole,
      teams,
      row.assignment.courseTitle,
      row.assignment.nodeId ?? "",
      row.assignment.teamId ? (teamNames.get(row.assignment.teamId) ?? "") : directly,
      day(row.assignment.dueAt),
      row.assignment.mandatory ? yes : no,
      statusText[row.status],
      percent(row.score),
      day(row.lastAccessAt),
      day(row.completedAt),
    ];
  }
}

export function heatMapCsvHeader(t: Translate, groupBy: HeatMapView["groupBy"]): string[] {
  return [
    groupBy === "team" ? t("reports.csv.team") : t("reports.csv.member"),
    t("reports.csv.members"),
    t("reports.csv.competence"),
    t("reports.csv.averageLevel"),
    t("reports.csv.targetLevel"),
    t("reports.csv.averageGap"),
    t("reports.csv.membersBelowTarget"),
  ];
}

export function* heatMapCsvRows(view: HeatMapView, t: Translate): Generator<CsvCell[]> {
  const names = new Map(view.competences.map((competence) => [competence.code, `${competence.code} ${competence.name}`]));
  for (const row of view.rows) {
    for (const cell of row.cells) {
      yield [
        row.name ?? t("reports.noTeam"),
        row.members,
        names.get(cell.code) ?? cell.code,
        cell.average,
        cell.target,
        cell.target === null ? null : cell.gap,
        cell.target === null ? null : cell.membersBelowTarget,
      ];
    }
  }
}

/** The indicators, each with its value and how it is counted, then the modules per area. */
export function* indicatorCsvRows(indicators: Indicators, t: Translate, from: string, to: string): Generator<CsvCell[]> {
  for (const indicator of indicatorList(indicators)) {
    yield [t(`reports.indicators.${indicator.key}.title`), indicator.value, t(`reports.indicators.${indicator.key}.how`), from, to];
  }
  for (const area of indicators.byArea) {
    yield [t("reports.indicators.area", { code: area.code, name: area.name }), area.modules, t("reports.indicators.byArea.how"), from, to];
  }
}
