import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireAuthor } from "../modules/auth/session.server";
import { importJobState } from "../modules/packages/import-jobs.server";
import { db } from "../utils/db.server";

/** An import's status, step and progress, polled by the report page while it runs. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireAuthor(request);
  const state = await importJobState(db, params.jobId ?? "", user.id);
  if (!state) throw new Response("Import not found.", { status: 404 });
  return Response.json(state, { headers: { "Cache-Control": "no-store" } });
}
