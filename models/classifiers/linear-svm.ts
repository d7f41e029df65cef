// Linear SVM (L2-regularised, squared hinge loss) trained one-vs-rest by
// dual coordinate descent (Hsieh et al., ICML 2008 — the LIBLINEAR solver
// behind scikit-learn's LinearSVC).
//
// Chosen over SGD because it needs no learning-rate schedule, converges in a
// few passes over sparse data, and each pass costs O(non-zeros): every
// coordinate step touches only the features of one document.

import type { CsrMatrix } from "../text/features";
import { createRng, shuffleInPlace } from "../random";
import type { LinearWeights } from "./naive-bayes";

export interface LinearSvmOptions {
  /** Inverse regularisation strength (larger = fit the training data harder). */
  C: number;
  /** Maximum passes over the data per class. */
  maxEpochs: number;
  /** Stop when the projected-gradient spread falls below this. */
  tolerance: number;
  /** Weight classes inversely to their frequency (helps macro-F1 on skewed data). */
  balanced: boolean;
  /** Value of the constant feature that carries the intercept. */
  biasFeature: number;
  seed: number;
  /**
   * Optional per-class feature scaling: class c's binary problem sees
   * x_f · scale[c][f] (NBSVM). Returned weights are multiplied back by the
   * scale, so they apply to the unscaled features.
   */
  classScale?: Float64Array[];
  onProgress?: (fraction: number) => void;
}

/** Trains one binary SVM per class; returns feature-major weights and per-class intercepts. */
export function fitLinearSvm(
  X: CsrMatrix,
  y: ArrayLike<number>,
  nClasses: number,
  opts: LinearSvmOptions,
  rows?: ArrayLike<number>,
): LinearWeights {
  const C = nClasses;
  const F = X.cols;
  const rowList = rows ? Int32Array.from(rows) : Int32Array.from({ length: X.rows }, (_, i) => i);
  const n = rowList.length;
  const classCount = new Float64Array(C);
  for (let i = 0; i < n; i++) classCount[y[rowList[i]]]++;
  const classWeight = new Float64Array(C).fill(1);
  if (opts.balanced) for (let c = 0; c < C; c++) classWeight[c] = classCount[c] > 0 ? n / (C * classCount[c]) : 1;

  const B = opts.biasFeature;
  const sqNorm = new Float64Array(n);
  const computeNorms = (scale: Float64Array | null) => {
    for (let i = 0; i < n; i++) {
      const r = rowList[i];
      let s = B * B;
      for (let p = X.rowPtr[r]; p < X.rowPtr[r + 1]; p++) {
        const v = scale ? X.values[p] * scale[X.colIdx[p]] : X.values[p];
        s += v * v;
      }
      sqNorm[i] = s;
    }
  };
  if (!opts.classScale) computeNorms(null);
  const ones = new Float64Array(F).fill(1);

  const weights = new Float32Array(F * C);
  const bias = new Float64Array(C);
  const w = new Float64Array(F);
  const alpha = new Float64Array(n);
  const order = new Int32Array(n);
  const rng = createRng(opts.seed);

  for (let c = 0; c < C; c++) {
    const scale = opts.classScale ? opts.classScale[c] : ones;
    if (opts.classScale) computeNorms(scale);
    w.fill(0);
    alpha.fill(0);
    let wb = 0;
    for (let i = 0; i < n; i++) order[i] = i;
    for (let epoch = 0; epoch < opts.maxEpochs; epoch++) {
      shuffleInPlace(order, rng);
      let maxPG = -Infinity;
      let minPG = Infinity;
      for (let t = 0; t < n; t++) {
        const i = order[t];
        const r = rowList[i];
        const yi = y[r] === c ? 1 : -1;
        // Squared hinge: D_ii = 1/(2·C_i), no upper bound on alpha.
        const Dii = 0.5 / (opts.C * classWeight[y[r]]);
        const start = X.rowPtr[r];
        const end = X.rowPtr[r + 1];
        let dot = wb * B;
        for (let p = start; p < end; p++) {
          const f = X.colIdx[p];
          dot += w[f] * X.values[p] * scale[f];
        }
        const G = yi * dot - 1 + Dii * alpha[i];
        const PG = alpha[i] === 0 ? Math.min(G, 0) : G;
        if (PG > maxPG) maxPG = PG;
        if (PG < minPG) minPG = PG;
        if (PG !== 0) {
          const old = alpha[i];
          const next = Math.max(old - G / (sqNorm[i] + Dii), 0);
          alpha[i] = next;
          const d = (next - old) * yi;
          if (d !== 0) {
            for (let p = start; p < end; p++) {
              const f = X.colIdx[p];
              w[f] += d * X.values[p] * scale[f];
            }
            wb += d * B;
          }
        }
      }
      if (maxPG - minPG <= opts.tolerance) break;
    }
    for (let f = 0; f < F; f++) weights[f * C + c] = w[f] * scale[f];
    bias[c] = wb * B;
    opts.onProgress?.((c + 1) / C);
  }
  return { weights, bias };
}

/**
 * NBSVM scaling (Wang & Manning, ACL 2012): for each class, the log-count
 * ratio r_f = log((p_f/|p|₁) / (q_f/|q|₁)) with p, q = α + feature sums over
 * the class's rows and over all other rows. An SVM on x·r starts from naive
 * Bayes' evidence and corrects it — strong on short sentiment texts.
 */
export function nbLogCountRatios(X: CsrMatrix, y: ArrayLike<number>, nClasses: number, alpha: number, rows?: ArrayLike<number>): Float64Array[] {
  const C = nClasses;
  const F = X.cols;
  const sums = new Float64Array(F * C);
  const n = rows ? rows.length : X.rows;
  for (let k = 0; k < n; k++) {
    const r = rows ? rows[k] : k;
    const c = y[r];
    for (let p = X.rowPtr[r]; p < X.rowPtr[r + 1]; p++) sums[X.colIdx[p] * C + c] += X.values[p];
  }
  const total = new Float64Array(F);
  for (let f = 0; f < F; f++) for (let c = 0; c < C; c++) total[f] += sums[f * C + c];
  const out: Float64Array[] = [];
  for (let c = 0; c < C; c++) {
    let pNorm = 0;
    let qNorm = 0;
    for (let f = 0; f < F; f++) {
      pNorm += alpha + sums[f * C + c];
      qNorm += alpha + total[f] - sums[f * C + c];
    }
    const r = new Float64Array(F);
    for (let f = 0; f < F; f++) {
      r[f] = Math.log((alpha + sums[f * C + c]) / pNorm) - Math.log((alpha + total[f] - sums[f * C + c]) / qNorm);
    }
    out.push(r);
  }
  return out;
}
