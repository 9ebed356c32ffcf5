import fs from "node:fs";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { createReadableStreamFromReadable } from "@remix-run/node";
import { requireUser } from "../modules/auth/session.server";
import { courseFile } from "../modules/delivery/files.server";
import { FILE_CSP } from "../modules/delivery/package-paths";
import { db } from "../utils/db.server";

/**
 * Files of a course package (CSV, PDF, images…) for the people enrolled in it, from their own
 * version, under a policy that runs nothing. Pages are never served here: the player renders
 * XHTML itself after sanitizing.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const rawPath = new URL(request.url).pathname.split(`/courses/${params.courseId}/files/`)[1] ?? "";
  const file = await courseFile(db, user.id, params.courseId!, rawPath);
  const stat = fs.statSync(file.path);
  const encodedName = encodeURIComponent(file.fileName);
  return new Response(createReadableStreamFromReadable(fs.createReadStream(file.path)), {
    headers: {
      "Content-Type": file.delivery.contentType,
      "Content-Length": String(stat.size),
      "Content-Disposition": `${file.delivery.disposition}; filename="${file.fileName.replace(/[^\w.-]/g, "_")}"; filename*=UTF-8''${encodedName}`,
      "Content-Security-Policy": FILE_CSP,
      "X-Content-Type-Options": "nosniff",
      "Cache-Control": "private, max-age=3600",
    },
  });
}
