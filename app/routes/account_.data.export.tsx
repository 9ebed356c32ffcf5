import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "../modules/auth/session.server";
import { exportPersonalData } from "../modules/organisations/personal-data.server";
import { db } from "../utils/db.server";

/** Everything the platform holds about the signed-in person, as a JSON download. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const now = new Date();
  const body = JSON.stringify(await exportPersonalData(db, user.id, now), null, 2);
  return new Response(body, {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Disposition": `attachment; filename="vademecum-data-${now.toISOString().slice(0, 10)}.json"`,
      "Cache-Control": "private, no-store",
    },
  });
}
