// The app's emotion client against the real emotion server started here, against
// services answering like Text Embeddings Inference, and against services that are
// down, slow or failing — every fault must end in null (emotion pending), never a throw.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createEmotionClient } from "@/lib/emotion/client";
import type { EmotionBackend } from "@/models/emotion/types";
import { demoEmotionBackend, sendJson, startEmotionServer, unusedPort, withStubService, type RunningServer } from "../../support/emotion-servers";

let backend: EmotionBackend;
let running: RunningServer;

beforeAll(async () => {
  backend = await demoEmotionBackend();
  running = await startEmotionServer({ backend });
});
afterAll(() => running.close());

const TEXTS = [
  "I am furious, you charged me twice and nobody answers",
  "Thank you so much, the agent was wonderful",
  "I am worried my card details were stolen",
  "My account was closed and I lost everything, I feel so down",
];

describe("against the emotion server", () => {
  it("returns the best label, every score and the server's model id, in input order", async () => {
    const client = createEmotionClient({ url: running.url });
    const results = await client.classify(TEXTS);
    expect(results).toHaveLength(TEXTS.length);
    const direct = await backend.classify(TEXTS);
    results!.forEach((r, i) => {
      expect(r.label).toBe(direct[i][0].label);
      expect(r.model).toBe(backend.id);
      expect(Object.keys(r.scores).sort()).toEqual([...backend.labels].sort());
      expect(r.scores[r.label]).toBeCloseTo(direct[i][0].score, 10);
    });
    expect(client.status()).toMatchObject({ configured: true, state: "closed", available: true, consecutiveFailures: 0, lastError: null });
    expect(client.status().lastSuccessAt).toBeInstanceOf(Date);
  });

  it("splits a long list into requests the server accepts (32 inputs each)", async () => {
    const texts = Array.from({ length: 70 }, (_, i) => `${TEXTS[i % TEXTS.length]} (ticket ${i})`);
    const results = await createEmotionClient({ url: running.url }).classify(texts);
    expect(results).toHaveLength(70);
    const last = await backend.classify([texts[69]]);
    expect(results![69].label).toBe(last[0][0].label);
  });

  it("works with the /predict path in Text Embeddings Inference's request shape", async () => {
    const client = createEmotionClient({ url: running.url + "predict" });
    const results = await client.classify(TEXTS.slice(0, 2));
    expect(results?.map((r) => r.label)).toEqual((await backend.classify(TEXTS.slice(0, 2))).map((l) => l[0].label));
  });

  it("makes no request for no texts", async () => {
    await withStubService((_req, _body, res) => sendJson(res, 500, { error: "should not be called" }), async (stub) => {
      expect(await createEmotionClient({ url: stub.url }).classify([])).toEqual([]);
      expect(stub.requests()).toBe(0);
    });
  });
});

describe("other services' answers", () => {
  it("wraps Text Embeddings Inference's flat answer to a single input, and sends TEI's batch shape to /predict", async () => {
    const bodies: unknown[] = [];
    // Answers the way TEI's /predict does: a flat list for one input, lists for a batch.
    await withStubService((_req, body, res) => {
      const { inputs } = JSON.parse(body) as { inputs: string | string[][] };
      bodies.push(JSON.parse(body));
      const one = [{ score: 0.7, label: "joy" }, { score: 0.3, label: "anger" }];
      sendJson(res, 200, typeof inputs === "string" ? one : inputs.map(() => one));
    }, async (tei) => {
      const client = createEmotionClient({ url: tei.url + "predict" });
      expect(await client.classify(["great"])).toEqual([{ label: "joy", scores: { joy: 0.7, anger: 0.3 }, model: tei.url + "predict" }]);
      expect(await client.classify(["a", "b"])).toHaveLength(2);
      expect(bodies).toEqual([{ inputs: "great" }, { inputs: [["a"], ["b"]] }]);
    });
  });

  it("sends the token as a bearer token only when one is configured", async () => {
    const seen: (string | undefined)[] = [];
    await withStubService((req, _body, res) => {
      seen.push(req.headers.authorization);
      sendJson(res, 200, [[{ label: "joy", score: 1 }]]);
    }, async (stub) => {
      await createEmotionClient({ url: stub.url, token: "secret-token-123" }).classify(["hi"]);
      await createEmotionClient({ url: stub.url }).classify(["hi"]);
      expect(seen).toEqual(["Bearer secret-token-123", undefined]);
    });
  });
});

describe("faults end in null, never a throw", () => {
  it("service down (connection refused)", async () => {
    const client = createEmotionClient({ url: `http://127.0.0.1:${await unusedPort()}/` });
    const started = Date.now();
    expect(await client.classify(TEXTS)).toBeNull();
    expect(Date.now() - started).toBeLessThan(1000);
    expect(client.status()).toMatchObject({ state: "closed", consecutiveFailures: 1 });
    expect(client.status().lastError).toMatch(/ECONNREFUSED/);
  });

  it("service slower than the timeout: gives up at the deadline, without a second wait", async () => {
    await withStubService((_req, _body, res) => {
      setTimeout(() => sendJson(res, 200, [[{ label: "joy", score: 1 }]]), 2000);
    }, async (slow) => {
      const client = createEmotionClient({ url: slow.url, timeoutMs: 300 });
      const started = Date.now();
      const outcome = await client.classifyDetailed(["hello"]);
      const elapsed = Date.now() - started;
      expect(outcome).toEqual({ ok: false, reason: "unavailable", message: "no answer within 300 ms" });
      expect(elapsed).toBeGreaterThanOrEqual(290);
      expect(elapsed).toBeLessThan(1500);
      expect(slow.requests()).toBe(1);
    });
  });

  it("service answering 500: one retry, then null", async () => {
    await withStubService((_req, _body, res) => sendJson(res, 500, { error: "CUDA out of memory" }), async (failing) => {
      const client = createEmotionClient({ url: failing.url });
      const outcome = await client.classifyDetailed(["hello"]);
      expect(outcome.ok).toBe(false);
      expect(outcome.ok === false && outcome.message).toMatch(/HTTP 500.*CUDA out of memory/);
      expect(failing.requests()).toBe(2);
    });
  });

  it("service answering 503: bounded retries, not @huggingface/inference's endless ones", async () => {
    await withStubService((_req, _body, res) => sendJson(res, 503, { error: "Model is loading" }), async (loading) => {
      expect(await createEmotionClient({ url: loading.url }).classify(["hello"])).toBeNull();
      expect(loading.requests()).toBe(2);
    });
  });

  it("service answering something that is not a classification", async () => {
    await withStubService((_req, _body, res) => sendJson(res, 200, { generated_text: "hello" }), async (odd) => {
      const outcome = await createEmotionClient({ url: odd.url, retries: 0 }).classifyDetailed(["hello"]);
      expect(outcome).toMatchObject({ ok: false, reason: "unavailable" });
    });
  });

  it("inputs the service refuses are 'rejected', and do not count against the service", async () => {
    const client = createEmotionClient({ url: running.url, failureThreshold: 1 });
    const outcome = await client.classifyDetailed(["fine", "   "]);
    expect(outcome).toMatchObject({ ok: false, reason: "rejected" });
    expect(outcome.ok === false && outcome.message).toMatch(/inputs\[1\] is empty/);
    expect(client.status()).toMatchObject({ state: "closed", available: true, consecutiveFailures: 0 });
  });
});

describe("circuit breaker", () => {
  it("opens after consecutive failures, skips calls while open, closes when the service is back", async () => {
    const port = await unusedPort();
    const client = createEmotionClient({ url: `http://127.0.0.1:${port}/`, failureThreshold: 2, coolDownMs: 400, retries: 0 });
    expect(await client.classify(["a"])).toBeNull();
    expect(client.status().state).toBe("closed");
    expect(await client.classify(["a"])).toBeNull();
    expect(client.status()).toMatchObject({ state: "open", available: false, consecutiveFailures: 2 });
    expect(client.status().retryAt).toBeInstanceOf(Date);

    // The service comes up on the same address while the breaker is open: no call goes out yet.
    const server = await startEmotionServer({ backend }, port);
    try {
      const outcome = await client.classifyDetailed(["a"]);
      expect(outcome).toMatchObject({ ok: false, reason: "unavailable", message: expect.stringMatching(/circuit is open/) });

      // After the cool-down one trial goes through; it succeeds and the breaker closes.
      await new Promise((r) => setTimeout(r, 450));
      const results = await client.classify(["I love you all"]);
      expect(results).toHaveLength(1);
      expect(client.status()).toMatchObject({ state: "closed", available: true, consecutiveFailures: 0, retryAt: null });
    } finally {
      await server.close();
    }
  });

  it("re-opens for another cool-down when the trial fails", async () => {
    await withStubService((_req, _body, res) => sendJson(res, 500, { error: "down" }), async (failing) => {
      const client = createEmotionClient({ url: failing.url, failureThreshold: 1, coolDownMs: 200, retries: 0 });
      await client.classify(["a"]);
      const firstRetryAt = client.status().retryAt!;
      expect(client.status().state).toBe("open");
      await new Promise((r) => setTimeout(r, 250));
      expect(await client.classify(["a"])).toBeNull();
      expect(failing.requests()).toBe(2);
      expect(client.status().state).toBe("open");
      expect(client.status().retryAt!.getTime()).toBeGreaterThan(firstRetryAt.getTime());
    });
  });
});
