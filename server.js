// The production HTTP server. Its main thread answers HTTP: it adds what every response needs
// (security headers, a CSP nonce, the origin check against cross-site form posts), serves the
// built assets and hands every other request to a render thread, which runs the Remix build
// (see docs/decisions/014-render-threads.md). Start it with `npm run serve` after `npm run build`.
import crypto from "node:crypto";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import url from "node:url";
import { isMainThread, parentPort, Worker } from "node:worker_threads";

const here = path.dirname(url.fileURLToPath(import.meta.url));
const buildDir = path.resolve(here, process.env.BUILD_DIR || "build");
const port = Number(process.env.PORT || 3000);
const host = process.env.HOST || "127.0.0.1";
// Imported packages are served from a second origin (see docs/decisions/006-scorm-delivery.md):
// this port answers only /content/… and the app port never does.
const contentPort = Number(process.env.CONTENT_PORT || port + 1);
const contentHost = process.env.CONTENT_ORIGIN ? new URL(process.env.CONTENT_ORIGIN).host : null;
const production = process.env.NODE_ENV === "production";
const trustProxy = process.env.TRUST_PROXY === "1";
// One render thread per core (WEB_CONCURRENCY overrides): rendering is CPU-bound, and SQLite in
// WAL mode serves several connections. The heap flags of `npm run serve` bound every thread:
// V8 applies them to each thread's heap, and they would override a Worker's resourceLimits.
const renderThreads = Math.max(1, Number(process.env.WEB_CONCURRENCY || Math.min(os.availableParallelism(), 4)));
// Pages a render thread works on at once; the others wait in one queue (see RenderThreads).
const RENDERING_PER_THREAD = 4;

/**
 * What the server needs to know of a request, worked out once. Behind a reverse proxy
 * (TRUST_PROXY=1) the protocol, host name and client address come from the X-Forwarded-*
 * headers that the proxy, one hop away, sets.
 */
function requestInfo(req) {
  const queryAt = req.url.indexOf("?");
  const forwardedProto = trustProxy ? firstValue(req.headers["x-forwarded-proto"]) : null;
  const protocol = forwardedProto ?? (req.socket.encrypted ? "https" : "http");
  const hostHeader = req.headers.host ?? "";
  const forwardedHost = trustProxy ? firstValue(req.headers["x-forwarded-host"]) : null;
  const forwardedFor = trustProxy ? String(req.headers["x-forwarded-for"] ?? "").split(",").map((part) => part.trim()).filter(Boolean) : [];
  return {
    path: queryAt === -1 ? req.url : req.url.slice(0, queryAt),
    protocol,
    host: hostHeader,
    hostname: (forwardedHost ?? hostHeader).replace(/:\d+$/, ""),
    ip: forwardedFor.at(-1) ?? req.socket.remoteAddress ?? "unknown",
    content: req.socket.localPort === contentPort || (contentHost !== null && hostHeader === contentHost),
  };
}

function firstValue(header) {
  const value = Array.isArray(header) ? header[0] : header;
  return value ? value.split(",")[0].trim() : null;
}

function sendText(res, status, text) {
  res.statusCode = status;
  res.setHeader("Content-Type", "text/plain; charset=utf-8");
  res.end(text);
}

/** The content origin answers only /content/… (without cookies); the app origin never does. */
function separateOrigins(req, res, info) {
  if (info.content !== info.path.startsWith("/content/")) {
    sendText(res, 404, "Not found.");
    return false;
  }
  if (info.content) delete req.headers.cookie;
  return true;
}

function contentOriginFor(info) {
  return process.env.CONTENT_ORIGIN ?? `${info.protocol}://${info.hostname}:${contentPort}`;
}

/**
 * Sets the default security headers just before the headers go out, unless the route set its
 * own (the content routes do, for imported packages). Returns the CSP nonce of the response.
 */
function securityHeaders(onHeaders, res, info) {
  const nonce = crypto.randomBytes(16).toString("base64");
  onHeaders(res, function setDefaults() {
    const defaults = {
      "Content-Security-Policy": [
        "default-src 'self'",
        `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'`,
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data: blob:",
        "font-src 'self'",
        "connect-src 'self'",
        `frame-src 'self' ${contentOriginFor(info)}`,
        "frame-ancestors 'self'",
        "form-action 'self'",
        "base-uri 'self'",
        "object-src 'none'",
      ].join("; "),
      "X-Content-Type-Options": "nosniff",
      "Referrer-Policy": "strict-origin-when-cross-origin",
      "X-Frame-Options": "SAMEORIGIN",
      "Cross-Origin-Opener-Policy": "same-origin",
      "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=()",
    };
    if (production && info.protocol === "https") {
      defaults["Strict-Transport-Security"] = "max-age=31536000; includeSubDomains";
    }
    // Content is framed by the app origin: its own frame-ancestors policy decides, not X-Frame-Options.
    if (info.content) delete defaults["X-Frame-Options"];
    for (const [name, value] of Object.entries(defaults)) {
      if (!this.getHeader(name)) this.setHeader(name, value);
    }
  });
  return nonce;
}

// State-changing requests must come from this site's own pages (sameSite cookies do the rest).
function sameOriginPosts(req, res, info) {
  if (["GET", "HEAD", "OPTIONS"].includes(req.method)) return true;
  const origin = req.headers.origin;
  if (origin === undefined) return true;
  if (origin !== `${info.protocol}://${info.host}` && origin !== process.env.PUBLIC_URL) {
    sendText(res, 403, "Forbidden: this request came from another site.");
    return false;
  }
  return true;
}

const COMMIT_PATH = /^\/content\/([^/]+)\/__commit$/;

async function startServer() {
  const [{ default: compression }, { default: serveStatic }, { default: onHeaders }] = await Promise.all([
    import("compression"),
    import("serve-static"),
    import("on-headers"),
  ]);
  const threads = new RenderThreads(renderThreads);
  // Listening starts once a render thread has loaded the build: every request finds one ready.
  const { maxCommitBytes } = await threads.ready;
  const compress = compression();
  const clientDir = path.join(buildDir, "client");
  const assets = serveStatic(clientDir, { immutable: true, maxAge: "1y", index: false });
  const publicFiles = serveStatic(clientDir, { maxAge: "1h", index: false });
  const failed = (res) => (error) => {
    console.error(error);
    if (!res.headersSent) sendText(res, 500, "The server hit an error. Please try again.");
    else res.destroy();
  };

  // SCORM commits are the most frequent request while a class is at work: a render thread
  // answers them with the same code as the Remix route, without its request pipeline (a Fetch
  // Request, route matching, single-fetch encoding), which costs more than storing the commit.
  const commit = (req, res, token) => {
    const reply = (answer) => {
      res.statusCode = answer.status;
      for (const [name, value] of Object.entries(answer.headers)) res.setHeader(name, value);
      res.setHeader("Content-Type", "application/json; charset=utf-8");
      res.end(JSON.stringify(answer.body));
    };
    const tooLarge = () => threads.commit(null, null).then(reply, failed(res));
    if (Number(req.headers["content-length"] ?? 0) > maxCommitBytes) return tooLarge();
    const chunks = [];
    let size = 0;
    req.on("data", (chunk) => {
      size += chunk.length;
      if (size <= maxCommitBytes) chunks.push(chunk);
    });
    req.on("end", () => {
      if (size > maxCommitBytes) return tooLarge();
      threads.commit(token, Buffer.concat(chunks).toString("utf8")).then(reply, failed(res));
    });
    req.on("error", failed(res));
  };

  const answer = (req, res) => {
    const info = requestInfo(req);
    if (!separateOrigins(req, res, info)) return;
    compress(req, res, () => {
      const nonce = securityHeaders(onHeaders, res, info);
      if (!sameOriginPosts(req, res, info)) return;
      const toRemix = () => threads.answer(req, res, info, nonce);
      if (info.path.startsWith("/assets/")) return assets(req, res, toRemix);
      // Only paths that name a file (favicon.svg, robots.txt) can be public files.
      if (/\.[a-z0-9]+$/i.test(info.path)) return publicFiles(req, res, toRemix);
      const committed = req.method === "POST" ? COMMIT_PATH.exec(info.path) : null;
      if (committed) {
        let token;
        try {
          token = decodeURIComponent(committed[1]);
        } catch {
          return sendText(res, 400, "Bad request.");
        }
        return commit(req, res, token);
      }
      toRemix();
    });
  };

  const servers = [port, contentPort].map((listenPort) =>
    http.createServer(answer).listen(listenPort, host, () => {
      if (listenPort === port) console.log(`Vademecum is listening on http://${host}:${port} (content on port ${contentPort})`);
    }),
  );

  // Finish the requests under way, then exit: a restart loses no learner's commit.
  for (const signal of ["SIGTERM", "SIGINT"]) {
    process.once(signal, () => {
      let open = servers.length;
      for (const server of servers) {
        server.close(() => {
          open -= 1;
          if (open === 0) threads.stop().then(() => process.exit(0));
        });
        server.closeIdleConnections();
      }
      setTimeout(() => process.exit(0), 5_000).unref();
    });
  }
}

/**
 * The render threads of the main thread.
 * - Page requests (GET and HEAD) wait in one queue, in order of arrival, and a thread takes
 *   the next one while it renders fewer than RENDERING_PER_THREAD: a thread that is slow for a
 *   moment (a long import, a collection of its heap) does not hold up the requests behind it.
 * - A page no longer counts once its head is sent: a long download takes no rendering place.
 * - Other requests (form posts, uploads, SCORM commits) go at once to the thread with the
 *   fewest requests under way: their bodies arrive at the client's pace, not the server's.
 * Messages (see startRenderThread):
 * - to a thread: `request` (what the handler needs of the request), `body` and `body-end`
 *   (the request body, as it arrives), `more` (the client took the last chunk of the response),
 *   `abort` (the client left), `commit` (a SCORM commit);
 * - from a thread: `ready`, `head` (status, headers and, when it is whole, the body), `chunk`
 *   and `end` (a body that is streamed), `pause`/`resume` (request body flow), `failed`,
 *   `answer` (to a commit).
 */
class RenderThreads {
  constructor(count) {
    this.threads = [];
    this.exchanges = new Map();
    /** Page requests waiting for a thread, oldest first. */
    this.waiting = [];
    this.nextId = 1;
    this.stopping = false;
    let becameReady;
    let failed;
    this.ready = new Promise((resolve, reject) => {
      becameReady = resolve;
      failed = reject;
    });
    for (let index = 0; index < count; index += 1) this.start(index, becameReady, failed);
  }

  start(index, becameReady, failed) {
    const thread = new Worker(url.fileURLToPath(import.meta.url), {
      // Background jobs (reminders, expired uploads, the outbox) run in the first thread only.
      env: { ...process.env, BACKGROUND_JOBS: index === 0 ? process.env.BACKGROUND_JOBS ?? "1" : "0" },
    });
    thread.busy = 0;
    thread.rendering = 0;
    thread.isReady = false;
    this.threads[index] = thread;
    thread.on("message", (message) => {
      if (message.type === "ready") {
        thread.isReady = true;
        becameReady?.(message);
        return;
      }
      this.receive(thread, message);
    });
    thread.on("error", (error) => console.error(`Render thread ${index} failed:`, error));
    thread.on("exit", (code) => {
      for (const [id, exchange] of this.exchanges) {
        if (exchange.thread !== thread) continue;
        this.exchanges.delete(id);
        if (exchange.settle) exchange.settle.reject(new Error("The render thread stopped."));
        else if (!exchange.res.headersSent) sendText(exchange.res, 500, "The server hit an error. Please try again.");
        else exchange.res.destroy();
      }
      if (this.stopping) return;
      if (!thread.isReady) {
        // A thread that cannot even load the build will not do better on a second try.
        failed?.(new Error(`Render thread ${index} exited with code ${code} before it was ready.`));
        console.error(`Render thread ${index} exited with code ${code} before it was ready.`);
        process.exit(1);
      }
      console.error(`Render thread ${index} exited with code ${code}; starting another.`);
      this.start(index);
      this.drain();
    });
  }

  /** The thread with the fewest requests under way. */
  leastBusy() {
    let chosen = this.threads[0];
    for (const thread of this.threads) if (thread.busy < chosen.busy) chosen = thread;
    return chosen;
  }

  open(exchange) {
    const id = this.nextId;
    this.nextId += 1;
    exchange.thread.busy += 1;
    this.exchanges.set(id, exchange);
    return id;
  }

  close(id) {
    const exchange = this.exchanges.get(id);
    if (!exchange) return;
    exchange.thread.busy -= 1;
    this.exchanges.delete(id);
    this.rendered(exchange);
    // What is left of a body the answer did not need is read and dropped: the connection
    // can then carry its next request.
    if (exchange.forward && !exchange.req.complete) {
      exchange.req.off("data", exchange.forward);
      exchange.req.resume();
    }
  }

  /** Has a render thread answer the request through the Remix build. */
  answer(req, res, info, nonce) {
    const request = {
      method: req.method,
      url: `${info.protocol}://${info.host}${req.url}`,
      headers: req.rawHeaders,
      context: { cspNonce: nonce, clientIp: info.ip },
    };
    if (!["GET", "HEAD"].includes(req.method)) return this.send(this.leastBusy(), req, res, request, false);
    const thread = this.freeToRender();
    if (thread) return this.send(thread, req, res, request, true);
    const waiting = { req, res, request };
    this.waiting.push(waiting);
    res.on("close", () => {
      const index = this.waiting.indexOf(waiting);
      if (index >= 0) this.waiting.splice(index, 1);
    });
  }

  /** The thread rendering the fewest pages, if it renders fewer than its share. */
  freeToRender() {
    let chosen = null;
    for (const thread of this.threads) {
      if (thread.rendering < RENDERING_PER_THREAD && (!chosen || thread.rendering < chosen.rendering)) chosen = thread;
    }
    return chosen;
  }

  /** A page's head went out (or the exchange ended): its thread may take a waiting page. */
  rendered(exchange) {
    if (!exchange.page) return;
    exchange.page = false;
    exchange.thread.rendering -= 1;
    this.drain();
  }

  drain() {
    for (let thread = this.freeToRender(); thread && this.waiting.length > 0; thread = this.freeToRender()) {
      const { req, res, request } = this.waiting.shift();
      this.send(thread, req, res, request, true);
    }
  }

  send(thread, req, res, request, page) {
    const exchange = { thread, req, res, page };
    if (page) thread.rendering += 1;
    const id = this.open(exchange);
    const hasBody = !page;
    thread.postMessage({ type: "request", id, hasBody, ...request });
    if (hasBody) {
      exchange.forward = (chunk) => {
        const copy = new Uint8Array(chunk);
        thread.postMessage({ type: "body", id, chunk: copy }, [copy.buffer]);
      };
      req.on("data", exchange.forward);
      req.on("end", () => thread.postMessage({ type: "body-end", id }));
    }
    res.on("close", () => {
      if (!this.exchanges.has(id)) return;
      this.close(id);
      thread.postMessage({ type: "abort", id });
    });
  }

  /** Stores a SCORM commit (or answers that it is too large when `token` is null). */
  commit(token, body) {
    const thread = this.leastBusy();
    return new Promise((resolve, reject) => {
      const id = this.open({ thread, settle: { resolve, reject } });
      thread.postMessage({ type: "commit", id, token, body });
    });
  }

  receive(thread, message) {
    const exchange = this.exchanges.get(message.id);
    if (!exchange) return;
    const { req, res } = exchange;
    switch (message.type) {
      case "head": {
        this.rendered(exchange);
        res.statusCode = message.status;
        for (const [name, value] of message.headers) res.appendHeader(name, value);
        if (message.body === undefined) return;
        this.close(message.id);
        res.end(message.body === null ? undefined : Buffer.from(message.body.buffer, message.body.byteOffset, message.body.byteLength));
        return;
      }
      case "chunk": {
        const more = () => thread.postMessage({ type: "more", id: message.id });
        const chunk = Buffer.from(message.chunk.buffer, message.chunk.byteOffset, message.chunk.byteLength);
        if (res.write(chunk)) more();
        else res.once("drain", more);
        return;
      }
      case "end":
        this.close(message.id);
        res.end();
        return;
      case "pause":
        req.pause();
        return;
      case "resume":
        req.resume();
        return;
      case "failed":
        this.close(message.id);
        if (exchange.settle) return exchange.settle.reject(new Error(message.error));
        console.error(message.error);
        if (!res.headersSent) sendText(res, 500, "The server hit an error. Please try again.");
        else res.destroy();
        return;
      case "answer":
        this.close(message.id);
        exchange.settle.resolve(message.answer);
        return;
    }
  }

  /** Ends the threads once the servers have finished their requests. */
  async stop() {
    this.stopping = true;
    await Promise.all(this.threads.map((thread) => thread.terminate()));
  }
}

/** A render thread: answers the requests the main thread sends it with the Remix build. */
async function startRenderThread() {
  const { createRequestHandler } = await import("@remix-run/node");
  const build = await import(url.pathToFileURL(path.join(buildDir, "server", "index.js")).href);
  const handle = createRequestHandler(build, production ? "production" : "development");
  const { answerCommit, MAX_COMMIT_BYTES, TOO_LARGE } = build.entry.module;
  /** Requests under way by id: their AbortController, request body stream and response flow. */
  const exchanges = new Map();
  const post = (message, transfer) => parentPort.postMessage(message, transfer);

  parentPort.on("message", (message) => {
    const exchange = exchanges.get(message.id);
    switch (message.type) {
      case "request":
        void answer(message);
        return;
      case "commit":
        (message.token === null ? Promise.resolve(TOO_LARGE) : answerCommit(message.token, message.body)).then(
          (answer) => post({ type: "answer", id: message.id, answer }),
          (error) => post({ type: "failed", id: message.id, error: error instanceof Error ? error.stack : String(error) }),
        );
        return;
      case "body":
        exchange?.body?.write(message.chunk);
        return;
      case "body-end":
        exchange?.body?.end();
        return;
      case "more":
        exchange?.more?.();
        return;
      case "abort":
        exchange?.abort.abort();
        exchange?.body?.fail();
        exchange?.more?.();
        return;
    }
  });

  async function answer(message) {
    const { id } = message;
    const exchange = { abort: new AbortController(), body: null, more: null };
    exchanges.set(id, exchange);
    try {
      const headers = new Headers();
      for (let i = 0; i < message.headers.length; i += 2) headers.append(message.headers[i], message.headers[i + 1]);
      const body = message.hasBody ? requestBody(id, exchange) : undefined;
      const request = new Request(message.url, {
        method: message.method,
        headers,
        body,
        signal: exchange.abort.signal,
        ...(body ? { duplex: "half" } : {}),
      });
      // A rendered page comes as its bytes (entry.server.tsx), other answers as a body stream.
      let page = null;
      const response = await handle(request, { ...message.context, takePage: (bytes) => (page = bytes) });
      const head = { type: "head", id, status: response.status, headers: responseHeaders(response.headers) };
      if (page && !response.body && request.method !== "HEAD") {
        const whole = ownMemory(page);
        return post({ ...head, body: whole }, [whole.buffer]);
      }
      if (!response.body) return post({ ...head, body: null });
      const reader = response.body.getReader();
      const first = await reader.read();
      if (first.done) return post({ ...head, body: null });
      let next = await reader.read();
      // A page rendered whole (entry.server.tsx) is one chunk: it goes with the head.
      if (next.done) {
        const whole = ownMemory(first.value);
        return post({ ...head, body: whole }, [whole.buffer]);
      }
      post(head);
      let chunk = first;
      while (!chunk.done && !exchange.abort.signal.aborted) {
        const taken = new Promise((resolve) => (exchange.more = resolve));
        const value = ownMemory(chunk.value);
        post({ type: "chunk", id, chunk: value }, [value.buffer]);
        await taken;
        chunk = next;
        if (!chunk.done) next = await reader.read();
      }
      if (exchange.abort.signal.aborted) await reader.cancel();
      else post({ type: "end", id });
    } catch (error) {
      if (!exchange.abort.signal.aborted) post({ type: "failed", id, error: error instanceof Error ? error.stack : String(error) });
    } finally {
      exchanges.delete(id);
    }
  }

  /** The request body as a stream fed by the main thread, which pauses while it is not read. */
  function requestBody(id, exchange) {
    let paused = false;
    let ended = false;
    return new ReadableStream(
      {
        start(controller) {
          exchange.body = {
            write(chunk) {
              if (ended) return;
              controller.enqueue(chunk);
              if (controller.desiredSize <= 0 && !paused) {
                paused = true;
                post({ type: "pause", id });
              }
            },
            end() {
              if (!ended) controller.close();
              ended = true;
            },
            fail() {
              if (!ended) controller.error(new Error("The client left before the request body arrived."));
              ended = true;
            },
          };
        },
        pull() {
          if (paused) {
            paused = false;
            post({ type: "resume", id });
          }
        },
        // The handler stopped reading (an upload too large): the rest is let through and dropped.
        cancel() {
          ended = true;
          if (paused) post({ type: "resume", id });
        },
      },
      { highWaterMark: 1024 * 1024, size: (chunk) => chunk.byteLength },
    );
  }

  post({ type: "ready", maxCommitBytes: MAX_COMMIT_BYTES });
}

/** Response headers as name/value pairs, each Set-Cookie on its own. */
function responseHeaders(headers) {
  const pairs = [];
  for (const [name, value] of headers) if (name !== "set-cookie") pairs.push([name, value]);
  for (const cookie of headers.getSetCookie()) pairs.push(["set-cookie", cookie]);
  return pairs;
}

/**
 * The chunk with memory of its own, which can move to the other thread without a copy. A chunk
 * that is a view into a larger buffer (Node's pool) is copied: its buffer cannot move.
 */
function ownMemory(chunk) {
  return chunk.byteOffset === 0 && chunk.byteLength === chunk.buffer.byteLength ? chunk : chunk.slice();
}

if (isMainThread) {
  await startServer();
} else {
  await startRenderThread();
}
