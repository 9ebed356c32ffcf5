import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { useId } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "../components/link";
import { EmptyState, PageHeader } from "../components/page-header";
import { requireAuthor } from "../modules/auth/session.server";
import { resolveLanguage } from "../modules/i18n/request.server";
import { searchLibrary } from "../modules/packages/library.server";
import { hasFilters, languageNames, LEARNING_TIMES, parseLibraryFilters } from "../modules/packages/library-search";
import { db } from "../utils/db.server";

export const meta: MetaFunction = () => [{ title: "Library · Vademecum" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireAuthor(request);
  const language = await resolveLanguage(request, user);
  const filters = parseLibraryFilters(new URL(request.url).searchParams);
  const result = await searchLibrary(db, filters, [language]);
  const codes = [...result.options.languages, ...result.entries.map((entry) => entry.language ?? "")].filter(Boolean);
  return { filters, ...result, languageNames: languageNames(codes, language) };
}

const selectClass = "w-full rounded border border-stone-400 bg-white px-3 py-2";

function FilterSelect({
  label,
  name,
  value,
  options,
}: {
  label: string;
  name: string;
  value: string;
  options: { value: string; label: string }[];
}) {
  const { t } = useTranslation();
  const id = useId();
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={id} className="font-medium">
        {label}
      </label>
      <select id={id} name={name} defaultValue={value} className={selectClass}>
        <option value="">{t("library.filters.any")}</option>
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  );
}

export default function Library() {
  const { t } = useTranslation();
  const { filters, entries, total, options, languageNames } = useLoaderData<typeof loader>();
  const searchId = useId();
  const languageLabel = (code: string | null) =>
    !code || code === "x-none" ? t("library.noLanguage") : (languageNames[code] ?? code);

  return (
    <>
      <PageHeader title={t("library.title")} lead={t("library.lead")}>
        <Link
          to="/library/import"
          className="rounded bg-teal-800 px-4 py-2 font-semibold text-white hover:bg-teal-900 focus-visible:outline focus-visible:outline-2 focus-visible:outline-offset-2"
        >
          {t("library.import.link")}
        </Link>
      </PageHeader>

      <section aria-labelledby="search-title" className="mb-8 rounded-lg bg-white p-4 shadow-sm sm:p-6">
        <h2 id="search-title" className="text-lg font-semibold">
          {t("library.filters.title")}
        </h2>
        <Form method="get" className="mt-4 grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
          <div className="flex flex-col gap-1 sm:col-span-2 lg:col-span-3">
            <label htmlFor={searchId} className="font-medium">
              {t("library.filters.text")}
            </label>
            <input
              id={searchId}
              type="search"
              name="q"
              defaultValue={filters.q}
              className="rounded border border-stone-400 bg-white px-3 py-2"
            />
          </div>
          <FilterSelect
            label={t("library.filters.language")}
            name="language"
            value={filters.language}
            options={options.languages.map((code) => ({ value: code, label: languageLabel(code) }))}
          />
          <FilterSelect
            label={t("library.filters.competence")}
            name="competence"
            value={filters.competence}
            options={options.competences.map((c) => ({ value: c.code, label: `${c.code} ${c.name}` }))}
          />
          <FilterSelect
            label={t("library.filters.type")}
            name="type"
            value={filters.type}
            options={options.types.map((type) => ({ value: type, label: t(`library.vocab.${type}`, { defaultValue: type }) }))}
          />
          <FilterSelect
            label={t("library.filters.time")}
            name="time"
            value={filters.time}
            options={Object.keys(LEARNING_TIMES).map((range) => ({ value: range, label: t(`library.filters.times.${range}`) }))}
          />
          <div className="flex flex-wrap items-end gap-3 sm:col-span-2 lg:col-span-1">
            <button type="submit" className="rounded bg-teal-800 px-4 py-2 font-semibold text-white hover:bg-teal-900">
              {t("library.filters.submit")}
            </button>
            {hasFilters(filters) ? (
              <Link to="/library" className="px-2 py-2 font-medium text-teal-800 underline underline-offset-4">
                {t("library.filters.clear")}
              </Link>
            ) : null}
          </div>
        </Form>
      </section>

      <section aria-labelledby="results-title">
        <h2 id="results-title" className="mb-1 text-xl font-semibold">
          {t("library.results.title")}
        </h2>
        <p role="status" className="mb-4 text-stone-700">
          {t("library.results.count", { count: entries.length, total })}
        </p>
        {total === 0 ? (
          <EmptyState>{t("library.empty")}</EmptyState>
        ) : entries.length === 0 ? (
          <EmptyState>{t("library.results.none")}</EmptyState>
        ) : (
          <ul className="grid gap-3 md:grid-cols-2">
            {entries.map((entry) => (
              <li key={entry.packageId} className="flex flex-col gap-2 rounded-lg bg-white p-4 shadow-sm">
                <h3 className="text-lg font-semibold">
                  <Link to={`/library/${entry.packageId}`} className="text-teal-900 underline underline-offset-4">
                    {entry.title}
                  </Link>
                </h3>
                {entry.description ? <p className="text-stone-800">{entry.description}</p> : null}
                <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-sm">
                  <dt className="text-stone-600">{t("library.fields.language")}</dt>
                  <dd>{languageLabel(entry.language)}</dd>
                  <dt className="text-stone-600">{t("library.fields.learningTime")}</dt>
                  <dd>
                    {entry.learningTimeMinutes === null
                      ? t("library.notGiven")
                      : t("library.minutes", { count: Math.round(entry.learningTimeMinutes) })}
                  </dd>
                  <dt className="text-stone-600">{t("library.fields.kind")}</dt>
                  <dd>
                    {t(`library.kinds.${entry.kind}`, { defaultValue: entry.kind })} ·{" "}
                    {t("library.versionNumber", { version: entry.version })}
                  </dd>
                  {entry.resourceType ? (
                    <>
                      <dt className="text-stone-600">{t("library.fields.type")}</dt>
                      <dd>{t(`library.vocab.${entry.resourceType}`, { defaultValue: entry.resourceType })}</dd>
                    </>
                  ) : null}
                  <dt className="text-stone-600">{t("library.fields.competences")}</dt>
                  <dd>
                    {entry.competences.length === 0 ? (
                      t("library.notGiven")
                    ) : (
                      <ul>
                        {entry.competences.map((competence) => (
                          <li key={competence.code}>
                            {competence.code} {competence.name} ({t("library.level", { level: competence.level })})
                          </li>
                        ))}
                      </ul>
                    )}
                  </dd>
                </dl>
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}
