import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireManager } from "../modules/auth/session.server";
import { resolveLanguage } from "../modules/i18n/request.server";
import { parseVademecumQuery, readerLanguages, utcDate } from "../modules/vademecum/options";
import { isEmptyVademecum, organisationVademecum, vademecumDownload } from "../modules/vademecum/vademecum.server";
import { db } from "../utils/db.server";

/**
 * The vademecum of an organisation the signed-in user manages, as a file. A resource route:
 * its errors are plain-text responses, never a page.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, organisation } = await requireManager(request, params.slug ?? "");
  const query = parseVademecumQuery(new URL(request.url).searchParams, utcDate(new Date()));
  if (!query.ok || !query.format) {
    throw new Response("Choose a format (html, pdf or epub) and a date written YYYY-MM-DD.", { status: 400 });
  }
  const language = await resolveLanguage(request, user);
  const doc = await organisationVademecum(db, organisation.organisationId, query.choice, readerLanguages(language, request.headers.get("Accept-Language")));
  if (!doc || isEmptyVademecum(doc)) throw new Response("This organisation has not assigned any module yet.", { status: 404 });
  return vademecumDownload(doc, query.format, query.choice);
}
