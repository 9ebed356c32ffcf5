import type { Writable } from "node:stream";
import type { AppLoadContext, EntryContext } from "@remix-run/node";
import { RemixServer } from "@remix-run/react";
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
  // Loaders have all finished before rendering starts, so the page is complete as soon as the
  // single-fetch data scripts are written: it is rendered whole and sent in one piece, which
  // costs far less than streaming it through Node and web streams.
  return new Promise((resolve, reject) => {
    let shellRendered = false;
    let abort: () => void = () => undefined;
    const timeout = setTimeout(() => abort(), streamTimeout + 1_000);
    const chunks: Uint8Array[] = [];
    // React writes the page here, usually in one piece (decision 016), then ends it; of a Node
    // stream it uses only these three methods. A Writable would add its buffering and
    // end-of-stream work to every page, and its "close" event would make React end it twice.
    const sink = {
      write(chunk: Uint8Array) {
        chunks.push(chunk);
        return true;
      },
      end() {
        clearTimeout(timeout);
        responseHeaders.set("Content-Type", "text/html; charset=utf-8");
        const page = Buffer.concat(chunks);
        const init = { headers: responseHeaders, status: responseStatusCode };
        // server.js takes the bytes as they are: a web stream around them costs about 40 µs a
        // page (Node 20 makes every web stream transferable when it is made).
        if (loadContext.takePage) {
          loadContext.takePage(page);
          resolve(new Response(null, init));
        } else {
          resolve(new Response(page, init));
        }
      },
      on() {
        return sink;
      },
    };
    const rendering = renderToPipeableStream(
      <NonceProvider value={nonce}>
        <RemixServer context={remixContext} url={request.url} nonce={nonce} />
      </NonceProvider>,
      {
        nonce,
        onShellReady() {
          shellRendered = true;
        },
        onAllReady() {
          rendering.pipe(sink as unknown as Writable);
        },
        onShellError(error: unknown) {
          clearTimeout(timeout);
          reject(error);
        },
        onError(error: unknown) {
          responseStatusCode = 500;
          // Errors in the shell reach Remix through onShellError; log only the later ones.
          if (shellRendered) console.error(error);
        },
      },
    );
    abort = rendering.abort;
  });
}
