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
/**
 * Fewer marked rows than this (see calibrateScores) and the temperature is fitted on all
 * rows: one scalar from a few dozen rows is still noisy, but a few hundred pin it down.
 */
const MIN_CALIBRATION_ROWS = 100;


function naiveBayesOptions(algorithm: "nb" | "cnb", params: Record<string, ParamValue>): NaiveBayesOptions {
  return {
    variant: algorithm === "nb" ? "multinomial" : "complement",
    alpha: Number(params.alpha),
    fitPrior: params.fitPrior === true,
    normalizeWeights: params.normalizeWeights === true,
  };
}

/**
 * Out-of-fold class scores of the training rows, two ways (see svmOutOfFoldScores):
 * `inSpace` in the training feature space, `asNew` as the model scores a new message.
 * The same array for the algorithms where the two do not differ.
 */
interface OutOfFoldScores {
  inSpace: Float64Array;
  asNew: Float64Array;
  y: Int32Array;
}

/**
 * Temperature and per-class score offsets from out-of-fold scores (computed
 * lazily: skipped when neither is wanted or the data is too small).
 * Offsets are returned in raw score units, ready to add to the bias.
 *
 * The temperature is fitted on the scores the model will show: as it scores a
 * new message, with the offsets added, and only on the rows `calibrateOn`
 * marks (default: all). Callers leave generated text out: its rows come from
 * shared templates, so a fold model has seen near-copies of every held-out
 * generated row and scores it almost surely right, which would teach the
 * temperature a certainty real messages do not earn.
 *
 * The offsets are searched on the in-space scores of every row, as they were
 * before the temperature was fitted this way, so fixing the confidence moved no
 * label. Searched on the `asNew` scores they move the shipped sentiment model's
 * boundary towards neutral: GoEmotions dev macro-F1 0.661 → 0.683, but airline
 * tweets 0.622 → 0.606 (README, "How sure is the model?").
 */
function calibrateScores(
  params: Record<string, ParamValue>,
  y: Int32Array,
  C: number,
  calibrateOn: readonly boolean[] | undefined,
  outOfFold: () => OutOfFoldScores,
): { temperature: number; offsets: Float64Array } {
  const offsets = new Float64Array(C);
  const wantT = params.calibrate === true;
  const wantOffsets = params.tuneBias === true;
  if ((!wantT && !wantOffsets) || !canCalibrate(y, C)) return { temperature: 1, offsets };
  const oof = outOfFold();
  if (wantOffsets) {
    // Search offsets on a calibrated scale, where ±3 is a wide range.
    const unit = wantT ? fitTemperature(oof.inSpace, oof.y, C) : 1;
    const found = fitMacroF1Offsets(oof.inSpace.map((v) => v / unit), oof.y, C, 3);
    for (let c = 0; c < C; c++) offsets[c] = found[c] * unit;
  }
  if (!wantT) return { temperature: 1, offsets };
  const shown = oof.asNew.map((v, i) => v + offsets[i % C]);
  return { temperature: fitTemperatureOn(shown, oof.y, C, calibrateOn), offsets };
}

/** The temperature fitted on the marked rows only, or on all rows while the marked ones are too few to fit on. */
function fitTemperatureOn(logits: Float64Array, y: Int32Array, C: number, calibrateOn: readonly boolean[] | undefined): number {
  if (!calibrateOn) return fitTemperature(logits, y, C);
  const rows: number[] = [];
  for (let r = 0; r < y.length; r++) if (calibrateOn[r]) rows.push(r);
  const ySub = Int32Array.from(rows, (r) => y[r]);
  if (rows.length < MIN_CALIBRATION_ROWS || !canCalibrate(ySub, C)) return fitTemperature(logits, y, C);
  const sub = new Float64Array(rows.length * C);
  rows.forEach((r, i) => sub.set(logits.subarray(r * C, (r + 1) * C), i * C));
  return fitTemperature(sub, ySub, C);
}

/** Calibration folds need every class present at least twice; otherwise skip. */
function canCalibrate(y: Int32Array, nClasses: number): boolean {
  const counts = new Int32Array(nClasses);
  for (const c of y) counts[c]++;
  return y.length >= 2 * CALIBRATION_FOLDS && counts.every((n) => n >= 2);
}

export function trainNaiveBayesClassifier(algorithm: "nb" | "cnb", { texts, labels, y, params, onProgress, calibrateOn }: TrainingInput): LinearTextClassifier {
  const prep = prepareText(texts, params, (f, m) => onProgress?.(0.85 * f, m));
  const C = labels.length;
  const opts = naiveBayesOptions(algorithm, params);
  const k = Math.floor(Number(params.selectFeatures ?? 0));
  if (k > 0 && k < prep.X.cols) selectChiSquared(prep, y, C, k);
  const { weights, bias } = fitNaiveBayes(prep.X, y, C, opts);
  const { temperature, offsets } = calibrateScores(params, y, C, calibrateOn, () => {
    onProgress?.(0.9, "calibrating");
    const folds = stratifiedFolds(y, CALIBRATION_FOLDS, Number(params.seed));
    const logits = naiveBayesOutOfFoldScores(prep.X, y, C, opts, folds);
    return { inSpace: logits, asNew: logits, y };
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

/**
 * SVM margins of held-out rows, each fold scored by a model trained on the others.
 *
 * `inSpace` scores a held-out row's vector as it stands in the training feature space.
 * That space is built from every row, so the vector still holds the words only this row
 * uses (most rows have a few), and with `normalize` they take their share of its unit
 * length although the fold model has no weight for them. A new message's unknown words
 * are dropped before its vector is scaled, so its known words weigh more and its margins
 * are larger. `asNew` scores the row that way: rescaled over the words its fold model
 * saw. A temperature fitted on `inSpace` left the shipped sentiment model over-confident
 * on every held-out set (GoEmotions dev: shown 97% where 83% were right).
 */
function svmOutOfFoldScores(
  X: CsrMatrix,
  y: Int32Array,
  C: number,
  opts: LinearSvmOptions,
  folds: number[][],
  nbAlpha: number | null,
  normalize: boolean,
): { inSpace: Float64Array; asNew: Float64Array } {
  const inSpace = new Float64Array(X.rows * C);
  const asNew = new Float64Array(X.rows * C);
  const inFold = new Uint8Array(X.rows);
  const seen = new Uint8Array(X.cols);
  const known = new Float64Array(C);
  for (const fold of folds) {
    inFold.fill(0);
    for (const r of fold) inFold[r] = 1;
    const trainRows: number[] = [];
    for (let r = 0; r < X.rows; r++) if (!inFold[r]) trainRows.push(r);
    seen.fill(0);
    for (const r of trainRows) for (let p = X.rowPtr[r]; p < X.rowPtr[r + 1]; p++) seen[X.colIdx[p]] = 1;
    // NBSVM ratios come from the fold's training rows only, like the final model's.
    const classScale = nbAlpha !== null ? nbLogCountRatios(X, y, C, nbAlpha, trainRows) : undefined;
    const { weights, bias } = fitLinearSvm(X, y, C, { ...opts, classScale }, trainRows);
    for (const r of fold) {
      known.fill(0);
      let knownSq = 0;
      for (let p = X.rowPtr[r]; p < X.rowPtr[r + 1]; p++) {
        // A word no training row of this fold has carries no weight: it adds nothing.
        if (!seen[X.colIdx[p]]) continue;
        const v = X.values[p];
        knownSq += v * v;
        const base = X.colIdx[p] * C;
        for (let c = 0; c < C; c++) known[c] += v * weights[base + c];
      }
      const rescale = normalize && knownSq > 0 ? 1 / Math.sqrt(knownSq) : 1;
      for (let c = 0; c < C; c++) {
        inSpace[r * C + c] = bias[c] + known[c];
        asNew[r * C + c] = bias[c] + rescale * known[c];
      }
    }
  }
  return { inSpace, asNew };
}

/** Linear SVM ("svm") or NBSVM ("nbsvm": SVM on naive-Bayes-scaled features). */
export function trainSvmClassifier(algorithm: "svm" | "nbsvm", { texts, labels, y, params, onProgress, calibrateOn }: TrainingInput): LinearTextClassifier {
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
  const { temperature, offsets } = calibrateScores(params, y, C, calibrateOn, () => {
    onProgress?.(0.7, "calibrating");
    const folds = stratifiedFolds(y, CALIBRATION_FOLDS, Number(params.seed));
    return { ...svmOutOfFoldScores(prep.X, y, C, opts, folds, nbAlpha, prep.space.options.normalize), y };
  });
  for (let c = 0; c < C; c++) bias[c] += offsets[c];
  onProgress?.(1, "done");
  return new LinearTextClassifier(algorithm, labels, prep.tokenizer, prep.space, { weights, bias, output: "softmax", temperature }, params);
}
