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
  const f = (lnT: number) => meanNll(logits, y, C, Math.exp(lnT));
  let lo = -6;
  let hi = 6;
  const g = (Math.sqrt(5) - 1) / 2;
  let x1 = hi - g * (hi - lo);
  let x2 = lo + g * (hi - lo);
  let f1 = f(x1);
  let f2 = f(x2);
  for (let it = 0; it < 50; it++) {
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

function macroF1OfShifted(logits: Float64Array, y: ArrayLike<number>, C: number, offsets: Float64Array, tp: Int32Array, predicted: Int32Array, actual: Int32Array): number {
  tp.fill(0);
  predicted.fill(0);
  actual.fill(0);
  for (let r = 0; r < y.length; r++) {
    const o = r * C;
    let best = 0;
    let bestScore = logits[o] + offsets[0];
    for (let c = 1; c < C; c++) {
      const s = logits[o + c] + offsets[c];
      if (s > bestScore) {
        bestScore = s;
        best = c;
      }
    }
    predicted[best]++;
    actual[y[r]]++;
    if (best === y[r]) tp[best]++;
  }
  let sum = 0;
  for (let c = 0; c < C; c++) {
    const denom = predicted[c] + actual[c];
    sum += denom > 0 ? (2 * tp[c]) / denom : 0;
  }
  return sum / C;
}

/**
 * Per-class score offsets that maximise macro-F1 of argmax(logit + offset)
 * on out-of-fold scores, by coordinate ascent over a grid (offsets are
 * relative, so class 0 stays at 0). Skewed data makes every model favour
 * the big class; this moves the decision boundaries back, which is what a
 * macro-averaged metric (and a supervisor hunting the rare angry or happy
 * customer) rewards. Offsets are in logit units of the given scores.
 */
export function fitMacroF1Offsets(logits: Float64Array, y: ArrayLike<number>, C: number, range: number, steps = 40, rounds = 3): Float64Array {
  const offsets = new Float64Array(C);
  const tp = new Int32Array(C);
  const predicted = new Int32Array(C);
  const actual = new Int32Array(C);
  let best = macroF1OfShifted(logits, y, C, offsets, tp, predicted, actual);
  for (let round = 0; round < rounds; round++) {
    let improved = false;
    for (let c = 1; c < C; c++) {
      const current = offsets[c];
      let bestValue = current;
      for (let s = -steps; s <= steps; s++) {
        offsets[c] = (range * s) / steps;
        const f = macroF1OfShifted(logits, y, C, offsets, tp, predicted, actual);
        // Strictly better only, and ties go to the smaller shift: keeps
        // offsets at 0 unless the data clearly asks for them.
        if (f > best + 1e-9 || (Math.abs(f - best) <= 1e-9 && Math.abs(offsets[c]) < Math.abs(bestValue))) {
          if (f > best + 1e-9) improved = true;
          best = Math.max(best, f);
          bestValue = offsets[c];
        }
      }
      offsets[c] = bestValue;
    }
    if (!improved) break;
  }
  return offsets;
}
