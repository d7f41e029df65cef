// Generated demo text as a prior, never as the bulk of the training data once a company
// has labels of its own. Measured on real customer text (airline tweets, issue 16): naive
// Bayes on the demo rows plus 1,000 real rows reached macro-F1 0.562, the 1,000 real rows
// alone 0.682, and 300 real rows alone already 0.63. So demo rows help only while real
// labels are very few, and then only as a minority that the real labels outweigh.
import { holdoutSplit, type LabelledRow } from "./split";

/** From this many real labels on, an offered run leaves demo text out altogether. */
export const REAL_LABELS_WITHOUT_DEMO = 300;
/** Below that, at most one demo row per this many real labels: real labels outweigh the prior 2 to 1. */
export const REAL_LABELS_PER_DEMO_ROW = 2;

/** How many demo rows an offered run may use as a prior next to `realLabels` labels of the company's own (0: none). */
export function demoRowsAllowed(realLabels: number): number {
  if (realLabels >= REAL_LABELS_WITHOUT_DEMO) return 0;
  return Math.floor(realLabels / REAL_LABELS_PER_DEMO_ROW);
}

// A seed of its own: the hold-out split ranks rows by a hash seeded with the test seed, and
// sampling the prior with that same ranking would pick exactly the rows the hold-out then
// takes for testing.
const PRIOR_SEED = 7919;

/**
 * At most `limit` of the demo rows, the same share of every label, chosen by a seeded hash
 * of their text: the same rows in every run, so a rebuilt selection is the one trained on.
 */
export function sampleDemoRows(rows: LabelledRow[], limit: number): LabelledRow[] {
  if (limit >= rows.length) return rows;
  if (limit <= 0) return [];
  // Rounding within each label can overshoot by a row or two: "at most" holds.
  return holdoutSplit(rows, (limit / rows.length) * 100, PRIOR_SEED).test.slice(0, limit);
}
