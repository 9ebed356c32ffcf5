import type { LoaderFunctionArgs } from "@remix-run/node";
import { messagesJsonFor, messagesVersion, supportedLanguages } from "../modules/i18n/locales.server";

/**
 * A language's interface messages for the browser. The root names the URL with the messages'
 * fingerprint, so a browser keeps them until they change.
 */
export async function loader({ params, request }: LoaderFunctionArgs) {
  const language = params.language ?? "";
  if (!supportedLanguages().includes(language)) throw new Response("Unknown language.", { status: 404 });
  const current = new URL(request.url).searchParams.get("v") === messagesVersion(language);
  return new Response(messagesJsonFor(language), {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Cache-Control": current ? "public, max-age=31536000, immutable" : "no-cache",
    },
  });
}
