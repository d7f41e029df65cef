import { describe, expect, it } from "vitest";
import { loadClassifier, trainClassifier } from "@/models/classifier";
import { classFeatureCounts, fitNaiveBayes, naiveBayesOutOfFoldScores } from "@/models/classifiers/naive-bayes";
import type { CsrMatrix } from "@/models/text/features";

// Tiny corpus, single words only, raw counts, alpha = 1, no calibration:
//   "good great" → pos     "good" → pos     "bad" → neg
// Vocabulary (F = 3): good, great, bad. Labels are sorted: [neg, pos].
const texts = ["good great", "good", "bad"];
const labels = ["pos", "pos", "neg"];
const base = { ngrams: 1, weighting: "count", alpha: 1, calibrate: false, tuneBias: false, negation: false };

describe("multinomial naive Bayes, by hand", () => {
  // Word counts: pos = {good: 2, great: 1, bad: 0}, N_pos = 3; neg = {bad: 1}, N_neg = 1.
  // P(w | pos) = (n + 1) / (3 + 3): good 3/6 = 1/2, great 2/6 = 1/3, bad 1/6.
  // P(w | neg) = (n + 1) / (1 + 3): good 1/4, great 1/4, bad 2/4 = 1/2.

  it("with uniform priors", () => {
    const model = trainClassifier(texts, labels, { algorithm: "nb", params: { ...base, fitPrior: false } });
    expect(model.labels).toEqual(["neg", "pos"]);
    // "good great": pos ∝ 1/2·1/3 = 1/6, neg ∝ 1/4·1/4 = 1/16 → P(pos) = (1/6)/(1/6 + 1/16) = 8/11.
    const p = model.predict("good great");
    expect(p.label).toBe("pos");
    expect(p.scores.pos).toBeCloseTo(8 / 11, 6);
    expect(p.scores.neg).toBeCloseTo(3 / 11, 6);
    expect(p.confidence).toBeCloseTo(8 / 11, 6);
    // "bad": pos ∝ 1/6, neg ∝ 1/2 → P(neg) = (1/2)/(1/2 + 1/6) = 3/4.
    expect(model.predict("bad").scores.neg).toBeCloseTo(3 / 4, 6);
    // Unknown words carry no evidence: uniform priors → 1/2.
    expect(model.predict("hello there").scores.pos).toBeCloseTo(1 / 2, 6);
  });

  it("with (Laplace-smoothed) class priors", () => {
    const model = trainClassifier(texts, labels, { algorithm: "nb", params: { ...base, fitPrior: true } });
    // Priors: (docs + 1) / (3 + 2): pos 3/5, neg 2/5.
    // "good great": pos ∝ 3/5·1/6 = 1/10, neg ∝ 2/5·1/16 = 1/40 → P(pos) = 4/5.
    expect(model.predict("good great").scores.pos).toBeCloseTo(4 / 5, 6);
    // "good bad": pos ∝ 3/5·1/2·1/6 = 1/20, neg ∝ 2/5·1/4·1/2 = 1/20 → a tie.
    expect(model.predict("good bad").scores.pos).toBeCloseTo(1 / 2, 6);
    // No known word: the priors themselves.
    expect(model.predict("hello").scores.pos).toBeCloseTo(3 / 5, 6);
  });

  it("binary weighting counts a repeated word once", () => {
    const counted = trainClassifier(texts, labels, { algorithm: "nb", params: { ...base, fitPrior: false } });
    const binary = trainClassifier(texts, labels, { algorithm: "nb", params: { ...base, fitPrior: false, weighting: "binary" } });
    // Training counts are the same here (no repeats), so only the query differs:
    // counts: "bad bad" → pos ∝ (1/6)², neg ∝ (1/2)² → P(neg) = 9/10; binary: as "bad" → 3/4.
    expect(counted.predict("bad bad").scores.neg).toBeCloseTo(9 / 10, 6);
    expect(binary.predict("bad bad").scores.neg).toBeCloseTo(3 / 4, 6);
  });
});

describe("complement naive Bayes, by hand", () => {
  it("votes against each class's complement", () => {
    const model = trainClassifier(texts, labels, {
      algorithm: "cnb",
      params: { ...base, idf: false, normalize: false, fitPrior: false, normalizeWeights: false },
    });
    // Complement of pos = neg's counts {bad: 1}, N = 1: P̃(good) = 1/4, P̃(great) = 1/4, P̃(bad) = 1/2.
    // Complement of neg = pos's counts {good 2, great 1}, N = 3: P̃(good) = 1/2, P̃(great) = 1/3, P̃(bad) = 1/6.
    // score_c = −Σ log P̃(w | ¬c): "good great" → pos: log 16, neg: log 6 → P(pos) = 16/22 = 8/11.
    expect(model.predict("good great").scores.pos).toBeCloseTo(8 / 11, 6);
    // "bad": pos: log 2, neg: log 6 → P(neg) = 6/8.
    expect(model.predict("bad").scores.neg).toBeCloseTo(3 / 4, 6);
  });
});

describe("naive Bayes on sparse matrices", () => {
  // 4 rows × 3 features: row r has value 1 in the listed columns.
  const X: CsrMatrix = {
    rows: 4,
    cols: 3,
    rowPtr: Int32Array.from([0, 2, 3, 4, 6]),
    colIdx: Int32Array.from([0, 1, 0, 2, 1, 2]),
    values: Float32Array.from([1, 1, 1, 1, 1, 1]),
  };
  const y = Int32Array.from([0, 0, 1, 1]);

  it("sums feature values per class", () => {
    const { counts, docs } = classFeatureCounts(X, y, 2);
    // feature-major [f0c0, f0c1, f1c0, f1c1, f2c0, f2c1]
    expect(Array.from(counts)).toEqual([2, 0, 1, 1, 0, 2]);
    expect(Array.from(docs)).toEqual([2, 2]);
  });

  it("scores out-of-fold rows like a model trained without them", () => {
    const opts = { variant: "multinomial" as const, alpha: 0.5, fitPrior: true, normalizeWeights: false };
    const folds = [[0, 2], [1, 3]];
    const oof = naiveBayesOutOfFoldScores(X, y, 2, opts, folds);
    for (const fold of folds) {
      const trainRows = [0, 1, 2, 3].filter((r) => !fold.includes(r));
      // Reference: fit on the training rows' sub-matrix, with only the
      // features those rows contain (as a fresh vocabulary would).
      const { counts } = classFeatureCounts(X, y, 2, trainRows);
      const present = [0, 1, 2].filter((f) => counts[f * 2] + counts[f * 2 + 1] > 0);
      const sub = subMatrix(X, trainRows, present);
      const ref = fitNaiveBayes(sub, trainRows.map((r) => y[r]), 2, opts);
      for (const r of fold) {
        for (let c = 0; c < 2; c++) {
          let s = ref.bias[c];
          for (let p = X.rowPtr[r]; p < X.rowPtr[r + 1]; p++) {
            const j = present.indexOf(X.colIdx[p]);
            if (j >= 0) s += X.values[p] * ref.weights[j * 2 + c];
          }
          expect(oof[r * 2 + c]).toBeCloseTo(s, 5);
        }
      }
    }
  });
});

function subMatrix(X: CsrMatrix, rows: number[], cols: number[]): CsrMatrix {
  const rowPtr = [0];
  const colIdx: number[] = [];
  const values: number[] = [];
  for (const r of rows) {
    for (let p = X.rowPtr[r]; p < X.rowPtr[r + 1]; p++) {
      const j = cols.indexOf(X.colIdx[p]);
      if (j >= 0) {
        colIdx.push(j);
        values.push(X.values[p]);
      }
    }
    rowPtr.push(colIdx.length);
  }
  return { rows: rows.length, cols: cols.length, rowPtr: Int32Array.from(rowPtr), colIdx: Int32Array.from(colIdx), values: Float32Array.from(values) };
}

describe("naive Bayes artifact", () => {
  it("round-trips to identical probabilities", () => {
    const model = trainClassifier(texts, labels, { algorithm: "nb", params: { ...base, fitPrior: true } });
    const loaded = loadClassifier(model.serialize());
    for (const t of ["good great", "bad", "good bad", "nothing known"]) expect(loaded.predict(t)).toEqual(model.predict(t));
  });
});
