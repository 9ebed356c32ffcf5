import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { contentHeaders, packageFileResponse, resolvePackageFile, scormRuntimeScript } from "../modules/delivery/scorm/content.server";
import { answerCommit, MAX_COMMIT_BYTES, TOO_LARGE } from "../modules/delivery/scorm/commit-endpoint.server";
import launcherScript from "../modules/delivery/scorm/launcher-script.js?raw";
import { renderLauncher } from "../modules/delivery/scorm/launcher-page";
import { openLauncher } from "../modules/delivery/scorm/player.server";
import { verifyLaunchToken, type LaunchClaims } from "../modules/delivery/scorm/token.server";
import { db } from "../utils/db.server";

/**
 * The content origin (server.js routes only /content/… here, on its own port or host).
 * Everything is authorised by the signed launch token in the path, never by cookies:
 *   GET  /content/<token>/__launch          the launcher page (run-time API + the SCO in a frame)
 *   GET  /content/<token>/__scorm-again.js  the SCORM run-time library
 *   GET  /content/<token>/__launcher.js     the launcher's script
 *   POST /content/<token>/__commit          a Commit/Terminate (JSON, text/plain from beacons)
 *   GET  /content/<token>/<path>            a file of the package
 */

function notFound(): Response {
  return new Response("Not found.", { status: 404, headers: { "Content-Type": "text/plain", "X-Content-Type-Options": "nosniff" } });
}

function claimsOf(token: string | undefined): LaunchClaims {
  const claims = verifyLaunchToken(token);
  if (!claims) {
    throw new Response("This link has expired or is not valid. Open the course again from the platform.", {
      status: 403,
      headers: { "Content-Type": "text/plain", "X-Content-Type-Options": "nosniff" },
    });
  }
  return claims;
}

function script(claims: LaunchClaims, body: string): Response {
  const headers = contentHeaders([claims.o], "text/javascript; charset=utf-8");
  headers.set("Cache-Control", "private, max-age=3600");
  return new Response(body, { headers });
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const claims = claimsOf(params.token);
  const file = params["*"] ?? "";
  if (file === "__launch") {
    const view = await openLauncher(db, claims, params.token!);
    if (!view) return notFound();
    const headers = contentHeaders([claims.o], "text/html; charset=utf-8");
    headers.set("Cache-Control", "no-store");
    return new Response(renderLauncher(view), { headers });
  }
  if (file === "__scorm-again.js") return script(claims, scormRuntimeScript(claims.v));
  if (file === "__launcher.js") return script(claims, launcherScript);
  const path = await resolvePackageFile(claims.k, file);
  if (!path) return notFound();
  // Package files are framed by the launcher (this origin) inside the app's page.
  return packageFileResponse(path, ["'self'", claims.o], request.method);
}

export async function action({ request, params }: ActionFunctionArgs) {
  if (params["*"] !== "__commit" || request.method !== "POST") return notFound();
  const declared = Number(request.headers.get("Content-Length") ?? 0);
  const answer = declared > MAX_COMMIT_BYTES ? TOO_LARGE : await answerCommit(params.token, await request.text());
  return Response.json(answer.body, { status: answer.status, headers: answer.headers });
}
