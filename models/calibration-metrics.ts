// How honest a model's confidence is: among predictions shown at ~80%, about 80% should be
// right. The product shows the confidence next to every label and the priority rules act on
// it, so a model that says 100% and is right 70% of the time misleads both.

import { ModelInputError } from "./errors";

export interface ReliabilityBin {
  /** Confidences in [from, to) (the last bin includes 1). */
  from: number;
  to: number;
  n: number;
  /** Mean confidence shown in the bin, and the share of its predictions that were right (NaN when empty). */
  meanConfidence: number;
  accuracy: number;
}

export interface CalibrationReport {
  /** Expected calibration error: Σ_bins (n_b / N) · |accuracy_b − meanConfidence_b|. */
  ece: number;
  /** The largest |accuracy − confidence| over non-empty bins. */
  maxGap: number;
  bins: ReliabilityBin[];
  /** Share of predictions shown at 99% or more. */
  atLeast99: number;
  meanConfidence: number;
  accuracy: number;
  n: number;
}

/**
 * Reliability of top-label confidences against whether each prediction was right, in
 * `nBins` equal-width bins over [0, 1] (the usual 10 for ECE; Guo et al. 2017).
 */
export function calibrationOf(confidences: readonly number[], correct: readonly boolean[], nBins = 10): CalibrationReport {
  if (confidences.length !== correct.length) throw new ModelInputError(`confidences and outcomes differ in length (${confidences.length} vs ${correct.length})`);
  if (confidences.length === 0) throw new ModelInputError("nothing to measure: no predictions");
  if (!Number.isInteger(nBins) || nBins < 1) throw new ModelInputError(`bins must be a positive integer, got ${nBins}`);
  const n = confidences.length;
  const count = new Float64Array(nBins);
  const confSum = new Float64Array(nBins);
  const rightSum = new Float64Array(nBins);
  let high = 0;
  let confTotal = 0;
  let rightTotal = 0;
  for (let i = 0; i < n; i++) {
    const p = confidences[i];
    if (!(p >= 0 && p <= 1)) throw new ModelInputError(`confidence ${i} is not a probability: ${p}`);
    const b = Math.min(nBins - 1, Math.floor(p * nBins));
    count[b]++;
    confSum[b] += p;
    if (correct[i]) rightSum[b]++;
    if (p >= 0.99) high++;
    confTotal += p;
    if (correct[i]) rightTotal++;
  }
  let ece = 0;
  let maxGap = 0;
  const bins: ReliabilityBin[] = [];
  for (let b = 0; b < nBins; b++) {
    const meanConfidence = count[b] > 0 ? confSum[b] / count[b] : NaN;
    const accuracy = count[b] > 0 ? rightSum[b] / count[b] : NaN;
    if (count[b] > 0) {
      const gap = Math.abs(accuracy - meanConfidence);
      ece += (count[b] / n) * gap;
      maxGap = Math.max(maxGap, gap);
    }
    bins.push({ from: b / nBins, to: (b + 1) / nBins, n: count[b], meanConfidence, accuracy });
  }
  return { ece, maxGap, bins, atLeast99: high / n, meanConfidence: confTotal / n, accuracy: rightTotal / n, n };
}
