import { PassThrough } from "node:stream";
import type { AppLoadContext, EntryContext } from "@remix-run/node";
import { createReadableStreamFromReadable } from "@remix-run/node";
import { RemixServer } from "@remix-run/react";
import { isbot } from "isbot";
import { renderToPipeableStream } from "react-dom/server";
import { NonceProvider } from "./components/nonce";
import { i18nFor } from "./modules/i18n/i18n";
import { DEFAULT_LANGUAGE } from "./modules/i18n/languages";
import { messagesJsonFor, supportedLanguages } from "./modules/i18n/locales.server";

export const streamTimeout = 5_000;

// server.js answers the SCORM commit endpoint before the Remix request pipeline (see there).
export { answerCommit, MAX_COMMIT_BYTES, TOO_LARGE } from "./modules/delivery/scorm/commit-endpoint.server";

export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  const nonce = typeof loadContext.cspNonce === "string" ? loadContext.cspNonce : "";
  // The root loader chose the language; its messages stay out of the page (the browser fetches
  // and caches them), so the server prepares the same instance the root layout will use.
  const root = remixContext.staticHandlerContext.loaderData?.root as { language?: string } | undefined;
  const language = root?.language && supportedLanguages().includes(root.language) ? root.language : DEFAULT_LANGUAGE;
  i18nFor(language, messagesJsonFor(language));
  const waitForAll = isbot(request.headers.get("user-agent") ?? "");
  return new Promise((resolve, reject) => {
    let shellRendered = false;
    const { pipe, abort } = renderToPipeableStream(
      <NonceProvider value={nonce}>
        <RemixServer context={remixContext} url={request.url} nonce={nonce} />
      </NonceProvider>,
      {
        nonce,
        [waitForAll ? "onAllReady" : "onShellReady"]() {
          shellRendered = true;
          const body = new PassThrough();
          responseHeaders.set("Content-Type", "text/html; charset=utf-8");
          resolve(
            new Response(createReadableStreamFromReadable(body), {
              headers: responseHeaders,
              status: responseStatusCode,
            }),
          );
          pipe(body);
        },
        onShellError(error: unknown) {
          reject(error);
        },
        onError(error: unknown) {
          responseStatusCode = 500;
          if (shellRendered) console.error(error);
        },
      },
    );
    setTimeout(abort, streamTimeout + 1_000);
  });
}
