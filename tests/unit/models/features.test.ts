import { describe, expect, it } from "vitest";
import {
  buildVocabulary,
  computeIdf,
  encodeCorpus,
  FeatureSpace,
  resolveFeatureOptions,
  type SparseVector,
} from "@/models/text/features";
import { IntPairMap } from "@/models/text/int-pair-map";
import { Tokenizer } from "@/models/text/tokenizer";

const tokenizer = new Tokenizer({ negation: false, punctuation: false });

function asMap(space: FeatureSpace, v: SparseVector): Record<string, number> {
  const out: Record<string, number> = {};
  for (let k = 0; k < v.length; k++) out[space.names[v.indices[k]]] = v.values[k];
  return out;
}

describe("corpus encoding and vocabulary", () => {
  const texts = ["good food good", "bad food", "good service"];
  const corpus = encodeCorpus(texts, tokenizer);

  it("assigns token ids in order of first occurrence and counts document frequency", () => {
    expect(corpus.tokens).toEqual(["good", "food", "bad", "service"]);
    expect(Array.from(corpus.df)).toEqual([2, 2, 1, 1]);
    expect(Array.from(corpus.offsets)).toEqual([0, 3, 5, 7]);
    expect(Array.from(corpus.tokenIds)).toEqual([0, 1, 0, 2, 1, 0, 3]);
  });

  it("orders features by document frequency, then first occurrence, unigrams before bigrams", () => {
    const vocab = buildVocabulary(corpus, resolveFeatureOptions({ ngramMax: 2, minDf: 1, bigramMinDf: 1 }));
    expect(vocab.map((e) => [e.name, e.df])).toEqual([
      ["good", 2],
      ["food", 2],
      ["bad", 1],
      ["service", 1],
      ["good food", 1],
      ["food good", 1],
      ["bad food", 1],
      ["good service", 1],
    ]);
  });

  it("applies minDf, bigramMinDf and maxFeatures", () => {
    expect(buildVocabulary(corpus, resolveFeatureOptions({ ngramMax: 2, minDf: 2 })).map((e) => e.name)).toEqual(["good", "food"]);
    const twice = encodeCorpus(["good food", "good food", "bad food"], tokenizer);
    expect(buildVocabulary(twice, resolveFeatureOptions({ ngramMax: 2, bigramMinDf: 2 })).map((e) => e.name)).toEqual(["food", "good", "good food", "bad"]);
    expect(buildVocabulary(corpus, resolveFeatureOptions({ ngramMax: 1, maxFeatures: 3 })).map((e) => e.name)).toEqual(["good", "food", "bad"]);
  });

  it("is deterministic", () => {
    const a = buildVocabulary(encodeCorpus(texts, tokenizer), resolveFeatureOptions({}));
    const b = buildVocabulary(encodeCorpus(texts, tokenizer), resolveFeatureOptions({}));
    expect(a).toEqual(b);
  });
});

describe("vectorisation", () => {
  const names = ["good", "food", "bad", "good food"];

  it("counts unigrams and bigrams (count weighting)", () => {
    const space = FeatureSpace.fromNames(names, resolveFeatureOptions({ weighting: "count" }));
    const v = space.vectorizeTokens(["good", "food", "good", "food", "unknown"]);
    expect(asMap(space, v)).toEqual({ good: 2, food: 2, "good food": 2 });
  });

  it("supports binary and sublinear term weights", () => {
    const binary = FeatureSpace.fromNames(names, resolveFeatureOptions({ weighting: "binary" }));
    expect(asMap(binary, binary.vectorizeTokens(["good", "good", "bad"]))).toEqual({ good: 1, bad: 1 });
    const sub = FeatureSpace.fromNames(names, resolveFeatureOptions({ weighting: "sublinear" }));
    expect(asMap(sub, sub.vectorizeTokens(["good", "good", "bad"]))).toEqual({ good: 1 + Math.log(2), bad: 1 });
  });

  it("multiplies by idf and normalises to unit length", () => {
    const idf = [1, 2, 3, 4];
    const space = FeatureSpace.fromNames(names, resolveFeatureOptions({ weighting: "count", idf: true, normalize: true }), idf);
    const v = asMap(space, space.vectorizeTokens(["good", "bad"]));
    // (1·1, 1·3) / sqrt(1 + 9)
    expect(v.good).toBeCloseTo(1 / Math.sqrt(10), 12);
    expect(v.bad).toBeCloseTo(3 / Math.sqrt(10), 12);
  });

  it("computes smoothed idf like scikit-learn", () => {
    const idf = computeIdf([{ name: "a", df: 1, a: 0, b: -1 }], 3);
    expect(idf[0]).toBeCloseTo(Math.log(4 / 2) + 1, 12);
  });

  it("builds the same vectors from corpus ids as from names", () => {
    const texts = ["the food was good", "good food, bad service", "bad bad food"];
    const corpus = encodeCorpus(texts, tokenizer);
    const opts = resolveFeatureOptions({ weighting: "count" });
    const vocab = buildVocabulary(corpus, opts);
    const a = FeatureSpace.fromCorpus(corpus, vocab, opts);
    const b = FeatureSpace.fromNames(vocab.map((e) => e.name), opts);
    const X = a.toCsr(corpus, a.mapCorpusTokens(corpus.tokens));
    texts.forEach((t, r) => {
      const fromCsr: Record<string, number> = {};
      for (let p = X.rowPtr[r]; p < X.rowPtr[r + 1]; p++) fromCsr[a.names[X.colIdx[p]]] = X.values[p];
      const tokens = tokenizer.tokenize(t);
      expect(asMap(b, b.vectorizeTokens(tokens))).toEqual(fromCsr);
      expect(asMap(a, a.vectorizeTokens(tokens))).toEqual(fromCsr);
    });
  });

  it("reports feature occurrences with their token ranges", () => {
    const space = FeatureSpace.fromNames(names, resolveFeatureOptions({}));
    expect(space.occurrences(["good", "food", "bad"])).toEqual([
      { feature: 0, first: 0, last: 0 },
      { feature: 1, first: 1, last: 1 },
      { feature: 3, first: 0, last: 1 },
      { feature: 2, first: 2, last: 2 },
    ]);
  });
});

describe("IntPairMap", () => {
  it("stores and finds pairs across growth", () => {
    const m = new IntPairMap(2);
    for (let a = 0; a < 300; a++) m.set(a, a * 7 + 1, a + 1000);
    expect(m.size).toBe(300);
    for (let a = 0; a < 300; a++) expect(m.get(a, a * 7 + 1)).toBe(a + 1000);
    expect(m.get(1, 1)).toBe(-1);
    expect(m.get(7, 1)).toBe(-1);
    m.set(5, 36, 1);
    expect(m.get(5, 36)).toBe(1);
    expect(m.size).toBe(300);
  });
});
