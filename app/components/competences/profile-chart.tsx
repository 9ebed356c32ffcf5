import { useTranslation } from "react-i18next";
import type { ProfileView } from "../../modules/competencies/profile-view";

const WIDTH = 400;
const LABEL = 52;
const RIGHT = 12;
const AXIS = 28;
const AREA_ROW = 26;
const ROW = 24;

/**
 * The profile as horizontal bars, one per competence, grouped by area: the bar is the level the
 * evidence shows, the hollow diamond the learner's own rating, the dashed line the target. Drawn
 * on the server as SVG; the table beside it holds the same numbers for screen readers.
 */
export function ProfileChart({ profile, summary }: { profile: ProfileView; summary: string }) {
  const { t } = useTranslation();
  const top = profile.framework.levels.length;
  const unit = (WIDTH - LABEL - RIGHT) / top;
  const x = (level: number) => LABEL + level * unit;
  let y = AXIS;
  const rows: React.ReactNode[] = [];
  for (const area of profile.areas) {
    rows.push(
      <text key={`area-${area.code}`} x={4} y={y + 18} className="fill-stone-900 text-[14px] font-semibold">
        {area.code}. {area.name}
      </text>,
    );
    y += AREA_ROW;
    for (const competence of area.competences) {
      const middle = y + ROW / 2;
      rows.push(
        <g key={competence.code}>
          <text x={4} y={middle + 4} className="fill-stone-800 text-[13px]">
            {competence.code}
          </text>
          {competence.evidenceLevel > 0 ? (
            <rect x={LABEL} y={middle - 7} width={competence.evidenceLevel * unit} height={14} className="fill-teal-700" />
          ) : null}
          {competence.targetLevel !== null ? (
            <line
              x1={x(competence.targetLevel)}
              x2={x(competence.targetLevel)}
              y1={middle - 11}
              y2={middle + 11}
              strokeWidth={2}
              strokeDasharray="3 2"
              className="stroke-stone-900"
            />
          ) : null}
          {competence.selfRatedLevel !== null ? (
            <path
              d={diamond(x(competence.selfRatedLevel), middle, 7)}
              strokeWidth={2.5}
              className="fill-white stroke-amber-700"
            />
          ) : null}
        </g>,
      );
      y += ROW;
    }
  }
  const height = y + 6;
  return (
    <figure className="flex flex-col gap-3">
      <svg
        viewBox={`0 0 ${WIDTH} ${height}`}
        role="img"
        aria-label={summary}
        className="h-auto w-full max-w-xl"
        xmlns="http://www.w3.org/2000/svg"
      >
        {Array.from({ length: top + 1 }, (_, level) => (
          <g key={level}>
            <line x1={x(level)} x2={x(level)} y1={AXIS - 6} y2={height - 6} className="stroke-stone-300" strokeWidth={1} />
            <text x={x(level)} y={AXIS - 10} textAnchor="middle" className="fill-stone-700 text-[12px]">
              {level}
            </text>
          </g>
        ))}
        {rows}
      </svg>
      <figcaption className="flex flex-wrap gap-x-6 gap-y-2 text-sm text-stone-800">
        <span className="flex items-center gap-2">
          <svg width="28" height="14" aria-hidden="true">
            <rect x="0" y="1" width="28" height="12" className="fill-teal-700" />
          </svg>
          {t("competences.chart.legendEvidence")}
        </span>
        <span className="flex items-center gap-2">
          <svg width="18" height="18" aria-hidden="true">
            <path d={diamond(9, 9, 7)} strokeWidth={2.5} className="fill-white stroke-amber-700" />
          </svg>
          {t("competences.chart.legendSelf")}
        </span>
        <span className="flex items-center gap-2">
          <svg width="8" height="20" aria-hidden="true">
            <line x1="4" x2="4" y1="0" y2="20" strokeWidth={2} strokeDasharray="3 2" className="stroke-stone-900" />
          </svg>
          {t("competences.chart.legendTarget")}
        </span>
        <span>{t("competences.chart.axis")}</span>
      </figcaption>
    </figure>
  );
}

function diamond(cx: number, cy: number, r: number): string {
  return `M${cx} ${cy - r}L${cx + r} ${cy}L${cx} ${cy + r}L${cx - r} ${cy}Z`;
}

/** The chart's text alternative: what it shows, in numbers. */
export function useChartSummary(profile: ProfileView): string {
  const { t } = useTranslation();
  const competences = profile.areas.flatMap((area) => area.competences);
  return t("competences.chart.summary", {
    total: competences.length,
    evidence: competences.filter((competence) => competence.evidenceLevel > 0).length,
    rated: competences.filter((competence) => competence.selfRatedLevel !== null).length,
    targets: competences.filter((competence) => competence.targetLevel !== null).length,
  });
}
