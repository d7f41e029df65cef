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
  for (let i = 0; i < n; i++) {
    const r = rowList[i];
    let s = B * B;
    for (let p = X.rowPtr[r]; p < X.rowPtr[r + 1]; p++) s += X.values[p] * X.values[p];
    sqNorm[i] = s;
  }

  const weights = new Float32Array(F * C);
  const bias = new Float64Array(C);
  const w = new Float64Array(F);
  const alpha = new Float64Array(n);
  const order = new Int32Array(n);
  const rng = createRng(opts.seed);

  for (let c = 0; c < C; c++) {
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
        for (let p = start; p < end; p++) dot += w[X.colIdx[p]] * X.values[p];
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
            for (let p = start; p < end; p++) w[X.colIdx[p]] += d * X.values[p];
            wb += d * B;
          }
        }
      }
      if (maxPG - minPG <= opts.tolerance) break;
    }
    for (let f = 0; f < F; f++) weights[f * C + c] = w[f];
    bias[c] = wb * B;
    opts.onProgress?.((c + 1) / C);
  }
  return { weights, bias };
}
