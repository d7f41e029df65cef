// Classification metrics and cross-validation.

import { ConfusionMatrix } from "ml-confusion-matrix";
import { trainClassifier } from "./classifier";
import { ModelInputError } from "./errors";
import { stratifiedFolds } from "./random";
import type { TextClassifier, TrainOptions } from "./types";
import { checkTrainingData } from "./validation";

export { seededShuffle, stratifiedFolds } from "./random";
export { calibrationOf, type CalibrationReport } from "./calibration-metrics";

export interface ClassMetrics {
  precision: number;
  recall: number;
  f1: number;
  /** Number of true rows of the class. */
  support: number;
}

export interface EvaluationReport {
  accuracy: number;
  /** Unweighted mean of the per-class F1 scores. */
  macroF1: number;
  perClass: Record<string, ClassMetrics>;
  /** confusion[i][j] = rows of true labels[i] predicted as labels[j]. */
  confusion: number[][];
  labels: string[];
  n: number;
}

/**
 * Metrics of predicted against true labels. `labels` fixes the class order
 * (default: sorted union of both lists); labels outside it are an error.
 * Precision/recall/F1 of a class with no predicted/true rows are 0.
 */
export function evaluate(trueLabels: readonly string[], predictedLabels: readonly string[], labels?: readonly string[]): EvaluationReport {
  if (!Array.isArray(trueLabels) || !Array.isArray(predictedLabels)) throw new ModelInputError("true and predicted labels must be arrays");
  if (trueLabels.length !== predictedLabels.length) {
    throw new ModelInputError(`true and predicted labels differ in length (${trueLabels.length} vs ${predictedLabels.length})`);
  }
  if (trueLabels.length === 0) throw new ModelInputError("nothing to evaluate: no rows");
  const order = labels ? [...labels] : [...new Set([...trueLabels, ...predictedLabels])].sort();
  if (labels) {
    const known = new Set(labels);
    const unknown = [...new Set([...trueLabels, ...predictedLabels].filter((l) => !known.has(l)))].sort();
    if (unknown.length > 0) throw new ModelInputError(`labels not in the label list: ${unknown.join(", ")}`);
  }
  const cm = ConfusionMatrix.fromLabels([...trueLabels], [...predictedLabels], { labels: order });
  const confusion = cm.getMatrix().map((row) => row.slice());
  const perClass: Record<string, ClassMetrics> = {};
  let f1Sum = 0;
  let correct = 0;
  order.forEach((label, i) => {
    const tp = confusion[i][i];
    correct += tp;
    let support = 0;
    let predicted = 0;
    for (let j = 0; j < order.length; j++) {
      support += confusion[i][j];
      predicted += confusion[j][i];
    }
    const precision = predicted > 0 ? tp / predicted : 0;
    const recall = support > 0 ? tp / support : 0;
    const f1 = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
    perClass[label] = { precision, recall, f1, support };
    f1Sum += f1;
  });
  return {
    accuracy: correct / trueLabels.length,
    macroF1: f1Sum / order.length,
    perClass,
    confusion,
    labels: order,
    n: trueLabels.length,
  };
}

/**
 * Scores a trained model on a labelled test set. Test labels the model was
 * not trained on are an error (it could never predict them).
 */
export function evaluateClassifier(model: TextClassifier, texts: string[], labels: string[]): EvaluationReport & { predictMs: number } {
  if (!Array.isArray(texts) || !Array.isArray(labels) || texts.length !== labels.length) {
    throw new ModelInputError("test texts and labels must be arrays of the same length");
  }
  if (texts.length === 0) throw new ModelInputError("the test set is empty");
  const known = new Set(model.labels);
  const unseen = [...new Set(labels.filter((l) => !known.has(l)))].sort();
  if (unseen.length > 0) {
    throw new ModelInputError(`test set has labels the model never saw in training: ${unseen.join(", ")} (model labels: ${model.labels.join(", ")})`);
  }
  const t0 = performance.now();
  const predicted = model.predictBatch(texts).map((p) => p.label);
  const predictMs = performance.now() - t0;
  return { ...evaluate(labels, predicted, model.labels), predictMs };
}

export interface CrossValidationResult extends EvaluationReport {
  /** Metrics of each fold on its held-out part. */
  folds: EvaluationReport[];
  /** Mean and standard deviation of the per-fold macro-F1. */
  macroF1Mean: number;
  macroF1Std: number;
  k: number;
  trainMs: number;
  predictMs: number;
}

/**
 * Stratified k-fold cross-validation. Every row is predicted exactly once by
 * a model that did not see it; the top-level metrics are computed on those
 * pooled out-of-fold predictions. Algorithms needing an async runtime must be
 * prepared first (prepareAlgorithm).
 */
export function crossValidate(texts: string[], labels: string[], k: number, opts: TrainOptions, seed = 42): CrossValidationResult {
  const { labels: classes } = checkTrainingData(texts, labels);
  if (opts.calibrateOn !== undefined && (!Array.isArray(opts.calibrateOn) || opts.calibrateOn.length !== texts.length)) {
    throw new ModelInputError(`calibrateOn must have one flag per row (${texts.length})`);
  }
  if (!Number.isInteger(k) || k < 2) throw new ModelInputError(`folds must be an integer >= 2, got ${k}`);
  if (k > texts.length) throw new ModelInputError(`cannot make ${k} folds from ${texts.length} rows`);
  const counts = new Map<string, number>();
  for (const l of labels) counts.set(l, (counts.get(l) ?? 0) + 1);
  const rare = classes.filter((c) => counts.get(c)! < 2);
  if (rare.length > 0) throw new ModelInputError(`cross-validation needs at least 2 rows per class; too few rows for: ${rare.join(", ")}`);

  const folds = stratifiedFolds(labels, k, seed);
  const predicted: string[] = new Array(texts.length);
  const reports: EvaluationReport[] = [];
  let trainMs = 0;
  let predictMs = 0;
  folds.forEach((testRows, f) => {
    const inTest = new Uint8Array(texts.length);
    for (const r of testRows) inTest[r] = 1;
    const trainTexts: string[] = [];
    const trainLabels: string[] = [];
    const trainCalibrateOn: boolean[] = [];
    for (let r = 0; r < texts.length; r++) {
      if (!inTest[r]) {
        trainTexts.push(texts[r]);
        trainLabels.push(labels[r]);
        if (opts.calibrateOn) trainCalibrateOn.push(opts.calibrateOn[r]);
      }
    }
    const t0 = performance.now();
    const model = trainClassifier(trainTexts, trainLabels, {
      ...opts,
      // The flags are per row: each fold's model gets those of its own training rows.
      calibrateOn: opts.calibrateOn ? trainCalibrateOn : undefined,
      onProgress: opts.onProgress ? (frac, msg) => opts.onProgress!((f + frac) / k, msg) : undefined,
    });
    trainMs += performance.now() - t0;
    try {
      // Every class has rows in this fold's training part (>= 2 rows per
      // class, dealt to different folds), so no test label is unseen.
      const t1 = performance.now();
      const foldPred = model.predictBatch(testRows.map((r) => texts[r]));
      predictMs += performance.now() - t1;
      testRows.forEach((r, i) => (predicted[r] = foldPred[i].label));
      reports.push(evaluate(testRows.map((r) => labels[r]), testRows.map((r) => predicted[r]), classes));
    } finally {
      model.dispose?.();
    }
  });
  const pooled = evaluate(labels, predicted, classes);
  const f1s = reports.map((r) => r.macroF1);
  const mean = f1s.reduce((a, b) => a + b, 0) / f1s.length;
  const std = Math.sqrt(f1s.reduce((a, b) => a + (b - mean) ** 2, 0) / f1s.length);
  return { ...pooled, folds: reports, macroF1Mean: mean, macroF1Std: std, k, trainMs, predictMs };
}
