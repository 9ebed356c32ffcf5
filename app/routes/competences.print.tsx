import type { LoaderFunctionArgs } from "@remix-run/node";
import { renderToStaticMarkup } from "react-dom/server";
import { I18nextProvider, useTranslation } from "react-i18next";
import { ProfileChart, useChartSummary } from "../components/competences/profile-chart";
import { ProfileTable, useLevelLabel } from "../components/competences/profile-table";
import { requireUser } from "../modules/auth/session.server";
import { learnerProfile, type LearnerProfilePage } from "../modules/competencies/profile.server";
import { i18nFor } from "../modules/i18n/i18n";
import { messagesJsonFor } from "../modules/i18n/locales.server";
import { resolveLanguage } from "../modules/i18n/request.server";
import stylesheet from "../tailwind.css?url";
import { db } from "../utils/db.server";
import { dateTimeFormat } from "../utils/formats";

const PRINT_CSS = `
@page { margin: 14mm; }
@media print {
  .no-print { display: none !important; }
  body { background: #fff; }
  .shadow-sm { box-shadow: none !important; }
  table, tr, section { break-inside: avoid-page; }
  thead { display: table-header-group; }
  [role="region"] { overflow: visible !important; }
  svg { max-height: 240mm; }
}`;

/**
 * The learner's profile as a page of its own for printing or saving as PDF: no navigation, no
 * script, the chart, the table with every source and the gaps.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const language = await resolveLanguage(request, user);
  const page = await learnerProfile(db, user.id, language);
  const i18n = i18nFor(language, messagesJsonFor(language));
  const html = renderToStaticMarkup(
    <I18nextProvider i18n={i18n}>
      <PrintableProfile page={page} name={user.name} language={language} />
    </I18nextProvider>,
  );
  return new Response(`<!DOCTYPE html>${html}`, {
    headers: { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "private, no-store" },
  });
}

function PrintableProfile({ page, name, language }: { page: LearnerProfilePage; name: string; language: string }) {
  const { t } = useTranslation();
  const summary = useChartSummary(page.profile);
  const levelLabel = useLevelLabel(page.profile);
  const date = dateTimeFormat(language, { dateStyle: "long" }).format(new Date(page.profile.computedAt));
  const title = t("competences.print.title", { name });
  return (
    <html lang={language}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{title}</title>
        <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
        <link rel="stylesheet" href={stylesheet} />
        <style>{PRINT_CSS}</style>
      </head>
      <body className="bg-white text-stone-900">
        <main className="mx-auto flex max-w-4xl flex-col gap-6 p-4">
          <p className="no-print text-sm">
            <a href="/competences" className="text-teal-800 underline">
              {t("competences.print.back")}
            </a>{" "}
            · {t("competences.print.howTo")}
          </p>
          <header>
            <h1 className="text-2xl font-bold">{title}</h1>
            <p className="text-stone-700">{t("competences.print.lead", { framework: page.profile.framework.title, date })}</p>
          </header>
          <ProfileChart profile={page.profile} summary={summary} />
          <ProfileTable profile={page.profile} links={false} />
          {page.gaps.length > 0 ? (
            <section aria-labelledby="gaps-title">
              <h2 id="gaps-title" className="text-xl font-semibold">
                {t("competences.gaps.title")}
              </h2>
              <ul className="ml-5 list-disc">
                {page.gaps.map((gap) => (
                  <li key={gap.code}>
                    {gap.code} {gap.name}:{" "}
                    {t("competences.gaps.detail", {
                      target: levelLabel(gap.targetLevel),
                      evidence: levelLabel(gap.evidenceLevel),
                      count: gap.size,
                    })}
                  </li>
                ))}
              </ul>
            </section>
          ) : null}
          {page.recommendations.length > 0 ? (
            <section aria-labelledby="recommended-title">
              <h2 id="recommended-title" className="text-xl font-semibold">
                {t("competences.recommended.title")}
              </h2>
              <ol className="ml-5 list-decimal">
                {page.recommendations.map((module) => (
                  <li key={module.courseId}>{module.title}</li>
                ))}
              </ol>
            </section>
          ) : null}
        </main>
      </body>
    </html>
  );
}
