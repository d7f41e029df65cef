// Turns a selection of labelled rows into train and test sets.
import type { TestSelection } from "./selection";

/** datasetId: where the row came from (absent in rows made up by tests). */
export type LabelledRow = { id: number; text: string; label: string; occurredAt: Date | null; datasetId?: number };
export type Split = { train: LabelledRow[]; test: LabelledRow[] };

/** A 32-bit FNV-1a hash of the seed and a text: where a text falls is the same in every run. */
function rowKey(seed: number, text: string): number {
  let h = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

/**
 * Stratified hold-out: the same share of every label goes to the test set, so a rare
 * class is never missing from it. Within a label the rows are ranked by a seeded hash of
 * their text, and the lowest-ranked go to test. A text therefore lands on the same side in
 * every run with the same seed and share, whatever else was selected: adding corrections
 * moves only the few rows at the boundary, so a new version's test rows are (nearly) the
 * ones the active version was tested on rather than ones it learnt from, and the two can
 * be compared. Copies of one text rank together instead of straddling the split at random.
 */
export function holdoutSplit(rows: LabelledRow[], percent: number, seed: number): Split {
  const byLabel = new Map<string, LabelledRow[]>();
  for (const row of rows) {
    const list = byLabel.get(row.label);
    if (list) list.push(row);
    else byLabel.set(row.label, [row]);
  }
  const train: LabelledRow[] = [];
  const test: LabelledRow[] = [];
  for (const label of [...byLabel.keys()].sort()) {
    const list = byLabel
      .get(label)!
      .map((row) => ({ row, key: rowKey(seed, row.text) }))
      .sort((a, b) => a.key - b.key || a.row.id - b.row.id)
      .map((k) => k.row);
    const nTest = Math.round((list.length * percent) / 100);
    test.push(...list.slice(0, nTest));
    train.push(...list.slice(nTest));
  }
  return { train, test };
}

export function timeSplit(rows: LabelledRow[], splitAt: Date): Split {
  const at = splitAt.getTime();
  const dated = rows.filter((r) => r.occurredAt);
  return {
    train: dated.filter((r) => r.occurredAt!.getTime() < at),
    test: dated.filter((r) => r.occurredAt!.getTime() >= at),
  };
}

export function splitRows(rows: LabelledRow[], test: TestSelection, separateTest: LabelledRow[] = []): Split {
  switch (test.kind) {
    case "holdout":
      return holdoutSplit(rows, test.percent, test.seed);
    case "time":
      return timeSplit(rows, test.splitAt);
    case "dataset":
      return { train: rows, test: separateTest };
  }
}
