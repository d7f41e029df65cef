import { beforeAll, describe, expect, it } from "vitest";
import {
  ALGORITHMS,
  loadClassifier,
  loadClassifierAsync,
  MAX_TEXT_LENGTH,
  ModelArtifactError,
  ModelInputError,
  prepareAlgorithm,
  trainClassifier,
  trainClassifierAsync,
  type Algorithm,
  type TextClassifier,
} from "@/models/classifier";
import { THREE_CLASS, TWO_CLASS } from "./fixtures";

const QUERIES = [
  "great support, thank you",
  "terrible and rude, worst ever",
  "how do I change my seat",
  "not great, not terrible",
  "completely unrelated words here",
];

// Small-data settings: the dense models' default minimum document frequency
// and leaf sizes are meant for thousands of messages.
const SMALL_DATA_PARAMS: Partial<Record<Algorithm, Record<string, number | string | boolean>>> = {
  logreg: { minDf: 1, steps: 300 },
  tree: { minDf: 1, minSamples: 1 },
  xgboost: { minDf: 1, rounds: 30, maxDepth: 3 },
};

beforeAll(async () => {
  await prepareAlgorithm("xgboost");
});

describe.each(ALGORITHMS.map((a) => a.id))("algorithm %s", (algorithm) => {
  let model: TextClassifier;

  beforeAll(() => {
    model = trainClassifier(THREE_CLASS.texts, THREE_CLASS.labels, { algorithm, params: SMALL_DATA_PARAMS[algorithm] });
    return () => model.dispose?.();
  });

  it("trains and predicts the training messages", () => {
    expect(model.algorithm).toBe(algorithm);
    expect(model.labels).toEqual(["negative", "neutral", "positive"]);
    const predicted = model.predictBatch(THREE_CLASS.texts).map((p) => p.label);
    const correct = predicted.filter((l, i) => l === THREE_CLASS.labels[i]).length;
    expect(correct / predicted.length).toBeGreaterThanOrEqual(0.75);
  });

  it("returns probabilities that sum to 1 and a matching confidence", () => {
    for (const q of QUERIES) {
      const p = model.predict(q);
      const values = Object.values(p.scores);
      expect(Object.keys(p.scores).sort()).toEqual(model.labels);
      expect(values.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 6);
      expect(p.confidence).toBe(Math.max(...values));
      expect(p.scores[p.label]).toBe(p.confidence);
    }
  });

  it("predictBatch equals predict one at a time", () => {
    expect(model.predictBatch(QUERIES)).toEqual(QUERIES.map((q) => model.predict(q)));
  });

  it("round-trips through serialize/loadClassifier with identical predictions", () => {
    const artifact = model.serialize();
    const parsed = JSON.parse(artifact);
    expect(parsed.version).toBe(1);
    expect(parsed.algorithm).toBe(algorithm);
    expect(parsed.tokenizer.negation).toBe(true);
    const loaded = loadClassifier(artifact);
    try {
      expect(loaded.labels).toEqual(model.labels);
      expect(loaded.predictBatch(QUERIES)).toEqual(model.predictBatch(QUERIES));
      expect(loaded.serialize()).toBe(artifact);
    } finally {
      loaded.dispose?.();
    }
  });

  it("lists informative features per class", () => {
    const top = model.topFeatures(3);
    expect(Object.keys(top).sort()).toEqual(model.labels);
    for (const list of Object.values(top)) {
      expect(list).toHaveLength(3);
      for (let i = 1; i < list.length; i++) expect(list[i - 1].weight).toBeGreaterThanOrEqual(list[i].weight);
    }
  });

  it("explains with words of the text and their spans", () => {
    const text = "The agent was RUDE and the service terrible";
    const explanation = model.explain(text, 5);
    expect(explanation.length).toBeGreaterThan(0);
    for (const e of explanation) {
      expect(text.slice(e.start, e.end)).toBe(e.text);
      expect(model.labels).toContain(e.label);
      expect(e.weight).toBeGreaterThan(0);
    }
  });
});

describe("sparse linear models", () => {
  it("explain names the words that push towards the predicted class", () => {
    const model = trainClassifier(TWO_CLASS.texts, TWO_CLASS.labels, { algorithm: "nb" });
    const text = "Rude agent, TERRIBLE service!";
    const prediction = model.predict(text);
    expect(prediction.label).toBe("negative");
    const towardsPredicted = model.explain(text, 10).filter((e) => e.label === "negative");
    expect(towardsPredicted.length).toBeGreaterThan(0);
    const words = towardsPredicted.map((e) => e.text.toLowerCase());
    expect(words).toContain("terrible");
    expect(words).toContain("rude");
    const terrible = towardsPredicted.find((e) => e.feature === "terrible")!;
    expect(text.slice(terrible.start, terrible.end)).toBe("TERRIBLE");
    // Sorted strongest first.
    const all = model.explain(text, 10);
    for (let i = 1; i < all.length; i++) expect(all[i - 1].weight).toBeGreaterThanOrEqual(all[i].weight);
  });

  it("explain marks words, not word pairs, and gives at most `max` marks", () => {
    // Word pairs are kept from their first occurrence here (default: 2), so "worst support" is a feature.
    const model = trainClassifier(TWO_CLASS.texts, TWO_CLASS.labels, { algorithm: "nb", params: { bigramMinDf: 1 } });
    const text = "worst support, really awful and rude";
    const all = model.explain(text, 20);
    expect(all.map((e) => e.text)).toEqual(expect.arrayContaining(["worst", "awful", "rude"]));
    for (const e of all) expect(e.text).not.toContain(" ");
    expect(model.explain(text, 1)).toHaveLength(1);
    expect(model.explain(text, 1)[0]).toEqual(all[0]);
  });

  it("marks negated words: 'not happy' is not evidence for positive", () => {
    const texts = [...TWO_CLASS.texts, "not happy at all", "I am not happy", "not happy with the delay"];
    const labels = [...TWO_CLASS.labels, "negative", "negative", "negative"];
    const model = trainClassifier(texts, labels, { algorithm: "nb" });
    expect(model.predict("very happy").label).toBe("positive");
    expect(model.predict("not happy").label).toBe("negative");
    // The negation is marked with its word, as one mark; "happy" alone never is.
    const marks = model.explain("not happy");
    expect(marks.map((e) => [e.text, e.label])).toContainEqual(["not happy", "negative"]);
    expect(marks.some((e) => e.text === "happy" || e.text === "not")).toBe(false);
  });

  it("calibration softens naive Bayes confidences", () => {
    const raw = trainClassifier(THREE_CLASS.texts, THREE_CLASS.labels, { algorithm: "nb", params: { calibrate: false, tuneBias: false } });
    const calibrated = trainClassifier(THREE_CLASS.texts, THREE_CLASS.labels, { algorithm: "nb", params: { calibrate: true, tuneBias: false } });
    const text = "great service but the worst delay and rude agent";
    expect(calibrated.predict(text).label).toBe(raw.predict(text).label);
    expect(calibrated.predict(text).confidence).toBeLessThan(raw.predict(text).confidence);
  });

  it("reports progress from 0 to 1", () => {
    const fractions: number[] = [];
    trainClassifier(THREE_CLASS.texts, THREE_CLASS.labels, { algorithm: "nb", onProgress: (f) => fractions.push(f) });
    expect(fractions[0]).toBe(0);
    expect(fractions[fractions.length - 1]).toBe(1);
    for (let i = 1; i < fractions.length; i++) expect(fractions[i]).toBeGreaterThanOrEqual(fractions[i - 1]);
  });

  it("is deterministic for the same data and seed", () => {
    const a = trainClassifier(THREE_CLASS.texts, THREE_CLASS.labels, { algorithm: "svm" }).serialize();
    const b = trainClassifier(THREE_CLASS.texts, THREE_CLASS.labels, { algorithm: "svm" }).serialize();
    expect(a).toBe(b);
  });
});

describe("bad input", () => {
  const ok = { algorithm: "nb" as const };

  it("rejects bad training data with ModelInputError naming the problem", () => {
    expect(() => trainClassifier([], [], ok)).toThrow(ModelInputError);
    expect(() => trainClassifier([], [], ok)).toThrow(/no training rows/);
    expect(() => trainClassifier(["a", "b"], ["x"], ok)).toThrow(/differ in length \(2 texts, 1 labels\)/);
    expect(() => trainClassifier(["good", 42 as unknown as string], ["x", "y"], ok)).toThrow(/texts\[1\] must be a string/);
    expect(() => trainClassifier(["good", "   "], ["x", "y"], ok)).toThrow(/texts\[1\] is empty/);
    expect(() => trainClassifier(["good", "bad"], ["x", ""], ok)).toThrow(/labels\[1\]/);
    expect(() => trainClassifier(["good", "bad"], ["x", "x"], ok)).toThrow(/at least two classes/);
    expect(() => trainClassifier(["good", "x".repeat(MAX_TEXT_LENGTH + 1)], ["x", "y"], ok)).toThrow(/texts\[1\] is 20001 characters long/);
    expect(() => trainClassifier("good" as unknown as string[], ["x"], ok)).toThrow(ModelInputError);
  });

  it("rejects unknown algorithms and bad parameters", () => {
    const { texts, labels } = TWO_CLASS;
    expect(() => trainClassifier(texts, labels, { algorithm: "bert" as Algorithm })).toThrow(/unknown algorithm "bert"/);
    expect(() => trainClassifier(texts, labels, { algorithm: "nb", params: { beta: 1 } })).toThrow(/unknown parameter "beta"/);
    expect(() => trainClassifier(texts, labels, { algorithm: "nb", params: { alpha: -1 } })).toThrow(/alpha.*between/);
    expect(() => trainClassifier(texts, labels, { algorithm: "nb", params: { alpha: "lots" } })).toThrow(/alpha.*number/);
    expect(() => trainClassifier(texts, labels, { algorithm: "nb", params: { weighting: "tfidf" } })).toThrow(/weighting.*one of/);
    expect(() => trainClassifier(texts, labels, { algorithm: "nb", params: { alpha: "0.5", calibrate: "false" } })).not.toThrow();
  });

  it("rejects bad texts at prediction time", () => {
    const model = trainClassifier(TWO_CLASS.texts, TWO_CLASS.labels, ok);
    expect(() => model.predict("")).toThrow(ModelInputError);
    expect(() => model.predict(undefined as unknown as string)).toThrow(/must be a string/);
    expect(() => model.predictBatch(["fine", null as unknown as string])).toThrow(/texts\[1\] must be a string/);
    expect(() => model.explain("y".repeat(MAX_TEXT_LENGTH + 5))).toThrow(/limit/);
  });

  it("rejects unreadable artifacts with ModelArtifactError", () => {
    const good = trainClassifier(TWO_CLASS.texts, TWO_CLASS.labels, ok).serialize();
    const obj = JSON.parse(good);
    expect(() => loadClassifier("")).toThrow(ModelArtifactError);
    expect(() => loadClassifier("{nope")).toThrow(/not valid JSON/);
    expect(() => loadClassifier(JSON.stringify({ ...obj, format: "other" }))).toThrow(/not a text-classifier artifact/);
    expect(() => loadClassifier(JSON.stringify({ ...obj, version: 99 }))).toThrow(/unsupported artifact version 99/);
    expect(() => loadClassifier(JSON.stringify({ ...obj, algorithm: "bert" }))).toThrow(/unknown algorithm/);
    expect(() => loadClassifier(JSON.stringify({ ...obj, model: { ...obj.model, weights: obj.model.weights.slice(0, 16) } }))).toThrow(/expected \d+ weights, found 3/);
    expect(() => loadClassifier(JSON.stringify({ ...obj, tokenizer: { negation: "yes" } }))).toThrow(/tokenizer settings/);
  });
});

describe("async entry points", () => {
  it("train and load xgboost models", async () => {
    const model = await trainClassifierAsync(TWO_CLASS.texts, TWO_CLASS.labels, { algorithm: "xgboost", params: { minDf: 1, rounds: 20 } });
    const loaded = await loadClassifierAsync(model.serialize());
    expect(loaded.predictBatch(QUERIES)).toEqual(model.predictBatch(QUERIES));
    model.dispose?.();
    loaded.dispose?.();
    expect(() => model.predict("great")).toThrow(/disposed/);
  });
});
