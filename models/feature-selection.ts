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

/**
 * k features chosen class by class: for every class, features are ranked by
 * their chi-squared term for that class (only where they occur MORE often
 * than expected), and the classes take turns picking. Plain chi-squared
 * ranking favours words of the small classes (on the emotion data the top 50
 * were nearly all "surprise"/"love" words), which starves the other classes.
 * Returns feature indices in pick order.
 */
export function balancedChiSquaredTopK(stats: PresenceStats, nFeatures: number, nClasses: number, k: number): number[] {
  const C = nClasses;
  const { present, classDocs } = stats;
  const n = classDocs.reduce((a, b) => a + b, 0);
  const df = new Float64Array(nFeatures);
  for (let f = 0; f < nFeatures; f++) for (let c = 0; c < C; c++) df[f] += present[f * C + c];
  const rankings: number[][] = [];
  for (let c = 0; c < C; c++) {
    const score = new Float64Array(nFeatures);
    for (let f = 0; f < nFeatures; f++) {
      const expected = (df[f] * classDocs[c]) / n;
      const d = present[f * C + c] - expected;
      score[f] = expected > 0 && d > 0 ? (d * d) / expected : 0;
    }
    rankings.push(topK(score, Math.min(nFeatures, k)).filter((f) => score[f] > 0));
  }
  const chosen: number[] = [];
  const taken = new Uint8Array(nFeatures);
  const cursor = new Int32Array(C);
  const limit = Math.min(k, nFeatures);
  let progressed = true;
  while (chosen.length < limit && progressed) {
    progressed = false;
    for (let c = 0; c < C && chosen.length < limit; c++) {
      const list = rankings[c];
      while (cursor[c] < list.length && taken[list[cursor[c]]]) cursor[c]++;
      if (cursor[c] < list.length) {
        const f = list[cursor[c]++];
        taken[f] = 1;
        chosen.push(f);
        progressed = true;
      }
    }
  }
  return chosen;
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
