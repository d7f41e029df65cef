// Multinomial and complement naive Bayes over SPARSE document vectors.
//
// Written here rather than taken from ml.js: ml-naivebayes expects a dense
// matrix (documents × vocabulary), which for a 100k-term vocabulary and 1M
// documents would be 10^11 cells. These versions only touch the non-zero
// entries (one pass over the CSR matrix to sum counts per class).
//
// Both variants end up as a linear model: score_c = bias_c + Σ_f x_f·w_fc,
// so prediction, explanation and serialisation are shared with the other
// linear classifiers.

import type { CsrMatrix } from "../text/features";

export interface NaiveBayesOptions {
  /** "multinomial" (McCallum & Nigam) or "complement" (Rennie et al. 2003). */
  variant: "multinomial" | "complement";
  /** Additive (Lidstone) smoothing of feature counts. */
  alpha: number;
  /** Use class frequencies as priors; false = uniform priors (helps macro-F1 on skewed data). */
  fitPrior: boolean;
  /** Complement NB only: divide each class's weights by their L1 norm (Rennie's "WCNB"). */
  normalizeWeights: boolean;
}

export interface LinearWeights {
  /** Feature-major: weights[f * nClasses + c]. */
  weights: Float32Array;
  bias: Float64Array;
}

export interface ClassCounts {
  /** Summed feature values per class, feature-major: counts[f * C + c]. */
  counts: Float64Array;
  /** Number of documents per class. */
  docs: Float64Array;
}

/** Sums feature values per class over the given rows (all rows by default). */
export function classFeatureCounts(
  X: CsrMatrix,
  y: ArrayLike<number>,
  nClasses: number,
  rows?: ArrayLike<number>,
): ClassCounts {
  const C = nClasses;
  const counts = new Float64Array(X.cols * C);
  const docs = new Float64Array(C);
  const n = rows ? rows.length : X.rows;
  for (let k = 0; k < n; k++) {
    const r = rows ? rows[k] : k;
    const c = y[r];
    docs[c]++;
    for (let p = X.rowPtr[r]; p < X.rowPtr[r + 1]; p++) counts[X.colIdx[p] * C + c] += X.values[p];
  }
  return { counts, docs };
}

/** Turns class counts into log-probability weights. */
export function naiveBayesWeights(cc: ClassCounts, nFeatures: number, nClasses: number, opts: NaiveBayesOptions): LinearWeights {
  const C = nClasses;
  const F = nFeatures;
  const { counts, docs } = cc;
  const alpha = opts.alpha;
  const weights = new Float32Array(F * C);
  const bias = new Float64Array(C);
  const totalDocs = docs.reduce((a, b) => a + b, 0);
  const classTotal = new Float64Array(C);
  const featTotal = new Float64Array(F);
  // Features with no count at all (possible when fitting on part of the
  // rows, as in out-of-fold calibration) are left out entirely — weight 0
  // and not part of the smoothing denominator — exactly as if the vocabulary
  // had been built from these rows only. Otherwise every such word would
  // push towards the class with the fewest counts.
  let activeF = 0;
  for (let f = 0; f < F; f++) {
    let s = 0;
    for (let c = 0; c < C; c++) {
      classTotal[c] += counts[f * C + c];
      s += counts[f * C + c];
    }
    featTotal[f] = s;
    if (s > 0) activeF++;
  }
  for (let c = 0; c < C; c++) {
    // A class with no training rows in this fold must still get a finite prior.
    bias[c] = opts.fitPrior ? Math.log((docs[c] + 1) / (totalDocs + C)) : -Math.log(C);
  }

  if (opts.variant === "multinomial") {
    // P(f | c) = (N_fc + α) / (N_c + α·F)
    for (let c = 0; c < C; c++) {
      const logDen = Math.log(classTotal[c] + alpha * activeF);
      for (let f = 0; f < F; f++) weights[f * C + c] = featTotal[f] > 0 ? Math.log(counts[f * C + c] + alpha) - logDen : 0;
    }
    return { weights, bias };
  }

  // Complement: estimate P(f | not c) from all other classes and vote
  // against it. score_c = bias_c − Σ_f x_f·log P(f | ¬c). With more than two
  // classes this is less biased towards the large classes than multinomial NB.
  let grand = 0;
  for (let c = 0; c < C; c++) grand += classTotal[c];
  const raw = new Float64Array(F * C);
  for (let c = 0; c < C; c++) {
    const logDen = Math.log(grand - classTotal[c] + alpha * activeF);
    let l1 = 0;
    for (let f = 0; f < F; f++) {
      if (featTotal[f] === 0) continue;
      const w = Math.log(featTotal[f] - counts[f * C + c] + alpha) - logDen;
      raw[f * C + c] = w;
      l1 += Math.abs(w);
    }
    const scale = opts.normalizeWeights && l1 > 0 ? 1 / l1 : 1;
    for (let f = 0; f < F; f++) weights[f * C + c] = -raw[f * C + c] * scale;
  }
  if (C > 1 && opts.normalizeWeights) {
    // Normalised weights live on a much smaller scale than log priors;
    // priors would then swamp the evidence, so they are dropped.
    bias.fill(0);
  }
  return { weights, bias };
}

export function fitNaiveBayes(X: CsrMatrix, y: ArrayLike<number>, nClasses: number, opts: NaiveBayesOptions): LinearWeights {
  return naiveBayesWeights(classFeatureCounts(X, y, nClasses), X.cols, nClasses, opts);
}

/**
 * Out-of-fold scores for calibration: trains on all folds but one by
 * subtracting the held-out fold's counts from the totals (cheap for NB),
 * then scores the held-out rows. Returns logits[r * C + c].
 */
export function naiveBayesOutOfFoldScores(
  X: CsrMatrix,
  y: ArrayLike<number>,
  nClasses: number,
  opts: NaiveBayesOptions,
  folds: number[][],
): Float64Array {
  const C = nClasses;
  const total = classFeatureCounts(X, y, C);
  const logits = new Float64Array(X.rows * C);
  for (const fold of folds) {
    const held = classFeatureCounts(X, y, C, fold);
    const counts = new Float64Array(total.counts.length);
    // Clamped: float sums of tf-idf values can leave -1e-16 residues.
    for (let i = 0; i < counts.length; i++) counts[i] = Math.max(0, total.counts[i] - held.counts[i]);
    const docs = new Float64Array(C);
    for (let c = 0; c < C; c++) docs[c] = total.docs[c] - held.docs[c];
    const { weights, bias } = naiveBayesWeights({ counts, docs }, X.cols, C, opts);
    for (const r of fold) {
      for (let c = 0; c < C; c++) logits[r * C + c] = bias[c];
      for (let p = X.rowPtr[r]; p < X.rowPtr[r + 1]; p++) {
        const base = X.colIdx[p] * C;
        const v = X.values[p];
        for (let c = 0; c < C; c++) logits[r * C + c] += v * weights[base + c];
      }
    }
  }
  return logits;
}
