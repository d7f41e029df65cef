// Feature selection for the dense ml.js models, which cannot take a sparse
// 100k-column matrix: keep the k words most associated with the labels.

import type { CsrMatrix } from "./text/features";

export interface PresenceStats {
  /** Documents of class c containing feature f: present[f * C + c]. */
  present: Float64Array;
  /** Documents per class. */
  classDocs: Float64Array;
}

/** Per-class document counts of every feature (presence, not frequency). */
export function presenceStats(X: CsrMatrix, y: ArrayLike<number>, nClasses: number): PresenceStats {
  const C = nClasses;
  const present = new Float64Array(X.cols * C);
  const classDocs = new Float64Array(C);
  for (let r = 0; r < X.rows; r++) {
    const c = y[r];
    classDocs[c]++;
    for (let p = X.rowPtr[r]; p < X.rowPtr[r + 1]; p++) if (X.values[p] !== 0) present[X.colIdx[p] * C + c]++;
  }
  return { present, classDocs };
}

/**
 * Chi-squared statistic of every feature against the labels, computed like
 * scikit-learn's chi2 on presence counts: Σ_c (O_fc − E_fc)² / E_fc with
 * E_fc = df_f · n_c / n.
 */
export function chiSquared(stats: PresenceStats, nFeatures: number, nClasses: number): Float64Array {
  const C = nClasses;
  const { present, classDocs } = stats;
  const n = classDocs.reduce((a, b) => a + b, 0);
  const out = new Float64Array(nFeatures);
  for (let f = 0; f < nFeatures; f++) {
    let df = 0;
    for (let c = 0; c < C; c++) df += present[f * C + c];
    let chi = 0;
    for (let c = 0; c < C; c++) {
      const expected = (df * classDocs[c]) / n;
      if (expected > 0) {
        const d = present[f * C + c] - expected;
        chi += (d * d) / expected;
      }
    }
    out[f] = chi;
  }
  return out;
}

/** Indices of the k highest scores (ties → lower index), in that order. */
export function topK(scores: Float64Array, k: number): number[] {
  const idx = Array.from({ length: scores.length }, (_, i) => i);
  idx.sort((a, b) => scores[b] - scores[a] || a - b);
  return idx.slice(0, Math.min(k, idx.length));
}

/**
 * Smoothed log-odds of a feature's presence in class c versus the other
 * classes: how strongly a word indicates c in the training data. Used to
 * rank "most informative words" for models without per-class weights.
 */
export function presenceLogOdds(stats: PresenceStats, features: readonly number[], nClasses: number): Float32Array {
  const C = nClasses;
  const { present, classDocs } = stats;
  const n = classDocs.reduce((a, b) => a + b, 0);
  const out = new Float32Array(features.length * C);
  features.forEach((f, i) => {
    let df = 0;
    for (let c = 0; c < C; c++) df += present[f * C + c];
    for (let c = 0; c < C; c++) {
      const inC = (present[f * C + c] + 1) / (classDocs[c] + 2);
      const outC = (df - present[f * C + c] + 1) / (n - classDocs[c] + 2);
      out[i * C + c] = Math.log(inC / outC);
    }
  });
  return out;
}
