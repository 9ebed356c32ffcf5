import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ProfileChart, useChartSummary } from "../components/competences/profile-chart";
import { ProfileTable, SourceText, useLevelLabel } from "../components/competences/profile-table";
import { Link } from "../components/link";
import { EmptyState, PageHeader } from "../components/page-header";
import { requireUser } from "../modules/auth/session.server";
import { learnerProfile } from "../modules/competencies/profile.server";
import { resolveLanguage } from "../modules/i18n/request.server";
import { db } from "../utils/db.server";
import { dateTimeFormat } from "../utils/formats";

export const meta: MetaFunction = () => [{ title: "My competences · Vademecum" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const language = await resolveLanguage(request, user);
  return learnerProfile(db, user.id, language);
}

const buttonClass = "rounded bg-teal-800 px-4 py-2 font-semibold text-white hover:bg-teal-900";
const secondaryClass = "rounded border border-teal-800 px-4 py-2 font-semibold text-teal-900 hover:bg-teal-50";

export default function MyCompetences() {
  const { t, i18n } = useTranslation();
  const { profile, hasEvidence, gaps, hasTargets, recommendations, changes } = useLoaderData<typeof loader>();
  const [searchParams] = useSearchParams();
  const levelLabel = useLevelLabel(profile);
  const summary = useChartSummary(profile);
  const date = dateTimeFormat(i18n.language, { dateStyle: "medium" });

  return (
    <>
      <PageHeader title={t("competences.title")} lead={t("competences.lead")}>
        <div className="flex flex-wrap gap-2">
          <Link to="/competences/self-assessment" className={buttonClass}>
            {hasEvidence ? t("competences.actions.retake") : t("competences.actions.start")}
          </Link>
          <Link to="/competences/targets" className={secondaryClass}>
            {t("competences.actions.targets")}
          </Link>
        </div>
      </PageHeader>
      {searchParams.get("saved") === "self-assessment" ? (
        <p role="status" className="mb-6 rounded border border-teal-300 bg-teal-50 px-4 py-3 text-teal-900">
          {t("competences.selfAssessment.saved")}
        </p>
      ) : null}

      {changes ? (
        <section aria-labelledby="changes-title" className="mb-8 rounded-lg bg-white p-4 shadow-sm sm:p-6">
          <h2 id="changes-title" className="text-xl font-semibold">
            {t("competences.changes.title", { date: date.format(new Date(changes.since)) })}
          </h2>
          {changes.items.length === 0 ? (
            <p className="mt-2 text-stone-700">{t("competences.changes.none")}</p>
          ) : (
            <ul className="mt-3 flex flex-col gap-3">
              {changes.items.map((change) => (
                <li key={change.code}>
                  <p>
                    <span className="font-semibold">
                      {change.code} {change.name}
                    </span>
                    {": "}
                    {change.direction === "same"
                      ? t("competences.changes.same", { level: levelLabel(change.evidenceLevel.to) })
                      : t(`competences.changes.${change.direction}`, {
                          from: levelLabel(change.evidenceLevel.from),
                          to: levelLabel(change.evidenceLevel.to),
                        })}
                    {change.reason ? ` ${t(`competences.changes.reason.${change.reason}`)}` : null}
                  </p>
                  {change.selfRatedLevel.from !== change.selfRatedLevel.to ? (
                    <p className="text-sm text-stone-700">
                      {t("competences.changes.selfRating", {
                        from: levelLabel(change.selfRatedLevel.from),
                        to: levelLabel(change.selfRatedLevel.to),
                      })}
                    </p>
                  ) : null}
                  {change.newSources.length > 0 ? (
                    <ul className="ml-4 list-disc text-sm">
                      {change.newSources.map((source, index) => (
                        <li key={index}>
                          <SourceText source={source} />
                        </li>
                      ))}
                    </ul>
                  ) : null}
                </li>
              ))}
            </ul>
          )}
        </section>
      ) : null}

      <section aria-labelledby="profile-title" className="mb-10">
        <h2 id="profile-title" className="mb-2 text-xl font-semibold">
          {t("competences.profileTitle")}
        </h2>
        {!hasEvidence ? <EmptyState>{t("competences.empty")}</EmptyState> : null}
        <div className="mt-4 grid gap-6 lg:grid-cols-[minmax(0,2fr)_minmax(0,3fr)]">
          <div className="rounded-lg bg-white p-4 shadow-sm">
            <ProfileChart profile={profile} summary={summary} />
          </div>
          <ProfileTable profile={profile} />
        </div>
        <p className="mt-4 flex flex-wrap gap-4">
          <a href="/competences/export.json" download className="text-teal-800 underline">
            {t("competences.actions.download")}
          </a>
          <a href="/competences/print" className="text-teal-800 underline">
            {t("competences.actions.print")}
          </a>
        </p>
      </section>

      <section aria-labelledby="gaps-title" className="mb-10">
        <h2 id="gaps-title" className="mb-3 text-xl font-semibold">
          {t("competences.gaps.title")}
        </h2>
        {!hasTargets ? (
          <EmptyState>
            {t("competences.gaps.noTargets")}{" "}
            <Link to="/competences/targets" className="text-teal-800 underline">
              {t("competences.actions.targets")}
            </Link>
          </EmptyState>
        ) : gaps.length === 0 ? (
          <EmptyState>{t("competences.gaps.none")}</EmptyState>
        ) : (
          <ul className="grid gap-3 md:grid-cols-2">
            {gaps.map((gap) => (
              <li key={gap.code} className="rounded-lg bg-white p-4 shadow-sm">
                <h3 className="font-semibold">
                  {gap.code} {gap.name}
                </h3>
                <p className="mt-1 text-sm">
                  {t("competences.gaps.detail", {
                    target: levelLabel(gap.targetLevel),
                    evidence: levelLabel(gap.evidenceLevel),
                    count: gap.size,
                  })}
                </p>
                {gap.selfRatedLevel !== null ? (
                  <p className="mt-1 text-sm text-stone-700">
                    {gap.selfRatingMeetsTarget
                      ? t("competences.gaps.selfMeets", { level: levelLabel(gap.selfRatedLevel) })
                      : t("competences.gaps.self", { level: levelLabel(gap.selfRatedLevel) })}
                  </p>
                ) : null}
              </li>
            ))}
          </ul>
        )}
      </section>

      {hasTargets && gaps.length > 0 ? (
        <section aria-labelledby="recommended-title">
          <h2 id="recommended-title" className="mb-1 text-xl font-semibold">
            {t("competences.recommended.title")}
          </h2>
          <p className="mb-3 text-stone-700">{t("competences.recommended.lead")}</p>
          {recommendations.length === 0 ? (
            <EmptyState>{t("competences.recommended.none")}</EmptyState>
          ) : (
            <ol className="flex flex-col gap-3">
              {recommendations.map((module, index) => (
                <li key={module.courseId} className="rounded-lg bg-white p-4 shadow-sm">
                  <h3 className="font-semibold">
                    <span className="mr-2 text-stone-700">{index + 1}.</span>
                    <Link to={`/courses/${module.courseId}`} className="text-teal-800 underline">
                      {module.title}
                    </Link>
                  </h3>
                  {module.learningTimeMinutes !== null ? (
                    <p className="text-sm text-stone-700">{t("competences.recommended.time", { count: module.learningTimeMinutes })}</p>
                  ) : null}
                  <ul className="mt-1 text-sm">
                    {module.closes.map((close) => (
                      <li key={close.code}>
                        {t("competences.recommended.closes", {
                          competence: `${close.code} ${close.name}`,
                          from: levelLabel(close.fromLevel),
                          to: levelLabel(close.toLevel),
                        })}
                      </li>
                    ))}
                  </ul>
                </li>
              ))}
            </ol>
          )}
        </section>
      ) : null}
    </>
  );
}
