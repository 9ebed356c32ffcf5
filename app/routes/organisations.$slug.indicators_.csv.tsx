import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireManager } from "../modules/auth/session.server";
import { resolveLanguage } from "../modules/i18n/request.server";
import { translator } from "../modules/i18n/locales.server";
import { csvFileName, csvResponse, csvStream } from "../modules/organisations/csv";
import { parsePeriod } from "../modules/organisations/reports-indicators";
import { indicatorCsvRows } from "../modules/organisations/reports-csv";
import { organisationIndicators } from "../modules/organisations/reports-indicators.server";
import { db } from "../utils/db.server";

/** The monitoring indicators of the period as CSV: indicator, value, how it is counted. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, organisation } = await requireManager(request, params.slug ?? "");
  const language = await resolveLanguage(request, user);
  const { period, from, to } = parsePeriod(new URL(request.url).searchParams, new Date());
  const indicators = await organisationIndicators(db, organisation.organisationId, period, language);
  const t = translator(language);
  const header = [t("reports.csv.indicator"), t("reports.csv.value"), t("reports.csv.howCounted"), t("reports.csv.from"), t("reports.csv.to")];
  return csvResponse(
    csvFileName(organisation.organisationSlug, "indicators", from, to),
    csvStream(header, indicatorCsvRows(indicators, t, from, to)),
  );
}
