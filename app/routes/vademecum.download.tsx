import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "../modules/auth/session.server";
import { resolveLanguage } from "../modules/i18n/request.server";
import { parseVademecumQuery, readerLanguages, utcDate } from "../modules/vademecum/options";
import { isEmptyVademecum, learnerVademecum, vademecumDownload } from "../modules/vademecum/vademecum.server";
import { db } from "../utils/db.server";

/** The signed-in learner's own vademecum as a file: ?format=html|pdf|epub&date=YYYY-MM-DD[&inProgress=1]. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const query = parseVademecumQuery(new URL(request.url).searchParams, utcDate(new Date()));
  if (!query.ok || !query.format) {
    throw new Response("Choose a format (html, pdf or epub) and a date written YYYY-MM-DD.", { status: 400 });
  }
  const language = await resolveLanguage(request, user);
  const doc = await learnerVademecum(db, user.id, query.choice, readerLanguages(language, request.headers.get("Accept-Language")));
  if (!doc || isEmptyVademecum(doc)) throw new Response("Your vademecum has no modules yet.", { status: 404 });
  return vademecumDownload(doc, query.format, query.choice);
}
