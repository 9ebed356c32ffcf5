import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { GeneralErrorBoundary } from "../components/error-boundary";
import { PageHeader } from "../components/page-header";
import { requireManager } from "../modules/auth/session.server";
import { resolveLanguage } from "../modules/i18n/request.server";
import { ColumnChart } from "../modules/organisations/reports-charts";
import { indicatorList, parsePeriod } from "../modules/organisations/reports-indicators";
import { organisationIndicators } from "../modules/organisations/reports-indicators.server";
import { buttonClass, fieldClass, linkClass, ScrollTable } from "../modules/organisations/reports-ui";
import { db } from "../utils/db.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.organisation.name ?? "Organisation"} · Indicators · Vademecum` },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, organisation } = await requireManager(request, params.slug ?? "");
  const language = await resolveLanguage(request, user);
  const { period, from, to } = parsePeriod(new URL(request.url).searchParams, new Date());
  const indicators = await organisationIndicators(db, organisation.organisationId, period, language);
  return { organisation: { slug: organisation.organisationSlug, name: organisation.organisationName }, from, to, indicators };
}

export default function Indicators() {
  const { t } = useTranslation();
  const { organisation, from, to, indicators } = useLoaderData<typeof loader>();
  const csvHref = `/organisations/${organisation.slug}/indicators/csv?${new URLSearchParams({ from, to })}`;
  return (
    <>
      <PageHeader title={t("reports.indicators.title")} lead={t("reports.indicators.lead")} />
      <aside aria-labelledby="purpose-title" className="mb-6 max-w-3xl rounded-lg border-l-4 border-teal-700 bg-white p-4 shadow-sm">
        <h2 id="purpose-title" className="font-semibold">
          {t("reports.indicators.purposeTitle")}
        </h2>
        <p className="mt-1 text-stone-800">{t("reports.indicators.purpose")}</p>
      </aside>
      <Form method="get" className="mb-6 flex flex-wrap items-end gap-3 rounded-lg bg-white p-4 shadow-sm">
        <div className="flex flex-col gap-1">
          <label htmlFor="period-from" className="font-medium">
            {t("reports.indicators.from")}
          </label>
          <input id="period-from" type="date" name="from" defaultValue={from} className={fieldClass} />
        </div>
        <div className="flex flex-col gap-1">
          <label htmlFor="period-to" className="font-medium">
            {t("reports.indicators.to")}
          </label>
          <input id="period-to" type="date" name="to" defaultValue={to} className={fieldClass} />
        </div>
        <button type="submit" className={buttonClass}>
          {t("reports.indicators.show")}
        </button>
      </Form>
      <section aria-labelledby="indicators-title" className="mb-10">
        <h2 id="indicators-title" className="mb-3 text-xl font-semibold">
          {t("reports.indicators.period", { from, to })}
        </h2>
        <dl className="grid gap-3 sm:grid-cols-2">
          {indicatorList(indicators).map((indicator) => (
            <div key={indicator.key} className="rounded-lg bg-white p-4 shadow-sm">
              <dt className="font-semibold">{t(`reports.indicators.${indicator.key}.title`)}</dt>
              <dd className="text-3xl font-bold">{indicator.value}</dd>
              <dd className="mt-1 text-sm text-stone-700">{t(`reports.indicators.${indicator.key}.how`)}</dd>
              {indicator.key === "peopleTrained" ? (
                <dd className="mt-1 text-sm text-stone-700">{t("reports.indicators.reach", { trained: indicators.peopleTrained, members: indicators.members })}</dd>
              ) : null}
              {indicator.key === "competencesImproved" ? (
                <dd className="mt-1 text-sm text-stone-700">{t("reports.indicators.membersImproved", { count: indicators.membersImproved })}</dd>
              ) : null}
            </div>
          ))}
        </dl>
      </section>
      <section aria-labelledby="areas-title" className="mb-10">
        <h2 id="areas-title" className="mb-1 text-xl font-semibold">
          {t("reports.indicators.byArea.title")}
        </h2>
        <p className="mb-3 max-w-3xl text-stone-700">{t("reports.indicators.byArea.how")}</p>
        <div className="grid gap-4 lg:grid-cols-2">
          <div className="overflow-x-auto rounded-lg bg-white p-4 shadow-sm">
            <ColumnChart
              bars={indicators.byArea.map((area) => ({ label: t("reports.indicators.areaShort", { code: area.code }), value: area.modules }))}
              summary={t("reports.indicators.byArea.summary", {
                list: indicators.byArea.map((area) => `${area.name}: ${area.modules}`).join("; "),
              })}
            />
          </div>
          <ScrollTable caption={t("reports.indicators.byArea.title")} captionHidden>
            <thead className="bg-stone-100">
              <tr>
                <th scope="col" className="px-3 py-2">{t("reports.columns.area")}</th>
                <th scope="col" className="px-3 py-2 text-right">{t("reports.columns.modules")}</th>
              </tr>
            </thead>
            <tbody>
              {indicators.byArea.map((area) => (
                <tr key={area.code} className="border-t border-stone-200">
                  <th scope="row" className="px-3 py-2 font-normal">
                    {t("reports.indicators.area", { code: area.code, name: area.name })}
                  </th>
                  <td className="px-3 py-2 text-right">{area.modules}</td>
                </tr>
              ))}
            </tbody>
          </ScrollTable>
        </div>
      </section>
      <p className="mb-10">
        <a href={csvHref} download className={linkClass}>
          {t("reports.indicators.download")}
        </a>
      </p>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
