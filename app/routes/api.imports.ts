import type { ActionFunctionArgs } from "@remix-run/node";
import { requireAuthor } from "../modules/auth/session.server";
import { createImportJob, receiveUpload } from "../modules/packages/import-jobs.server";
import { db } from "../utils/db.server";
import { env } from "../utils/env.server";

/** The upload form's JavaScript path: the same upload, answered with the new job's id. */
export async function action({ request }: ActionFunctionArgs) {
  const user = await requireAuthor(request);
  const upload = await receiveUpload(request, { contentDir: env().CONTENT_DIR });
  if (!upload.ok) return Response.json({ error: upload.reason }, { status: upload.reason === "too-large" ? 413 : 400 });
  return Response.json({ jobId: await createImportJob(db, { userId: user.id, ...upload }) });
}
