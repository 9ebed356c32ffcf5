import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireManager } from "../modules/auth/session.server";
import { resolveLanguage } from "../modules/i18n/request.server";
import { csvFileName, csvResponse } from "../modules/organisations/csv";
import { parseReportFilters } from "../modules/organisations/reports";
import { heatMapCsv, trainingCsv, trendsCsv } from "../modules/organisations/reports.server";
import { isoDay } from "../modules/organisations/reports-indicators";
import { db } from "../utils/db.server";

const EXPORTS = { training: trainingCsv, "heat-map": heatMapCsv, trends: trendsCsv } as const;

/** The reports as CSV files, with the page's filters: ?table=training|heat-map|trends. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, organisation } = await requireManager(request, params.slug ?? "");
  const searchParams = new URL(request.url).searchParams;
  const table = searchParams.get("table") ?? "training";
  if (!(table in EXPORTS)) throw new Response("Unknown export.", { status: 404 });
  const now = new Date();
  const context = { organisationId: organisation.organisationId, language: await resolveLanguage(request, user), now };
  const stream = await EXPORTS[table as keyof typeof EXPORTS](db, context, parseReportFilters(searchParams));
  return csvResponse(csvFileName(organisation.organisationSlug, table, isoDay(now)), stream);
}
