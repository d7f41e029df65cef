// Serves the production build with several Next.js processes sharing one port (Node's
// cluster module), what `npm start` runs. One Next.js process uses one core: its own
// request handling costs about a millisecond per request, so a single process caps the
// API far below what the machine can do. Each worker is an ordinary Next.js server (the
// documented custom-server API, no custom routing); the primary only forks and restarts.
//
//   tsx server/serve.ts [-p PORT] [-H HOST]      WEB_CONCURRENCY=N (default: one per core)
//
// State that lives in a process is per worker, exactly as with several app instances:
// the per-key rate limit, the active-model cache (re-checked every 2 s) and the cache of
// verified API keys (2 s). Everything else is in the database.
//
// Three requests Next.js itself would answer with a bare 500 get a JSON 4xx here instead: a
// path whose %-escapes are not UTF-8 (400), a page POST declaring a body over the 1 MB
// that server actions accept (413), and a page POST whose multipart body cannot be parsed
// (400; only multipart page posts are buffered for that check). /api/v1 checks its own bodies. A request Node's parser
// refuses (headers over 16 KB: 431) is answered in JSON too, and without resetting a client
// that is still sending its body (server/refusals.ts).
//
// X-Forwarded-For is replaced by the connection's address, so a client cannot pick the
// address that sign-in throttling and the feedback form's limit count against
// (lib/platform/client-address.ts). Behind a reverse proxy that sets it, TRUST_PROXY=true keeps it.
import cluster from "node:cluster";
import http from "node:http";
import os from "node:os";
import next from "next";
import { parseEnv } from "@/lib/platform/env";
import { formatUsage, parseFlags, type FlagSpecs } from "../scripts/cli-args";
import { answer, answerClientError, checkMultipartPagePost, refusal } from "./refusals";

// The same flags as `next start`.
const FLAGS = {
  port: { type: "number", integer: true, min: 0, short: "p", help: "port to listen on (default PORT, else 3000)" },
  hostname: { type: "string", short: "H", help: "address to listen on (default HOST, else 127.0.0.1)" },
} satisfies FlagSpecs;

function readFlags() {
  try {
    return parseFlags(process.argv.slice(2), FLAGS);
  } catch (error) {
    process.stderr.write(`error: ${(error as Error).message}\n\n${formatUsage("tsx server/serve.ts [-p PORT] [-H HOST]", FLAGS)}\n`);
    process.exit(2);
  }
}

const flags = readFlags();
const port = flags.port ?? Number(process.env.PORT ?? "3000");
const hostname = flags.hostname ?? process.env.HOST ?? "127.0.0.1";
const workers = Math.max(1, Number(process.env.WEB_CONCURRENCY) || os.availableParallelism());
const GRACE_MS = 10_000;
const QUICK_EXIT_MS = 30_000;
const MAX_QUICK_EXITS = 3;
const trustProxy = parseEnv().TRUST_PROXY;

if (cluster.isPrimary) {
  let stopping = false;
  let exitCode = 0;
  let running = 0;
  // A worker that dies soon after it started will most likely die again (port taken, bad
  // build): after a few such exits in a row the server gives up, so npm start stops too
  // instead of serving nothing.
  let quickExitsInARow = 0;
  const started = new Map<number, number>();
  const fork = () => {
    const worker = cluster.fork();
    started.set(worker.id, Date.now());
    running++;
  };
  for (let i = 0; i < workers; i++) fork();
  cluster.on("exit", (worker, code, signal) => {
    running--;
    const lived = Date.now() - (started.get(worker.id) ?? 0);
    started.delete(worker.id);
    if (stopping) {
      if (running === 0) process.exit(exitCode);
      return;
    }
    quickExitsInARow = lived < QUICK_EXIT_MS ? quickExitsInARow + 1 : 0;
    const line = { time: new Date().toISOString(), level: "error", code, signal, livedMs: lived };
    if (quickExitsInARow >= MAX_QUICK_EXITS) {
      console.error(JSON.stringify({ ...line, message: `web workers keep exiting at start (${quickExitsInARow} in a row); stopping` }));
      stopping = true;
      exitCode = 1;
      for (const other of Object.values(cluster.workers ?? {})) other?.process.kill("SIGTERM");
      setTimeout(() => process.exit(1), GRACE_MS).unref();
      if (running === 0) process.exit(1);
      return;
    }
    // A crashed worker is replaced; the others keep serving meanwhile.
    console.error(JSON.stringify({ ...line, message: "web worker exited; starting another" }));
    fork();
  });
  const stop = () => {
    if (stopping) return;
    stopping = true;
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill("SIGTERM");
    setTimeout(() => process.exit(0), GRACE_MS + 1000).unref();
  };
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
} else {
  const app = next({ dev: false, dir: process.cwd(), hostname, port });
  const handle = app.getRequestHandler();
  await app.prepare();
  const server = http.createServer((req, res) => {
    if (!trustProxy) {
      req.headers["x-forwarded-for"] = req.socket.remoteAddress ?? "";
      delete req.headers["x-real-ip"];
    }
    const refused = refusal(req);
    if (refused) {
      // Node discards an unread request body.
      answer(res, refused);
      return;
    }
    if (checkMultipartPagePost(req, res, handle)) return;
    void handle(req, res);
  });
  server.on("clientError", answerClientError);
  // Idle keep-alive sockets must not hold a shutdown open; in-flight requests finish.
  server.keepAliveTimeout = 5000;
  server.listen(port, hostname);
  const stop = () => {
    server.close(() => process.exit(0));
    server.closeIdleConnections();
    setTimeout(() => process.exit(0), GRACE_MS).unref();
  };
  process.on("SIGTERM", stop);
  process.on("SIGINT", () => {}); // the primary decides; Ctrl+C reaches every process of the group
}
