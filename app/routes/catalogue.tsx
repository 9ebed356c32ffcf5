import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Link } from "../components/link";
import { EmptyState, PageHeader } from "../components/page-header";
import { requireUser } from "../modules/auth/session.server";
import { LEARNING_TIME_RANGES, parseCatalogueFilters } from "../modules/delivery/catalogue";
import { browseCatalogue } from "../modules/delivery/catalogue.server";
import { resolveLanguage } from "../modules/i18n/request.server";
import { db } from "../utils/db.server";

export const meta: MetaFunction = () => [{ title: "Catalogue · Vademecum" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const language = await resolveLanguage(request, user);
  const filters = parseCatalogueFilters(new URL(request.url).searchParams);
  return { filters, catalogue: await browseCatalogue(db, user.id, filters, language) };
}

const selectClass = "rounded border border-stone-400 bg-white px-3 py-2";

export default function CataloguePage() {
  const { t } = useTranslation();
  const { filters, catalogue } = useLoaderData<typeof loader>();
  const languageName = (tag: string) => catalogue.languageNames[tag] ?? tag;
  const filtered = Object.values(filters).some(Boolean);

  return (
    <>
      <PageHeader title={t("delivery.catalogue.title")} lead={t("delivery.catalogue.lead")} />
      <Form method="get" role="search" aria-label={t("delivery.catalogue.filters")} className="mb-8 grid gap-4 rounded-lg bg-white p-4 shadow-sm sm:grid-cols-2 lg:grid-cols-3">
        <div className="flex flex-col gap-1">
          <label htmlFor="q" className="font-medium">{t("delivery.catalogue.search")}</label>
          <input id="q" name="q" type="search" defaultValue={filters.q ?? ""} className={selectClass} />
        </div>
        <div className="flex flex-col gap-1">
          <label htmlFor="language" className="font-medium">{t("delivery.catalogue.language")}</label>
          <select id="language" name="language" defaultValue={filters.language ?? ""} className={selectClass}>
            <option value="">{t("delivery.catalogue.any")}</option>
            {catalogue.facets.languages.map((language) => (
              <option key={language} value={language}>{languageName(language)}</option>
            ))}
          </select>
        </div>
        <div className="flex flex-col gap-1">
          <label htmlFor="competence" className="font-medium">{t("delivery.catalogue.competence")}</label>
          <select id="competence" name="competence" defaultValue={filters.competence ?? ""} className={selectClass}>
            <option value="">{t("delivery.catalogue.any")}</option>
            {catalogue.facets.competences.map((competence) => (
              <option key={competence.code} value={competence.code}>{competence.code} {competence.name}</option>
            ))}
          </select>
        </div>
        <div className="flex flex-col gap-1">
          <label htmlFor="time" className="font-medium">{t("delivery.catalogue.time")}</label>
          <select id="time" name="time" defaultValue={filters.time ?? ""} className={selectClass}>
            <option value="">{t("delivery.catalogue.any")}</option>
            {Object.keys(LEARNING_TIME_RANGES).map((range) => (
              <option key={range} value={range}>{t(`delivery.catalogue.timeRange.${range}`)}</option>
            ))}
          </select>
        </div>
        <div className="flex flex-col gap-1">
          <label htmlFor="difficulty" className="font-medium">{t("delivery.catalogue.difficulty")}</label>
          <select id="difficulty" name="difficulty" defaultValue={filters.difficulty ?? ""} className={selectClass}>
            <option value="">{t("delivery.catalogue.any")}</option>
            {catalogue.facets.difficulties.map((difficulty) => (
              <option key={difficulty} value={difficulty}>{t(`delivery.difficulty.${difficulty.replace(/\s+/g, "-")}`, { defaultValue: difficulty })}</option>
            ))}
          </select>
        </div>
        <div className="flex flex-wrap items-end gap-3">
          <button type="submit" className="rounded bg-teal-800 px-4 py-2 font-semibold text-white hover:bg-teal-900">
            {t("delivery.catalogue.apply")}
          </button>
          {filtered ? (
            <Link to="/catalogue" className="py-2 font-medium text-teal-800 underline underline-offset-4">
              {t("delivery.catalogue.clear")}
            </Link>
          ) : null}
        </div>
      </Form>
      <p role="status" className="mb-4 text-stone-700">
        {t("delivery.catalogue.count", { count: catalogue.entries.length, total: catalogue.total })}
      </p>
      {catalogue.entries.length === 0 ? (
        <EmptyState>{t("delivery.catalogue.empty")}</EmptyState>
      ) : (
        <ul className="grid gap-4 md:grid-cols-2">
          {catalogue.entries.map((entry) => (
            <li key={entry.id} className="flex flex-col gap-3 rounded-lg bg-white p-5 shadow-sm">
              <h2 className="text-lg font-semibold" lang={entry.titleLanguage ?? undefined}>
                <Link to={`/courses/${entry.id}`} className="text-teal-900 underline-offset-4 hover:underline">
                  {entry.title}
                </Link>
              </h2>
              <p className="text-stone-800" lang={entry.descriptionLanguage ?? undefined}>{entry.description}</p>
              <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-sm">
                {entry.learningTimeMinutes !== null ? (
                  <>
                    <dt className="font-medium">{t("delivery.course.time")}</dt>
                    <dd>{t("delivery.course.minutes", { count: entry.learningTimeMinutes })}</dd>
                  </>
                ) : null}
                {entry.languages.length > 0 ? (
                  <>
                    <dt className="font-medium">{t("delivery.course.languages")}</dt>
                    <dd>{entry.languages.map(languageName).join(", ")}</dd>
                  </>
                ) : null}
                {entry.difficulty ? (
                  <>
                    <dt className="font-medium">{t("delivery.catalogue.difficulty")}</dt>
                    <dd>{t(`delivery.difficulty.${entry.difficulty.replace(/\s+/g, "-")}`, { defaultValue: entry.difficulty })}</dd>
                  </>
                ) : null}
              </dl>
              {entry.competences.length > 0 ? (
                <div>
                  <h3 className="text-sm font-medium">{t("delivery.course.competences")}</h3>
                  <ul className="mt-1 flex flex-col gap-1 text-sm">
                    {entry.competences.map((competence) => (
                      <li key={competence.code}>
                        {competence.code} {competence.name} · {t("delivery.course.level", { level: competence.level })}
                      </li>
                    ))}
                  </ul>
                </div>
              ) : null}
              <p className="mt-auto">
                <Link to={`/courses/${entry.id}`} className="font-medium text-teal-800 underline underline-offset-4">
                  {entry.enrolled ? t("delivery.catalogue.openEnrolled") : t("delivery.catalogue.details")}
                  <span className="sr-only">: {entry.title}</span>
                </Link>
              </p>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
