// The production HTTP server: Express in front of the Remix build. It adds what every response
// needs (security headers, a CSP nonce, the origin check against cross-site form posts) and
// serves the built assets. Start it with `npm run serve` after `npm run build`.
import cluster from "node:cluster";
import crypto from "node:crypto";
import os from "node:os";
import path from "node:path";
import url from "node:url";

const here = path.dirname(url.fileURLToPath(import.meta.url));
const buildDir = path.resolve(here, process.env.BUILD_DIR || "build");
const port = Number(process.env.PORT || 3000);
const host = process.env.HOST || "127.0.0.1";
// Imported packages are served from a second origin (see docs/decisions/006-scorm-delivery.md):
// this port answers only /content/… and the app port never does.
const contentPort = Number(process.env.CONTENT_PORT || port + 1);
const contentHost = process.env.CONTENT_ORIGIN ? new URL(process.env.CONTENT_ORIGIN).host : null;
const production = process.env.NODE_ENV === "production";
// One worker per core (WEB_CONCURRENCY overrides): rendering is CPU-bound, and SQLite in WAL
// mode serves several processes. The primary only keeps the workers running.
const workers = Number(process.env.WEB_CONCURRENCY || Math.min(os.availableParallelism(), 4));

if (cluster.isPrimary && workers > 1) {
  superviseWorkers();
} else {
  await startWorker();
}

function superviseWorkers() {
  for (let i = 0; i < workers; i += 1) cluster.fork();
  let stopping = false;
  cluster.on("exit", (worker, code) => {
    if (stopping) {
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0);
      return;
    }
    console.error(`Worker ${worker.process.pid} exited with code ${code}; starting another.`);
    cluster.fork();
  });
  for (const signal of ["SIGTERM", "SIGINT"]) {
    process.once(signal, () => {
      stopping = true;
      for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill(signal);
      setTimeout(() => process.exit(0), 6_000).unref();
    });
  }
}

function isContentRequest(req) {
  return req.socket.localPort === contentPort || (contentHost !== null && req.get("host") === contentHost);
}

/** The content origin answers only /content/… (without cookies); the app origin never does. */
function separateOrigins(req, res, next) {
  const content = isContentRequest(req);
  if (content !== req.path.startsWith("/content/")) {
    res.status(404).type("text/plain").send("Not found.");
    return;
  }
  if (content) delete req.headers.cookie;
  next();
}

function contentOriginFor(req) {
  return process.env.CONTENT_ORIGIN ?? `${req.protocol}://${req.hostname}:${contentPort}`;
}

/** The middleware; `onHeaders` is the on-headers package, which only the workers load. */
function securityHeaders(onHeaders) {
  return (req, res, next) => {
    const nonce = crypto.randomBytes(16).toString("base64");
    res.locals.cspNonce = nonce;
    const content = isContentRequest(req);
    // Routes may set their own policy (the content routes do, for imported packages);
    // everything else gets these defaults, decided just before the headers go out.
    onHeaders(res, function setDefaults() {
      const defaults = {
        "Content-Security-Policy": [
          "default-src 'self'",
          `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'`,
          "style-src 'self' 'unsafe-inline'",
          "img-src 'self' data: blob:",
          "font-src 'self'",
          "connect-src 'self'",
          `frame-src 'self' ${contentOriginFor(req)}`,
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
      if (production && req.secure) {
        defaults["Strict-Transport-Security"] = "max-age=31536000; includeSubDomains";
      }
      // Content is framed by the app origin: its own frame-ancestors policy decides, not X-Frame-Options.
      if (content) delete defaults["X-Frame-Options"];
      for (const [name, value] of Object.entries(defaults)) {
        if (!this.getHeader(name)) this.setHeader(name, value);
      }
    });
    next();
  };
}

// State-changing requests must come from this site's own pages (sameSite cookies do the rest).
function sameOriginPosts(req, res, next) {
  if (["GET", "HEAD", "OPTIONS"].includes(req.method)) return next();
  const origin = req.get("origin");
  if (origin === undefined) return next();
  const expected = `${req.protocol}://${req.get("host")}`;
  if (origin !== expected && origin !== process.env.PUBLIC_URL) {
    res.status(403).type("text/plain").send("Forbidden: this request came from another site.");
    return;
  }
  next();
}

async function startWorker() {
  // Loaded here, not at the top: the primary only supervises and needs none of them.
  const [{ createRequestHandler }, { default: compression }, { default: express }, { default: onHeaders }] = await Promise.all([
    import("@remix-run/express"),
    import("compression"),
    import("express"),
    import("on-headers"),
  ]);
  const app = express();
  app.disable("x-powered-by");
  app.set("trust proxy", process.env.TRUST_PROXY === "1" ? 1 : false);
  app.use(separateOrigins);
  app.use(compression());
  app.use(securityHeaders(onHeaders));
  app.use(sameOriginPosts);

  app.use(
    "/assets",
    express.static(path.join(buildDir, "client", "assets"), { immutable: true, maxAge: "1y" }),
  );
  const publicFiles = express.static(path.join(buildDir, "client"), { maxAge: "1h", index: false });
  // Only paths that name a file (favicon.svg, robots.txt) can be public files.
  app.use((req, res, next) => (/\.[a-z0-9]+$/i.test(req.path) ? publicFiles(req, res, next) : next()));

  const build = await import(url.pathToFileURL(path.join(buildDir, "server", "index.js")).href);
  // SCORM commits are the most frequent request while a class is at work: they are answered
  // here, by the same code as the Remix route, without its request pipeline (a Fetch Request,
  // route matching, single-fetch encoding), which costs more than storing the commit.
  const { answerCommit, MAX_COMMIT_BYTES, TOO_LARGE } = build.entry.module;
  app.post("/content/:token/__commit", (req, res, next) => {
    const reply = (answer) => res.status(answer.status).set(answer.headers).json(answer.body);
    if (Number(req.get("content-length") ?? 0) > MAX_COMMIT_BYTES) return reply(TOO_LARGE);
    const chunks = [];
    let size = 0;
    req.on("data", (chunk) => {
      size += chunk.length;
      if (size <= MAX_COMMIT_BYTES) chunks.push(chunk);
    });
    req.on("end", () => {
      if (size > MAX_COMMIT_BYTES) return reply(TOO_LARGE);
      answerCommit(req.params.token, Buffer.concat(chunks).toString("utf8")).then(reply, next);
    });
    req.on("error", next);
  });
  app.all(
    "*",
    createRequestHandler({
      build,
      mode: production ? "production" : "development",
      getLoadContext: (req, res) => ({ cspNonce: res.locals.cspNonce, clientIp: req.ip ?? "unknown" }),
    }),
  );

  const servers = [port, contentPort].map((listenPort) =>
    app.listen(listenPort, host, () => {
      if (listenPort === port && (!cluster.isWorker || cluster.worker?.id === 1)) {
        console.log(`Vademecum is listening on http://${host}:${port} (content on port ${contentPort})`);
      }
    }),
  );

  // Finish the requests under way, then exit: a restart loses no learner's commit.
  for (const signal of ["SIGTERM", "SIGINT"]) {
    process.once(signal, () => {
      let open = servers.length;
      for (const server of servers) {
        server.close(() => {
          open -= 1;
          if (open === 0) process.exit(0);
        });
        server.closeIdleConnections();
      }
      setTimeout(() => process.exit(0), 5_000).unref();
    });
  }
}
