// The emotion server's HTTP protocol, over real HTTP against the built-in model.
import http from "node:http";
import { textClassification } from "@huggingface/inference";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createEmotionServer, shutdownServer } from "@/models/emotion/server";
import type { EmotionBackend, LabelScore } from "@/models/emotion/types";
import { demoEmotionBackend, listen, postJson, startEmotionServer, type RunningServer } from "../../support/emotion-servers";

let running: RunningServer;
let backend: EmotionBackend;

beforeAll(async () => {
  backend = await demoEmotionBackend();
  running = await startEmotionServer({ backend, maxInputChars: 500, maxBodyBytes: 64 * 1024 });
});
afterAll(() => running.close());

function expectSortedDistribution(list: LabelScore[], labels: readonly string[]) {
  expect(list.map((s) => s.label).sort()).toEqual([...labels].sort());
  for (let i = 1; i < list.length; i++) expect(list[i - 1].score).toBeGreaterThanOrEqual(list[i].score);
  expect(list.reduce((a, s) => a + s.score, 0)).toBeCloseTo(1, 6);
}

describe("POST / and /predict", () => {
  it("answers a single string with one nested list of every label, sorted", async () => {
    const res = await postJson(running.url, { inputs: "I am furious, you charged me twice and nobody answers!" });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/json");
    expect(res.headers.get("x-model-id")).toBe(backend.id);
    const body = res.body as LabelScore[][];
    expect(body).toHaveLength(1);
    expectSortedDistribution(body[0], backend.labels);
    expect(body[0][0].label).toBe("anger");
  });

  it("answers a batch with one list per input, in input order, on both paths", async () => {
    const inputs = ["Thank you so much, you were wonderful and I love this service", "I am worried my payment will bounce and I am scared"];
    for (const path of ["", "predict"]) {
      const res = await postJson(running.url + path, { inputs });
      expect(res.status).toBe(200);
      const body = res.body as LabelScore[][];
      expect(body).toHaveLength(2);
      body.forEach((list) => expectSortedDistribution(list, backend.labels));
      expect(["joy", "love"]).toContain(body[0][0].label);
      expect(body[1][0].label).toBe("fear");
    }
  });

  it("accepts Text Embeddings Inference's batch shape [[text], [text]]", async () => {
    const hf = await postJson(running.url, { inputs: ["a late refund", "great work"] });
    const tei = await postJson(running.url + "predict", { inputs: [["a late refund"], ["great work"]] });
    expect(tei.status).toBe(200);
    expect(tei.body).toEqual(hf.body);
  });

  it("limits each list to top_k; null or a large top_k returns every label", async () => {
    const one = await postJson(running.url, { inputs: ["x y z", "thanks"], parameters: { top_k: 1 } });
    expect((one.body as LabelScore[][]).map((l) => l.length)).toEqual([1, 1]);
    const two = await postJson(running.url, { inputs: "thanks", parameters: { top_k: 2 } });
    expect((two.body as LabelScore[][])[0]).toHaveLength(2);
    for (const topK of [null, 100]) {
      const all = await postJson(running.url, { inputs: "thanks", parameters: { top_k: topK } });
      expect((all.body as LabelScore[][])[0]).toHaveLength(backend.labels.length);
    }
  });

  it("is what @huggingface/inference's textClassification expects", async () => {
    const out = await textClassification({ endpointUrl: running.url, inputs: "Why was I charged twice? This is outrageous." }, { retry_on_error: false });
    expect(out).toHaveLength(backend.labels.length);
    // Every label once, best first: the client reads the nested [[{label, score}]] answer as it is.
    expect(out.map((o) => o.label).sort()).toEqual([...backend.labels].sort());
    expect(out.map((o) => o.score)).toEqual([...out.map((o) => o.score)].sort((a, b) => b - a));
  });
});

describe("errors", () => {
  const cases: [string, unknown, number, RegExp][] = [
    ["malformed JSON", "{not json", 400, /malformed JSON/],
    ["missing inputs", { text: "hi" }, 422, /missing "inputs"/],
    ["a number as inputs", { inputs: 42 }, 422, /string or an array/],
    ["an empty batch", { inputs: [] }, 422, /empty array/],
    ["an empty text", { inputs: ["fine", "   "] }, 422, /inputs\[1\] is empty/],
    ["a non-string in the batch", { inputs: ["fine", 3] }, 422, /inputs\[1\] must be a string/],
    ["a sentence pair", { inputs: [["a", "b"]] }, 422, /sentence pair/],
    ["a bad top_k", { inputs: "hi", parameters: { top_k: 0 } }, 422, /top_k/],
    ["a JSON array body", ["hi"], 422, /JSON object/],
    ["a batch over the limit", { inputs: Array.from({ length: 33 }, (_, i) => `text ${i}`) }, 413, /batch of 33 inputs exceeds the limit of 32/],
    ["a text over the limit", { inputs: ["ok", "x".repeat(501)] }, 413, /inputs\[1\] is 501 characters long; the limit is 500/],
    ["a body over the byte limit", { inputs: "x".repeat(70 * 1024) }, 413, /request body exceeds 65536 bytes/],
  ];
  it.each(cases)("rejects %s", async (_name, body, status, message) => {
    const res = await postJson(running.url, body);
    expect(res.status).toBe(status);
    expect((res.body as { error: string }).error).toMatch(message);
  });

  it("rejects a body that is not JSON by content type with 415", async () => {
    const res = await fetch(running.url, { method: "POST", headers: { "content-type": "text/plain" }, body: '{"inputs":"hi"}' });
    expect(res.status).toBe(415);
    expect(((await res.json()) as { error: string }).error).toMatch(/application\/json/);
    const form = await fetch(running.url, { method: "POST", body: new URLSearchParams({ inputs: "hi" }) });
    expect(form.status).toBe(415);
  });

  it("answers unknown routes with 404 and wrong methods with 405", async () => {
    expect((await fetch(running.url + "nope")).status).toBe(404);
    expect((await fetch(running.url)).status).toBe(405);
    const res = await fetch(running.url + "health", { method: "POST" });
    expect(res.status).toBe(405);
    expect(res.headers.get("allow")).toContain("GET");
  });

  it("answers 500 with a JSON error when the model fails, and keeps serving", async () => {
    // A real EmotionBackend whose model throws — the one fault a healthy model cannot be made to show.
    const failing = await listen(
      createEmotionServer({
        backend: { id: "broken", kind: "builtin", labels: ["a", "b"], classify: () => Promise.reject(new Error("onnx session lost")) },
      }),
    );
    try {
      const res = await postJson(failing.url, { inputs: "hi" });
      expect(res.status).toBe(500);
      expect(res.body).toEqual({ error: "the emotion model failed on this request", error_type: "backend" });
      expect((await fetch(failing.url + "health")).status).toBe(200);
    } finally {
      await failing.close();
    }
  });
});

describe("GET /health and /info", () => {
  it("reports health", async () => {
    const res = await fetch(running.url + "health");
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: "ok" });
  });

  it("describes the model and the limits", async () => {
    const res = await fetch(running.url + "info");
    expect(await res.json()).toMatchObject({
      model_id: backend.id,
      labels: [...backend.labels],
      backend: "builtin",
      max_input_length: 500,
      max_batch: 32,
    });
  });
});

describe("shutdown", () => {
  it("finishes a request in flight, then refuses new connections", async () => {
    const slow: EmotionBackend = {
      ...backend,
      classify: async (texts) => {
        await new Promise((r) => setTimeout(r, 300));
        return backend.classify(texts);
      },
    };
    const target = await listen(createEmotionServer({ backend: slow }));
    const inFlight = postJson(target.url, { inputs: "where is my refund" });
    await new Promise((r) => setTimeout(r, 50));
    const closed = shutdownServer(target.server, 5000);
    const res = await inFlight;
    expect(res.status).toBe(200);
    await closed;
    expect(target.server.listening).toBe(false);
    await expect(
      new Promise((resolve, reject) => http.get(target.url + "health", resolve).on("error", reject)),
    ).rejects.toMatchObject({ code: "ECONNREFUSED" });
  });
});
