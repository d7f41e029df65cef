// Training of the sparse linear algorithms: multinomial NB, complement NB
// and the linear SVM. All three produce a LinearTextClassifier.

import { fitMacroF1Offsets, fitTemperature } from "./classifiers/calibration";
import { fitLinearSvm, nbLogCountRatios, type LinearSvmOptions } from "./classifiers/linear-svm";
import { fitNaiveBayes, naiveBayesOutOfFoldScores, type NaiveBayesOptions } from "./classifiers/naive-bayes";
import { LinearTextClassifier } from "./linear-text-classifier";
import { stratifiedFolds } from "./random";
import { chiSquared, presenceStats, topK } from "./feature-selection";
import { prepareText, type PreparedText } from "./text-pipeline";
import { FeatureSpace, type CsrMatrix } from "./text/features";
import type { ParamValue, TrainingInput } from "./types";

/** Folds used to get out-of-fold scores for temperature calibration. */
const CALIBRATION_FOLDS = 3;


function naiveBayesOptions(algorithm: "nb" | "cnb", params: Record<string, ParamValue>): NaiveBayesOptions {
  return {
    variant: algorithm === "nb" ? "multinomial" : "complement",
    alpha: Number(params.alpha),
    fitPrior: params.fitPrior === true,
    normalizeWeights: params.normalizeWeights === true,
  };
}

/**
 * Temperature and per-class score offsets from out-of-fold scores (computed
 * lazily: skipped when neither is wanted or the data is too small).
 * Offsets are returned in raw score units, ready to add to the bias.
 */
function calibrateScores(
  params: Record<string, ParamValue>,
  y: Int32Array,
  C: number,
  outOfFold: () => { logits: Float64Array; y: Int32Array },
): { temperature: number; offsets: Float64Array } {
  const offsets = new Float64Array(C);
  const wantT = params.calibrate === true;
  const wantOffsets = params.tuneBias === true;
  if ((!wantT && !wantOffsets) || !canCalibrate(y, C)) return { temperature: 1, offsets };
  const oof = outOfFold();
  const logits = oof.logits;
  y = oof.y;
  const temperature = wantT ? fitTemperature(logits, y, C) : 1;
  if (wantOffsets) {
    // Search offsets on the calibrated scale, where ±3 is a wide range.
    const scaled = logits.map((v) => v / temperature);
    const found = fitMacroF1Offsets(scaled, y, C, 3);
    for (let c = 0; c < C; c++) offsets[c] = found[c] * temperature;
  }
  return { temperature, offsets };
}

/** Calibration folds need every class present at least twice; otherwise skip. */
function canCalibrate(y: Int32Array, nClasses: number): boolean {
  const counts = new Int32Array(nClasses);
  for (const c of y) counts[c]++;
  return y.length >= 2 * CALIBRATION_FOLDS && counts.every((n) => n >= 2);
}

export function trainNaiveBayesClassifier(algorithm: "nb" | "cnb", { texts, labels, y, params, onProgress }: TrainingInput): LinearTextClassifier {
  const prep = prepareText(texts, params, (f, m) => onProgress?.(0.85 * f, m));
  const C = labels.length;
  const opts = naiveBayesOptions(algorithm, params);
  const k = Math.floor(Number(params.selectFeatures ?? 0));
  if (k > 0 && k < prep.X.cols) selectChiSquared(prep, y, C, k);
  const { weights, bias } = fitNaiveBayes(prep.X, y, C, opts);
  const { temperature, offsets } = calibrateScores(params, y, C, () => {
    onProgress?.(0.9, "calibrating");
    const folds = stratifiedFolds(y, CALIBRATION_FOLDS, Number(params.seed));
    return { logits: naiveBayesOutOfFoldScores(prep.X, y, C, opts, folds), y };
  });
  for (let c = 0; c < C; c++) bias[c] += offsets[c];
  onProgress?.(1, "done");
  return new LinearTextClassifier(algorithm, labels, prep.tokenizer, prep.space, { weights, bias, output: "softmax", temperature }, params);
}

/**
 * Keeps the k features most associated with the labels (chi-squared on
 * presence). Naive Bayes counts every word as independent evidence, so
 * thousands of uninformative rare words add noise to every score.
 */
function selectChiSquared(prep: PreparedText, y: Int32Array, C: number, k: number): void {
  const chosen = topK(chiSquared(presenceStats(prep.X, y, C), prep.X.cols, C), k).sort((a, b) => a - b);
  const entries = chosen.map((f) => prep.vocabulary[f]);
  const idf = prep.space.options.idf ? chosen.map((f) => prep.space.idf[f]) : undefined;
  prep.vocabulary = entries;
  prep.space = FeatureSpace.fromCorpus(prep.corpus, entries, prep.space.options, idf);
  prep.tokenMap = prep.space.mapCorpusTokens(prep.corpus.tokens);
  prep.X = prep.space.toCsr(prep.corpus, prep.tokenMap);
}

function svmOptions(params: Record<string, ParamValue>): LinearSvmOptions {
  return {
    C: Number(params.C),
    maxEpochs: Math.floor(Number(params.epochs)),
    tolerance: 0.1,
    balanced: params.balanced === true,
    biasFeature: 1,
    seed: Number(params.seed),
  };
}

/** SVM margins of held-out rows, each fold scored by a model trained on the others. */
function svmOutOfFoldScores(
  X: CsrMatrix,
  y: Int32Array,
  C: number,
  opts: LinearSvmOptions,
  folds: number[][],
  nbAlpha: number | null,
): Float64Array {
  const logits = new Float64Array(X.rows * C);
  const inFold = new Uint8Array(X.rows);
  for (const fold of folds) {
    inFold.fill(0);
    for (const r of fold) inFold[r] = 1;
    const trainRows: number[] = [];
    for (let r = 0; r < X.rows; r++) if (!inFold[r]) trainRows.push(r);
    // NBSVM ratios come from the fold's training rows only, like the final model's.
    const classScale = nbAlpha !== null ? nbLogCountRatios(X, y, C, nbAlpha, trainRows) : undefined;
    const { weights, bias } = fitLinearSvm(X, y, C, { ...opts, classScale }, trainRows);
    for (const r of fold) {
      for (let c = 0; c < C; c++) logits[r * C + c] = bias[c];
      for (let p = X.rowPtr[r]; p < X.rowPtr[r + 1]; p++) {
        const base = X.colIdx[p] * C;
        for (let c = 0; c < C; c++) logits[r * C + c] += X.values[p] * weights[base + c];
      }
    }
  }
  return logits;
}

/** Linear SVM ("svm") or NBSVM ("nbsvm": SVM on naive-Bayes-scaled features). */
export function trainSvmClassifier(algorithm: "svm" | "nbsvm", { texts, labels, y, params, onProgress }: TrainingInput): LinearTextClassifier {
  const prep = prepareText(texts, params, (f, m) => onProgress?.(0.4 * f, m));
  const C = labels.length;
  const calibrate = (params.calibrate === true || params.tuneBias === true) && canCalibrate(y, C);
  const opts = svmOptions(params);
  const nbAlpha = algorithm === "nbsvm" ? Number(params.alpha) : null;
  const classScale = nbAlpha !== null ? nbLogCountRatios(prep.X, y, C, nbAlpha) : undefined;
  const { weights, bias } = fitLinearSvm(prep.X, y, C, {
    ...opts,
    classScale,
    onProgress: (f) => onProgress?.(0.4 + (calibrate ? 0.3 : 0.6) * f, "fitting"),
  });
  const { temperature, offsets } = calibrateScores(params, y, C, () => {
    onProgress?.(0.7, "calibrating");
    const folds = stratifiedFolds(y, CALIBRATION_FOLDS, Number(params.seed));
    return { logits: svmOutOfFoldScores(prep.X, y, C, opts, folds, nbAlpha), y };
  });
  for (let c = 0; c < C; c++) bias[c] += offsets[c];
  onProgress?.(1, "done");
  return new LinearTextClassifier(algorithm, labels, prep.tokenizer, prep.space, { weights, bias, output: "softmax", temperature }, params);
}
