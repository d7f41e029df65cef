// GRACEFUL SHUTDOWN of the web server `npm start` runs (server/serve.ts: a cluster primary
// and its Next.js workers, over the production build). start.ts passes SIGTERM to the
// primary alone, which passes it to the workers; this test sends it the same way while a
// request is in flight. The slow request is GET /api/ready, which asks the emotion server's
// /health: here a real HTTP server on loopback stands in for the emotion server, because a
// server that answers its health check only after a second cannot be produced otherwise.
import http from "node:http";
import net from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appEnv, prepareDatabase, recordFigures, startApp, tailLog, type App, type Prepared, suitePort } from "./support/harness";

const PORT = suitePort(60);
/** How long the stand-in emotion server takes to answer: well under /api/ready's 1.5 s limit, and long enough to try a new connection meanwhile. */
const ANSWER_AFTER_MS = 800;

/** Resolves with the error code when a TCP connection to the port cannot be made, or "connected". */
function connect(port: number): Promise<string> {
  return new Promise((resolve) => {
    const socket = net.connect(port, "127.0.0.1");
    socket.once("connect", () => {
      socket.destroy();
      resolve("connected");
    });
    socket.once("error", (e: NodeJS.ErrnoException) => resolve(e.code ?? String(e)));
  });
}

describe("web server shutdown", () => {
  let prepared: Prepared;
  let app: App;
  let emotion: http.Server;
  let healthAsked: () => void;
  const asked = new Promise<void>((resolve) => (healthAsked = resolve));

  beforeAll(async () => {
    prepared = await prepareDatabase({ tasks: 10 });
    emotion = http.createServer((req, res) => {
      if (req.url === "/health") healthAsked();
      setTimeout(() => {
        res.writeHead(200, { "content-type": "application/json" });
        res.end(JSON.stringify({ status: "ok" }));
      }, ANSWER_AFTER_MS);
    });
    await new Promise<void>((resolve) => emotion.listen(0, "127.0.0.1", resolve));
    const emotionUrl = `http://127.0.0.1:${(emotion.address() as net.AddressInfo).port}/`;
    app = await startApp("app", PORT, appEnv(prepared.url, { EMOTION_INFERENCE_URL: emotionUrl, LOG_LEVEL: "info" }), prepared.dir);
  });

  afterAll(async () => {
    await app?.stop();
    emotion?.closeAllConnections();
    await new Promise((resolve) => emotion?.close(resolve));
  });

  it("SIGTERM mid-request: the request gets its normal answer, the server exits 0 and refuses new connections", async () => {
    const started = Date.now();
    const inFlight = fetch(`${app.url}/api/ready`).then(async (res) => ({ status: res.status, body: (await res.json()) as { status: string; checks: Record<string, { status: string }> }, ms: Date.now() - started }));
    // The request is inside the app (it is asking the emotion server) when the signal goes.
    await asked;
    const signalledAt = Date.now() - started;
    app.child.kill("SIGTERM"); // the primary only, as start.ts sends it

    // While the request is still being answered, the port stops taking new connections (the
    // primary passes the signal on and each worker closes its listener: polled, as on a busy
    // machine that takes a variable few hundred ms).
    let answered = false;
    void inFlight.then(() => (answered = true));
    let whileDraining = await connect(PORT);
    while (whileDraining !== "ECONNREFUSED" && !answered) {
      await new Promise((r) => setTimeout(r, 25));
      whileDraining = await connect(PORT);
    }
    const refusedWhileInFlight = !answered;
    const answer = await inFlight;
    expect(whileDraining).toBe("ECONNREFUSED");
    expect(refusedWhileInFlight, "new connections were refused only after the in-flight request was answered").toBe(true);
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    expect(answer.body.status).toBe("ready");
    expect(answer.body.checks.emotion.status).toBe("ok");
    expect(answer.body.checks.database.status).toBe("ok");
    expect(answer.ms).toBeGreaterThanOrEqual(ANSWER_AFTER_MS);

    const exitCode = await Promise.race([app.exited, new Promise((r) => setTimeout(() => r("still running after 15 s"), 15_000))]);
    const exitedAfter = Date.now() - started;
    expect(exitCode, tailLog(app)).toBe(0);
    expect(await connect(PORT)).toBe("ECONNREFUSED");
    recordFigures("web server shutdown", {
      "signal sent (ms into the request)": signalledAt,
      "request answered (ms)": answer.ms,
      "server exited (ms)": exitedAfter,
      outcome: `in-flight GET /api/ready answered ${answer.status} ${answer.body.status}; exit code ${String(exitCode)}; new connections refused`,
    });
  });
});
