// The transformer path end to end: a tiny ONNX model directory built by the test
// (tests/support/tiny-onnx.ts), loaded by transformers.js on onnxruntime-node, served
// by the emotion server and called over HTTP — with the raw protocol and with the
// app's client.
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createEmotionClient } from "@/lib/emotion/client";
import { loadEmotionBackend } from "@/lib/emotion/load-backend";
import { EmotionModelError, loadTransformerBackend } from "@/models/emotion/transformer-backend";
import type { EmotionBackend, LabelScore } from "@/models/emotion/types";
import { postJson, startEmotionServer, type RunningServer } from "../../support/emotion-servers";
import { buildTinyEmotionModel, TINY_MODEL_KEYWORDS, type TinyModel } from "../../support/tiny-onnx";

let model: TinyModel;
let backend: EmotionBackend;
let running: RunningServer;

beforeAll(async () => {
  model = buildTinyEmotionModel();
  backend = await loadTransformerBackend(model.dir);
  running = await startEmotionServer({ backend });
});
afterAll(async () => {
  await running?.close();
  await backend?.close?.();
  fs.rmSync(model.dir, { recursive: true, force: true });
});

describe("transformer backend through the emotion server", () => {
  it("reports the model's labels and kind", async () => {
    expect(backend.labels).toEqual(Object.keys(TINY_MODEL_KEYWORDS));
    const info = (await (await fetch(running.url + "info")).json()) as Record<string, unknown>;
    expect(info).toMatchObject({ model_id: "tiny-albert-emotion-test", backend: "transformer", labels: Object.keys(TINY_MODEL_KEYWORDS) });
  });

  it("classifies text by the words the model knows", async () => {
    const res = await postJson(running.url, {
      inputs: ["I am so happy with the new plan", "this made me furious", "I am scared and worried about the bill", "wow, I was shocked"],
    });
    expect(res.status).toBe(200);
    const lists = res.body as LabelScore[][];
    expect(lists.map((l) => l[0].label)).toEqual(["joy", "anger", "fear", "surprise"]);
    for (const list of lists) {
      expect(list).toHaveLength(6);
      expect(list.reduce((a, s) => a + s.score, 0)).toBeCloseTo(1, 5);
    }
    // Two fear keywords weigh more than one joy keyword.
    expect(lists[2][0].score).toBeGreaterThan(lists[0][0].score);
  });

  it("gives a text without known words an even distribution", async () => {
    const res = await postJson(running.url, { inputs: "the invoice number is 4471" });
    const [list] = res.body as LabelScore[][];
    expect(list).toHaveLength(6);
    for (const s of list) expect(s.score).toBeCloseTo(1 / 6, 5);
  });

  it("serves the app's client, with the model id from the server", async () => {
    const client = createEmotionClient({ url: running.url, timeoutMs: 5000 });
    const results = await client.classify(["I adore this, lovely people", "so sad and heartbroken"]);
    expect(results?.map((r) => r.label)).toEqual(["love", "sadness"]);
    expect(results?.[0].model).toBe("tiny-albert-emotion-test");
    expect(Object.keys(results![0].scores).sort()).toEqual([...backend.labels].sort());
  });
});

describe("loading", () => {
  it("names labels of a model that only says LABEL_n, when given names", async () => {
    const anonymous = buildTinyEmotionModel({ anonymousLabels: true });
    try {
      const plain = await loadTransformerBackend(anonymous.dir);
      expect(plain.labels).toEqual(["LABEL_0", "LABEL_1", "LABEL_2", "LABEL_3", "LABEL_4", "LABEL_5"]);
      const named = await loadEmotionBackend({
        EMOTION_MODEL_DIR: anonymous.dir,
        EMOTION_LABELS: Object.keys(TINY_MODEL_KEYWORDS),
        EMOTION_BUILTIN_MODEL: "unused.json",
        EMOTION_DEMO_EXAMPLES: 100,
      });
      expect(named.backend.labels).toEqual(Object.keys(TINY_MODEL_KEYWORDS));
      const [scores] = await named.backend.classify(["I am angry"]);
      expect(scores[0].label).toBe("anger");
    } finally {
      fs.rmSync(anonymous.dir, { recursive: true, force: true });
    }
  });

  it("refuses expected labels the model does not have", async () => {
    await expect(loadTransformerBackend(model.dir, { labels: ["joy", "sadness"] })).rejects.toThrow(/differ from the expected ones/);
  });

  it("names the missing file instead of transformers.js's misleading errors", async () => {
    const broken = buildTinyEmotionModel();
    try {
      fs.rmSync(path.join(broken.dir, "tokenizer_config.json"));
      await expect(loadTransformerBackend(broken.dir)).rejects.toThrow(EmotionModelError);
      await expect(loadTransformerBackend(broken.dir)).rejects.toThrow(/has no tokenizer_config\.json/);
      fs.rmSync(path.join(broken.dir, "onnx"), { recursive: true });
      await expect(loadTransformerBackend(broken.dir)).rejects.toThrow(/has no tokenizer_config\.json, onnx\/model\.onnx$/);
    } finally {
      fs.rmSync(broken.dir, { recursive: true, force: true });
    }
  });
});
