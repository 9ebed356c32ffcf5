import type { Writable } from "node:stream";
import type { AppLoadContext, EntryContext } from "@remix-run/node";
import { RemixServer } from "@remix-run/react";
import { renderToPipeableStream, renderToString } from "react-dom/server";
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
  const page = (
    <NonceProvider value={nonce}>
      <RemixServer context={remixContext} url={request.url} nonce={nonce} />
    </NonceProvider>
  );
  const respond = (html: Buffer<ArrayBuffer>) => {
    responseHeaders.set("Content-Type", "text/html; charset=utf-8");
    const init = { headers: responseHeaders, status: responseStatusCode };
    // server.js takes the bytes as they are: a web stream around them costs about 40 µs a page
    // (Node 20 makes every web stream transferable when it is made).
    if (!loadContext.takePage) return new Response(html, init);
    loadContext.takePage(html);
    return new Response(null, init);
  };
  // Loaders have all finished before rendering starts. When their data holds no promise, it is
  // written into the page as one text (decision 017), nothing suspends, and React's string
  // renderer makes the page in one pass. An error thrown here reaches Remix, which renders the
  // route's error boundary instead, as it does for an error in the shell of a stream.
  if (dataIsWhole(remixContext)) {
    return respond(Buffer.from(`<!DOCTYPE html>${renderToString(page)}`));
  }
  // Data with promises in it is streamed into the page as they settle: React waits for all of
  // it, then the page goes out in one piece.
  return new Promise<Response>((resolve, reject) => {
    let shellRendered = false;
    let abort: () => void = () => undefined;
    const timeout = setTimeout(() => abort(), streamTimeout + 1_000);
    const chunks: Uint8Array[] = [];
    // Of a Node stream React uses only these three methods. A Writable would add its buffering
    // and end-of-stream work to every page, and its "close" event would make React end it twice.
    const sink = {
      write(chunk: Uint8Array) {
        chunks.push(chunk);
        return true;
      },
      end() {
        clearTimeout(timeout);
        resolve(respond(Buffer.concat(chunks)));
      },
      on() {
        return sink;
      },
    };
    const rendering = renderToPipeableStream(page, {
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
    });
    abort = rendering.abort;
  });
}

/**
 * Whether Remix made the page's loader data one text rather than a stream (the patch of
 * decision 017 does so when the data holds no promise).
 */
function dataIsWhole(context: EntryContext): boolean {
  const handoff = context.serverHandoffStream as { wholeText?: unknown } | undefined;
  return typeof handoff?.wholeText === "string";
}
