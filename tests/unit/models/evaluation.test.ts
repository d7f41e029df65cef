import { describe, expect, it } from "vitest";
import { ModelInputError, trainClassifier } from "@/models/classifier";
import { calibrationOf, crossValidate, evaluate, evaluateClassifier, seededShuffle, stratifiedFolds } from "@/models/evaluation";
import { THREE_CLASS } from "./fixtures";

describe("evaluate", () => {
  it("matches a hand-computed confusion matrix and F1", () => {
    //            predicted: a  b  c
    // true a (2 rows):      1  1  0
    // true b (2 rows):      0  2  0
    // true c (1 row):       1  0  0
    const report = evaluate(["a", "a", "b", "b", "c"], ["a", "b", "b", "b", "a"]);
    expect(report.labels).toEqual(["a", "b", "c"]);
    expect(report.confusion).toEqual([
      [1, 1, 0],
      [0, 2, 0],
      [1, 0, 0],
    ]);
    expect(report.accuracy).toBeCloseTo(3 / 5, 12);
    // a: P = 1/2, R = 1/2, F1 = 1/2.
    expect(report.perClass.a).toEqual({ precision: 0.5, recall: 0.5, f1: 0.5, support: 2 });
    // b: P = 2/3, R = 1, F1 = 2·(2/3)/(5/3) = 4/5.
    expect(report.perClass.b.precision).toBeCloseTo(2 / 3, 12);
    expect(report.perClass.b.recall).toBe(1);
    expect(report.perClass.b.f1).toBeCloseTo(0.8, 12);
    // c: never predicted → P = R = F1 = 0.
    expect(report.perClass.c).toEqual({ precision: 0, recall: 0, f1: 0, support: 1 });
    expect(report.macroF1).toBeCloseTo((0.5 + 0.8 + 0) / 3, 12);
    expect(report.n).toBe(5);
  });

  it("uses the given label order and rejects labels outside it", () => {
    const report = evaluate(["x", "y"], ["y", "y"], ["y", "x", "z"]);
    expect(report.labels).toEqual(["y", "x", "z"]);
    expect(report.confusion).toEqual([
      [1, 0, 0],
      [1, 0, 0],
      [0, 0, 0],
    ]);
    expect(() => evaluate(["x", "w"], ["x", "q"], ["x"])).toThrow(/labels not in the label list: q, w/);
  });

  it("rejects mismatched or empty inputs", () => {
    expect(() => evaluate(["a"], ["a", "b"])).toThrow(ModelInputError);
    expect(() => evaluate([], [])).toThrow(/no rows/);
  });
});

describe("evaluateClassifier", () => {
  it("names test labels the model never saw", () => {
    const model = trainClassifier(THREE_CLASS.texts, THREE_CLASS.labels, { algorithm: "nb" });
    expect(() => evaluateClassifier(model, ["hello", "great", "bad"], ["greeting", "positive", "furious"])).toThrow(
      /never saw in training: furious, greeting/,
    );
    const report = evaluateClassifier(model, THREE_CLASS.texts, THREE_CLASS.labels);
    expect(report.n).toBe(THREE_CLASS.texts.length);
    expect(report.accuracy).toBeGreaterThan(0.9);
  });
});

describe("seeded shuffle and folds", () => {
  it("shuffles deterministically into a permutation", () => {
    const items = Array.from({ length: 50 }, (_, i) => i);
    const a = seededShuffle(items, 7);
    expect(a).toEqual(seededShuffle(items, 7));
    expect(a).not.toEqual(items);
    expect(a).not.toEqual(seededShuffle(items, 8));
    expect([...a].sort((x, y) => x - y)).toEqual(items);
  });

  it("stratified folds partition the rows with balanced classes", () => {
    const labels = [...Array(30).fill("a"), ...Array(12).fill("b"), ...Array(3).fill("c")];
    const folds = stratifiedFolds(labels, 3, 1);
    const all = folds.flat().sort((x, y) => x - y);
    expect(all).toEqual(labels.map((_, i) => i));
    for (const fold of folds) {
      expect(fold.filter((r) => labels[r] === "a")).toHaveLength(10);
      expect(fold.filter((r) => labels[r] === "b")).toHaveLength(4);
      expect(fold.filter((r) => labels[r] === "c")).toHaveLength(1);
    }
    expect(stratifiedFolds(labels, 3, 1)).toEqual(folds);
  });
});

describe("crossValidate", () => {
  it("predicts every row exactly once and pools the folds", () => {
    const { texts, labels } = THREE_CLASS;
    const cv = crossValidate(texts, labels, 4, { algorithm: "nb" }, 3);
    expect(cv.k).toBe(4);
    expect(cv.folds).toHaveLength(4);
    expect(cv.n).toBe(texts.length);
    expect(cv.confusion.flat().reduce((a, b) => a + b, 0)).toBe(texts.length);
    expect(cv.folds.reduce((a, f) => a + f.n, 0)).toBe(texts.length);
    // Pooled confusion = sum of the fold confusions.
    const summed = cv.folds.reduce((acc, f) => acc.map((row, i) => row.map((v, j) => v + f.confusion[i][j])), cv.confusion.map((r) => r.map(() => 0)));
    expect(summed).toEqual(cv.confusion);
    expect(cv.macroF1).toBeGreaterThan(0.5);
    expect(crossValidate(texts, labels, 4, { algorithm: "nb" }, 3).macroF1).toBe(cv.macroF1);
  });

  it("rejects impossible fold counts and classes with a single row", () => {
    const { texts, labels } = THREE_CLASS;
    expect(() => crossValidate(texts, labels, 1, { algorithm: "nb" })).toThrow(/folds must be an integer >= 2/);
    expect(() => crossValidate(texts.slice(0, 3), ["a", "b", "a"], 2, { algorithm: "nb" })).toThrow(/too few rows for: b/);
  });
});

describe("calibrationOf", () => {
  it("computes the reliability bins and the expected calibration error by hand", () => {
    // Bin 0.9–1.0: shown 0.95 and 1.0, one right → confidence 0.975, accuracy 0.5.
    // Bin 0.6–0.7: shown 0.6 twice, both right → 0.6 vs 1.0.
    const report = calibrationOf([0.95, 1, 0.6, 0.6], [true, false, true, true]);
    const high = report.bins[9];
    expect(high.n).toBe(2);
    expect(high.meanConfidence).toBeCloseTo(0.975, 12);
    expect(high.accuracy).toBe(0.5);
    expect(report.bins[6]).toMatchObject({ n: 2, accuracy: 1 });
    expect(report.bins[0].n).toBe(0);
    expect(Number.isNaN(report.bins[0].accuracy)).toBe(true);
    // ECE = ½·|0.5 − 0.975| + ½·|1 − 0.6| = 0.2375 + 0.2.
    expect(report.ece).toBeCloseTo(0.4375, 12);
    expect(report.maxGap).toBeCloseTo(0.475, 12);
    expect(report.atLeast99).toBe(0.25);
    expect(report.accuracy).toBe(0.75);
  });

  it("is 0 for confidences that match the outcomes", () => {
    const outcomes = [true, true, true, false, true, false, true, false, true, false];
    expect(calibrationOf(outcomes.map(() => 0.6), outcomes).ece).toBeCloseTo(0, 12);
  });

  it("refuses mismatched or impossible input", () => {
    expect(() => calibrationOf([0.5], [])).toThrow(ModelInputError);
    expect(() => calibrationOf([], [])).toThrow(/no predictions/);
    expect(() => calibrationOf([1.5], [true])).toThrow(/not a probability/);
  });
});

describe("crossValidate with calibrateOn", () => {
  it("hands each fold the flags of its own training rows", () => {
    const flags = THREE_CLASS.texts.map((_, i) => i % 2 === 0);
    const cv = crossValidate(THREE_CLASS.texts, THREE_CLASS.labels, 3, { algorithm: "svm", calibrateOn: flags });
    expect(cv.n).toBe(THREE_CLASS.texts.length);
    expect(() => crossValidate(THREE_CLASS.texts, THREE_CLASS.labels, 3, { algorithm: "svm", calibrateOn: [true] })).toThrow(/one flag per row/);
  });
});
