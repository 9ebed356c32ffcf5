// The patched single-fetch encoding of a page's loader data (decision 017): data without promises
// is written whole, as the same text the stream would have carried; data with promises still
// streams. The browser decodes either the same way.
import { ServerMode } from "@remix-run/server-runtime/dist/mode.js";
import { encodeDocumentHandoff, encodeViaTurboStream } from "@remix-run/server-runtime/dist/single-fetch.js";
import { decode } from "turbo-stream";
import { describe, expect, it } from "vitest";

function encodeHandoff(data: unknown) {
  return encodeDocumentHandoff(data, new AbortController().signal, 5_000, ServerMode.Production);
}

function encodeStream(data: unknown) {
  return encodeViaTurboStream(data, new AbortController().signal, 5_000, ServerMode.Production);
}

async function textOf(stream: ReadableStream<Uint8Array>): Promise<string> {
  return new Response(stream).text();
}

function streamOf(text: string): ReadableStream<Uint8Array> {
  return new Blob([text]).stream();
}

const pageData = {
  loaderData: {
    root: { language: "it", user: { name: "Lucia", since: new Date("2026-01-02T03:04:05Z") } },
    "routes/learning": { courses: [{ title: "Comunicazione sicura", ratio: 0.5, next: null, score: undefined }] },
  },
  actionData: null,
  errors: null,
};

describe("a page's loader data", () => {
  it("is written whole, as the text its stream would carry, when it holds no promise", async () => {
    const handoff = encodeHandoff(pageData);
    if (!("wholeText" in handoff)) throw new Error("the data was not written whole");
    expect(handoff.wholeText).toBe(await textOf(encodeStream(pageData)));
    const decoded = await decode(streamOf(handoff.wholeText));
    expect(decoded.value).toEqual(pageData);
  });

  it("still streams when a loader returned a promise, and the promise arrives settled", async () => {
    const withPromise = { loaderData: { "routes/report": { rows: Promise.resolve([1, 2, 3]) } } };
    const handoff = encodeHandoff(withPromise);
    if (!(handoff instanceof ReadableStream)) throw new Error("data with a promise was not streamed");
    const decoded = await decode(handoff);
    const report = (decoded.value as { loaderData: { "routes/report": { rows: Promise<number[]> } } }).loaderData["routes/report"];
    await expect(report.rows).resolves.toEqual([1, 2, 3]);
  });
});
