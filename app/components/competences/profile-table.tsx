import { useTranslation } from "react-i18next";
import type { ProfileView, SourceView } from "../../modules/competencies/profile-view";
import { dateTimeFormat, numberFormat } from "../../utils/formats";
import { Link } from "../link";

/** "3 · Intermediate 3", or "no level yet" for 0. */
export function useLevelLabel(profile: ProfileView) {
  const { t } = useTranslation();
  const names = new Map(profile.framework.levels.map((level) => [level.level, level.name]));
  return (level: number | null) => {
    if (level === null) return t("competences.level.notRated");
    if (level === 0) return t("competences.level.none");
    return t("competences.level.numbered", { level, name: names.get(level) ?? "" });
  };
}

/** The profile's numbers as a table: one row per competence, grouped by area, with every source. */
export function ProfileTable({ profile, links = true }: { profile: ProfileView; links?: boolean }) {
  const { t } = useTranslation();
  const levelLabel = useLevelLabel(profile);
  return (
    <div className="overflow-x-auto rounded-lg bg-white shadow-sm" role="region" aria-labelledby="profile-table-caption" tabIndex={0}>
      <table className="w-full min-w-[36rem] border-collapse text-left text-sm">
        <caption id="profile-table-caption" className="p-3 text-left font-semibold">
          {t("competences.table.caption", { framework: profile.framework.title })}
        </caption>
        <thead className="bg-stone-100">
          <tr>
            <th scope="col" className="p-2">{t("competences.table.competence")}</th>
            <th scope="col" className="p-2">{t("competences.table.evidenceLevel")}</th>
            <th scope="col" className="p-2">{t("competences.table.selfRated")}</th>
            <th scope="col" className="p-2">{t("competences.table.target")}</th>
            <th scope="col" className="p-2">{t("competences.table.sources")}</th>
          </tr>
        </thead>
        {profile.areas.map((area) => (
          <tbody key={area.code}>
            <tr className="bg-teal-50">
              <th scope="rowgroup" colSpan={5} className="p-2 font-semibold">
                {area.code}. {area.name}
              </th>
            </tr>
            {area.competences.map((competence) => (
              <tr key={competence.code} className="border-t border-stone-200 align-top">
                <th scope="row" className="p-2 font-normal">
                  <span className="font-semibold">{competence.code}</span> {competence.name}
                </th>
                <td className="p-2">
                  {levelLabel(competence.evidenceLevel)}
                  {competence.evidenceLevel > 0 ? (
                    <span className="block text-xs text-stone-700">{t(`competences.confidence.${competence.confidence}`)}</span>
                  ) : null}
                </td>
                <td className="p-2">{levelLabel(competence.selfRatedLevel)}</td>
                <td className="p-2">{competence.targetLevel === null ? t("competences.table.noTarget") : levelLabel(competence.targetLevel)}</td>
                <td className="p-2">
                  <SourceList sources={competence.sources} links={links} />
                </td>
              </tr>
            ))}
          </tbody>
        ))}
      </table>
    </div>
  );
}

export function SourceList({ sources, links = true }: { sources: SourceView[]; links?: boolean }) {
  const { t } = useTranslation();
  if (sources.length === 0) return <span className="text-stone-700">{t("competences.table.noSources")}</span>;
  return (
    <ul className="flex flex-col gap-1">
      {sources.map((source, index) => (
        <li key={index}>
          <SourceText source={source} links={links} />
        </li>
      ))}
    </ul>
  );
}

export function SourceText({ source, links = true }: { source: SourceView; links?: boolean }) {
  const { t, i18n } = useTranslation();
  const date = dateTimeFormat(i18n.language, { dateStyle: "medium" }).format(new Date(source.occurredAt));
  const percent = (value: number) => numberFormat(i18n.language, { style: "percent" }).format(value);
  return (
    <>
      <span className="font-medium">{t(`competences.kind.${source.kind}`)}</span>
      {source.title ? (
        <>
          {": "}
          {links && source.courseId ? (
            <Link to={`/courses/${source.courseId}`} className="text-teal-800 underline">
              {source.title}
            </Link>
          ) : (
            source.title
          )}
        </>
      ) : null}{" "}
      <span className="text-stone-700">({date})</span>
      {source.score ? (
        <span className="block text-xs text-stone-700">
          {t("competences.source.score", { score: percent(source.score.scaled), mastery: percent(source.score.mastery) })}
        </span>
      ) : null}
      <span className="block text-xs text-stone-700">
        {source.kind === "quiz" && source.status === "not-passed"
          ? t("competences.status.quizNotPassed")
          : t(`competences.status.${source.status}`, {
              level: source.status === "self-rating" || source.status === "replaced" ? source.recordedLevel : source.countedLevel,
            })}
      </span>
    </>
  );
}
