// Probability calibration by temperature scaling: p = softmax(score / T).
//
// Raw naive Bayes log-joints are far too confident (word counts are treated
// as independent evidence), which would hide exactly the uncertain messages a
// supervisor should review. One scalar T fitted on out-of-fold scores fixes
// most of that without changing which class wins.

/** Softmax of scores[offset .. offset+C) / T into out. */
export function softmaxInto(scores: ArrayLike<number>, offset: number, C: number, temperature: number, out: Float64Array): void {
  let max = -Infinity;
  for (let c = 0; c < C; c++) if (scores[offset + c] > max) max = scores[offset + c];
  let sum = 0;
  for (let c = 0; c < C; c++) {
    const e = Math.exp((scores[offset + c] - max) / temperature);
    out[c] = e;
    sum += e;
  }
  for (let c = 0; c < C; c++) out[c] /= sum;
}

/** Mean negative log-likelihood of the true classes under softmax(logits / T). */
export function meanNll(logits: Float64Array, y: ArrayLike<number>, C: number, temperature: number): number {
  const n = y.length;
  let total = 0;
  for (let r = 0; r < n; r++) {
    const o = r * C;
    let max = -Infinity;
    for (let c = 0; c < C; c++) if (logits[o + c] > max) max = logits[o + c];
    let sum = 0;
    for (let c = 0; c < C; c++) sum += Math.exp((logits[o + c] - max) / temperature);
    total += Math.log(sum) - (logits[o + y[r]] - max) / temperature;
  }
  return total / Math.max(1, n);
}

/** Temperature minimising the NLL, by golden-section search on ln T in [-6, 6]. */
export function fitTemperature(logits: Float64Array, y: ArrayLike<number>, C: number): number {
  if (y.length === 0) return 1;
  // Shift every row so its maximum is 0 once, instead of in every evaluation.
  const shifted = new Float64Array(logits.length);
  for (let r = 0; r < y.length; r++) {
    const o = r * C;
    let max = -Infinity;
    for (let c = 0; c < C; c++) if (logits[o + c] > max) max = logits[o + c];
    for (let c = 0; c < C; c++) shifted[o + c] = logits[o + c] - max;
  }
  const f = (lnT: number) => meanNll(shifted, y, C, Math.exp(lnT));
  let lo = -6;
  let hi = 6;
  const g = (Math.sqrt(5) - 1) / 2;
  let x1 = hi - g * (hi - lo);
  let x2 = lo + g * (hi - lo);
  let f1 = f(x1);
  let f2 = f(x2);
  // 30 steps shrink the bracket to 12·0.618^30 ≈ 6e-6 in ln T: far below
  // anything that changes a probability visibly.
  for (let it = 0; it < 30; it++) {
    if (f1 < f2) {
      hi = x2;
      x2 = x1;
      f2 = f1;
      x1 = hi - g * (hi - lo);
      f1 = f(x1);
    } else {
      lo = x1;
      x1 = x2;
      f1 = f2;
      x2 = lo + g * (hi - lo);
      f2 = f(x2);
    }
  }
  return Math.exp((lo + hi) / 2);
}

/**
 * Per-class score offsets that maximise macro-F1 of argmax(logit + offset)
 * on out-of-fold scores, by coordinate ascent (class 0 stays at 0, offsets
 * are relative). Skewed data makes every model favour the big class; this
 * moves the decision boundaries back, which is what a macro-averaged metric
 * (and a supervisor hunting the rare angry or happy customer) rewards.
 *
 * Each coordinate step is a sweep: as offset_c grows, row r switches to
 * class c at one threshold (its best other score minus its class-c score).
 * Thresholds are bucketed at `resolution` (counting sort, O(n) — a
 * comparison sort per step dominated the training time) and the buckets are
 * swept in order, updating the confusion counts incrementally.
 */
export function fitMacroF1Offsets(logits: Float64Array, y: ArrayLike<number>, C: number, range: number, resolution = 0.01, rounds = 3): Float64Array {
  const n = y.length;
  const offsets = new Float64Array(C);
  const tp = new Float64Array(C);
  const predicted = new Float64Array(C);
  const actual = new Float64Array(C);
  for (let r = 0; r < n; r++) actual[y[r]]++;
  const nBuckets = Math.max(1, Math.ceil((2 * range) / resolution));
  const head = new Int32Array(nBuckets);
  const next = new Int32Array(n);
  const other = new Int32Array(n);
  const macro = () => {
    let sum = 0;
    for (let c = 0; c < C; c++) {
      const d = predicted[c] + actual[c];
      sum += d > 0 ? (2 * tp[c]) / d : 0;
    }
    return sum / C;
  };
  for (let round = 0; round < rounds; round++) {
    let changed = false;
    for (let c = 1; c < C; c++) {
      tp.fill(0);
      predicted.fill(0);
      head.fill(-1);
      const early: number[] = [];
      // Start with class c never chosen: each row goes to its best other class.
      for (let r = 0; r < n; r++) {
        const o = r * C;
        let best = -1;
        let bestScore = -Infinity;
        for (let j = 0; j < C; j++) {
          if (j === c) continue;
          const s = logits[o + j] + offsets[j];
          if (s > bestScore) {
            bestScore = s;
            best = j;
          }
        }
        other[r] = best;
        predicted[best]++;
        if (best === y[r]) tp[best]++;
        const t = bestScore - logits[o + c];
        if (t < -range) early.push(r);
        else if (t < range) {
          const b = Math.min(nBuckets - 1, Math.floor((t + range) / resolution));
          next[r] = head[b];
          head[b] = r;
        }
      }
      const switchRow = (r: number) => {
        const from = other[r];
        predicted[from]--;
        if (from === y[r]) tp[from]--;
        predicted[c]++;
        if (c === y[r]) tp[c]++;
      };
      for (const r of early) switchRow(r);
      const filled: number[] = [];
      for (let b = 0; b < nBuckets; b++) if (head[b] >= 0) filled.push(b);
      // Each outcome holds on an interval of offsets: from the upper edge of
      // the last switched bucket to the lower edge of the next one. Within
      // it, prefer 0 (no shift) when possible, else the middle (most margin).
      const pick = (lo: number, hi: number) => (lo <= 0 && 0 <= hi ? 0 : (lo + hi) / 2);
      let bestF1 = macro();
      let bestValue = pick(-range, filled.length > 0 ? -range + filled[0] * resolution : range);
      for (let i = 0; i < filled.length; i++) {
        const b = filled[i];
        for (let r = head[b]; r >= 0; r = next[r]) switchRow(r);
        const value = pick(-range + (b + 1) * resolution, i + 1 < filled.length ? -range + filled[i + 1] * resolution : range);
        const f = macro();
        // Ties go to the smaller shift: offsets stay near 0 unless the data asks.
        if (f > bestF1 + 1e-12 || (f > bestF1 - 1e-12 && Math.abs(value) < Math.abs(bestValue))) {
          bestF1 = Math.max(bestF1, f);
          bestValue = value;
        }
      }
      if (Math.abs(bestValue - offsets[c]) > 1e-9) changed = true;
      offsets[c] = bestValue;
    }
    if (!changed) break;
  }
  return offsets;
}
