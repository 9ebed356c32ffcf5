import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "../modules/auth/session.server";
import { profileExport } from "../modules/competencies/profile.server";
import { db } from "../utils/db.server";

/** The learner's own profile as a JSON file: every level, its sources, targets and history. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const exported = await profileExport(db, user.id);
  const day = exported.exportedAt.slice(0, 10);
  return new Response(JSON.stringify(exported, null, 2), {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Disposition": `attachment; filename="competence-profile-${day}.json"`,
      "Cache-Control": "private, no-store",
    },
  });
}
