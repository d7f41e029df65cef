// Turns a selection of labelled rows into train and test sets.
import type { TestSelection } from "./selection";

export type LabelledRow = { id: number; text: string; label: string; occurredAt: Date | null };
export type Split = { train: LabelledRow[]; test: LabelledRow[] };

/** A small seeded generator (mulberry32) so a hold-out with the same seed repeats exactly. */
function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Stratified hold-out: the same share of every label goes to the test set, so a rare
 * class is never missing from it.
 */
export function holdoutSplit(rows: LabelledRow[], percent: number, seed: number): Split {
  const random = seededRandom(seed);
  const byLabel = new Map<string, LabelledRow[]>();
  for (const row of rows) {
    const list = byLabel.get(row.label);
    if (list) list.push(row);
    else byLabel.set(row.label, [row]);
  }
  const train: LabelledRow[] = [];
  const test: LabelledRow[] = [];
  for (const label of [...byLabel.keys()].sort()) {
    const list = byLabel.get(label)!.slice();
    for (let i = list.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [list[i], list[j]] = [list[j], list[i]];
    }
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
