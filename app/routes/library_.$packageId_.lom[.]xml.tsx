import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireAuthor } from "../modules/auth/session.server";
import { exportLom } from "../modules/packages/library.server";
import { db } from "../utils/db.server";

/** An entry's LOM record as an IEEE LOM v1.0 XML file. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireAuthor(request);
  const exported = await exportLom(db, params.packageId ?? "");
  if (!exported) throw new Response("Library entry not found.", { status: 404 });
  return new Response(exported.xml, {
    headers: {
      "Content-Type": "application/xml; charset=utf-8",
      "Content-Disposition": `attachment; filename="${exported.fileName}"`,
      "Cache-Control": "no-store",
    },
  });
}
