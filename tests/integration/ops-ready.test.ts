// /api/ready against a real database and real HTTP servers on loopback: the project's
// own emotion server, and stand-in servers for states we cannot otherwise produce on
// demand (answering 500, hanging). The load balancer relies on the status code; the
// operator on the body naming the failed check without revealing where anything lives.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { closeDb } from "@/db/client";
import { resetEnvCache } from "@/lib/platform/env";
import { checkEmotionServer } from "@/lib/ops/readiness";
import { GET as ready } from "@/app/api/ready/route";
import { GET as health } from "@/app/api/health/route";
import { useFreshDatabase } from "../support/temp-db";
import { sendJson, startEmotionServer, startStubService, unusedPort, type RunningServer } from "../support/emotion-servers";

let databaseUrl: string;
let emotionServer: RunningServer;
const opened: RunningServer[] = [];

beforeAll(async () => {
  ({ url: databaseUrl } = await useFreshDatabase());
  emotionServer = await startEmotionServer();
});

afterAll(async () => {
  await emotionServer.close();
  delete process.env.EMOTION_INFERENCE_URL;
  delete process.env.EMOTION_INFERENCE_TOKEN;
  resetEnvCache();
});

afterEach(async () => {
  await Promise.all(opened.splice(0).map((s) => s.close()));
  process.env.DATABASE_URL = databaseUrl;
  closeDb();
});

async function readyWith(settings: Record<string, string | undefined>) {
  for (const [k, v] of Object.entries(settings)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  resetEnvCache();
  const response = await ready();
  const text = await response.text();
  return { status: response.status, text, body: JSON.parse(text), headers: response.headers };
}

describe("/api/ready", () => {
  it("answers 200 with each check ok when the database and the emotion server answer", async () => {
    const { status, body, headers } = await readyWith({ EMOTION_INFERENCE_URL: emotionServer.url });
    expect(status).toBe(200);
    expect(body.status).toBe("ready");
    expect(body.checks.database.status).toBe("ok");
    expect(body.checks.emotion.status).toBe("ok");
    expect(headers.get("cache-control")).toBe("no-store");
  });

  it("answers 503 naming the emotion server when it is down, without its address", async () => {
    const port = await unusedPort();
    const { status, body, text } = await readyWith({ EMOTION_INFERENCE_URL: `http://127.0.0.1:${port}/` });
    expect(status).toBe(503);
    expect(body.status).toBe("not_ready");
    expect(body.checks.database.status).toBe("ok");
    expect(body.checks.emotion).toMatchObject({ status: "failed", error: "unreachable" });
    expect(text).not.toContain(String(port));
  });

  it("answers 503 when the emotion server answers its health check with an error; the token never shows", async () => {
    let seenAuthorization: string | undefined;
    const failing = await startStubService((req, _body, res) => {
      seenAuthorization = req.headers.authorization;
      sendJson(res, 500, { error: "model not loaded" });
    });
    opened.push(failing);
    const { status, body, text } = await readyWith({ EMOTION_INFERENCE_URL: `${failing.url}predict`, EMOTION_INFERENCE_TOKEN: "hf_secret_token_value" });
    expect(status).toBe(503);
    expect(body.checks.emotion).toMatchObject({ status: "failed", error: "answered HTTP 500" });
    // The server's own health path was asked, with the configured credentials.
    expect(seenAuthorization).toBe("Bearer hf_secret_token_value");
    expect(text).not.toContain("hf_secret_token_value");
  });

  it("answers 503 naming the database when it cannot be reached", async () => {
    const port = await unusedPort();
    closeDb();
    const { status, body, text } = await readyWith({
      DATABASE_URL: `http://127.0.0.1:${port}`,
      EMOTION_INFERENCE_URL: emotionServer.url,
      EMOTION_INFERENCE_TOKEN: undefined,
    });
    expect(status).toBe(503);
    expect(body.checks.database.status).toBe("failed");
    expect(body.checks.emotion.status).toBe("ok");
    expect(text).not.toContain(String(port));
  });

  it("is ready with emotions switched off (no emotion server configured)", async () => {
    const { status, body } = await readyWith({ EMOTION_INFERENCE_URL: undefined, EMOTION_INFERENCE_TOKEN: undefined });
    expect(status).toBe(200);
    expect(body.checks.emotion).toEqual({ status: "disabled" });
  });
});

describe("emotion server check", () => {
  it("gives up on a server that accepts the connection but never answers", async () => {
    const hanging = await startStubService(() => new Promise(() => {}));
    opened.push(hanging);
    const result = await checkEmotionServer(hanging.url, { timeoutMs: 200 });
    expect(result).toMatchObject({ status: "failed", error: "no answer within 200 ms" });
  });
});

describe("/api/health", () => {
  it("answers 200 without touching the database or the emotion server", async () => {
    const response = health();
    expect(response.status).toBe(200);
    expect((await response.json()).status).toBe("ok");
  });
});
