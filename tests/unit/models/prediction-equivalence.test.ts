// The fast prediction path (tokens hashed while scanning, looked up in a
// TokenTable, bigrams in a BigramIndex, no strings per word) must give
// exactly what a straightforward computation from the artifact gives:
// tokenize to strings, look feature names up in a Map, sum the weights.
import { describe, expect, it } from "vitest";
import { decodeFloat32, decodeFloat64 } from "@/models/artifact";
import { trainClassifier, type Algorithm, type Prediction } from "@/models/classifier";
import { createRng } from "@/models/random";
import { TokenIdInterner } from "@/models/text/token-id-sink";
import { TokenTable } from "@/models/text/token-table";
import { Tokenizer, type TokenizerOptions } from "@/models/text/tokenizer";

// Pieces that exercise every tokenizer branch: case, non-ASCII letters whose
// lower case changes length ("İ"), elongation, contractions with both
// apostrophes, negators and clause words, emoticons, emoji, URLs, e-mails,
// mentions, hashtags, numbers, HTML entities and punctuation.
const PIECES = [
  "good", "GOOD", "Great", "bad", "terrible", "service", "flight", "the", "a", "not", "never", "no", "but", "however",
  "don't", "can’t", "won't", "I'm", "it's", "john's", "dont", "im", "cannot", "sooooo", "baaaad", "goooood", "111",
  ":)", ":-(", ":D", "xD", "<3", "&lt;3", "&amp;", "😡", "😍", "👍🏽", "http://t.co/Ab1", "www.example.com/x", "a.b@mail.com",
  "@United", "#fail", "#JetBlue", "3:45", "$1,200.50", "2nd", "!!!", "??", ",", ".", ";", "(", ")", "\"", "-", "İstanbul",
  "ΟΔΥΣΣΕΥΣ", "straße", "naïve", "café", "über", "x", "zz", "delay", "late", "thanks", "love", "hate", "help",
];

function generate(n: number, seed: number): { texts: string[]; labels: string[] } {
  const rng = createRng(seed);
  const pick = <T>(a: readonly T[]) => a[Math.floor(rng() * a.length)];
  const texts: string[] = [];
  const labels: string[] = [];
  for (let i = 0; i < n; i++) {
    const words: string[] = [];
    for (let k = 1 + Math.floor(rng() * 14); k > 0; k--) words.push(pick(PIECES));
    // Joined with and without spaces so tokens also meet punctuation head-on.
    texts.push(words.join(rng() < 0.8 ? " " : ""));
    labels.push(pick(["negative", "neutral", "positive"]));
  }
  return { texts, labels };
}

interface ParsedArtifact {
  labels: string[];
  tokenizer: TokenizerOptions;
  features: { options: { weighting: string; idf: boolean; normalize: boolean }; names: string[]; idf: string | null };
  model: { output: string; temperature: number; bias: number[]; weights: string };
}

/** Prediction computed the plain way from an artifact. */
function referencePredictor(artifact: string): (text: string) => Prediction {
  const a = JSON.parse(artifact) as ParsedArtifact;
  const C = a.labels.length;
  const names = a.features.names;
  const featureOf = new Map(names.map((name, f) => [name, f]));
  const weights = decodeFloat32(a.model.weights, names.length * C);
  const idf = a.features.idf ? decodeFloat64(a.features.idf, names.length) : null;
  const tokenizer = new Tokenizer(a.tokenizer);
  const { weighting, normalize } = a.features.options;
  return (text) => {
    const tokens = tokenizer.tokenize(text);
    const counts = new Map<number, number>();
    const count = (name: string) => {
      const f = featureOf.get(name);
      if (f !== undefined) counts.set(f, (counts.get(f) ?? 0) + 1);
    };
    tokens.forEach((t, k) => {
      count(t);
      if (k > 0) count(`${tokens[k - 1]} ${t}`);
    });
    const features = [...counts.keys()].sort((x, y) => x - y);
    const values = features.map((f) => {
      const c = counts.get(f)!;
      const tf = weighting === "binary" ? 1 : weighting === "sublinear" ? 1 + Math.log(c) : c;
      return idf ? tf * idf[f] : tf;
    });
    if (normalize) {
      let ss = 0;
      for (const v of values) ss += v * v;
      if (ss > 0) values.forEach((v, k) => (values[k] = v * (1 / Math.sqrt(ss))));
    }
    const scores = a.model.bias.slice();
    features.forEach((f, k) => {
      for (let c = 0; c < C; c++) scores[c] += values[k] * weights[f * C + c];
    });
    const T = a.model.temperature;
    let probs: number[];
    if (a.model.output === "softmax") {
      const max = Math.max(...scores);
      const e = scores.map((s) => Math.exp((s - max) / T));
      const sum = e.reduce((x, y) => x + y, 0);
      probs = e.map((v) => v / sum);
    } else {
      const s = scores.map((v) => 1 / (1 + Math.exp(-v / T)));
      const sum = s.reduce((x, y) => x + y, 0);
      probs = s.map((v) => (sum > 0 ? v / sum : 1 / C));
    }
    let best = 0;
    for (let c = 1; c < C; c++) if (probs[c] > probs[best]) best = c;
    return { label: a.labels[best], scores: Object.fromEntries(a.labels.map((l, c) => [l, probs[c]])), confidence: probs[best] };
  };
}

const train = generate(3000, 11);
const test = generate(1500, 12);

describe("fast prediction path", () => {
  it.each<[Algorithm, Record<string, string | number | boolean>]>([
    ["nb", {}],
    ["nb", { negation: false, bigramMinDf: 1 }],
    ["cnb", {}],
    ["svm", { weighting: "sublinear", idf: true, normalize: true }],
    ["nb", { ngrams: 1, weighting: "count" }],
  ])("%s %j predicts exactly what the reference computation does", (algorithm, params) => {
    const model = trainClassifier(train.texts, train.labels, { algorithm, params });
    const reference = referencePredictor(model.serialize());
    const expected = test.texts.map(reference);
    expect(model.predictBatch(test.texts)).toEqual(expected);
    expect(test.texts.map((t) => model.predict(t))).toEqual(expected);
  });

  it("turns every text into the same token ids as string tokens looked up one by one", () => {
    for (const options of [{}, { negation: false }, { lowercase: false, contractions: false, squashElongation: false }]) {
      const tokenizer = new Tokenizer(options);
      const sink = new TokenIdInterner(new TokenTable());
      for (const text of [...train.texts, ...test.texts]) {
        sink.reset();
        tokenizer.runInto(text, sink);
        const viaIds = Array.from(sink.ids.subarray(0, sink.length), (id) => sink.table.text(id));
        expect(viaIds).toEqual(tokenizer.tokenize(text));
      }
    }
  });
});
