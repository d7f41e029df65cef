// Seeded randomness. Every random choice in training and evaluation goes
// through here so results are reproducible run to run.

/** mulberry32: tiny, fast 32-bit PRNG; returns floats in [0, 1). */
export function createRng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Fisher–Yates shuffle of a copy of `items` with a seeded generator. */
export function seededShuffle<T>(items: readonly T[], seed: number): T[] {
  const out = items.slice();
  shuffleInPlace(out, createRng(seed));
  return out;
}

/** Fisher–Yates shuffle in place, drawing from `rng` (floats in [0, 1)). */
export function shuffleInPlace(a: { length: number; [i: number]: unknown }, rng: () => number): void {
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    const tmp = a[i];
    a[i] = a[j];
    a[j] = tmp;
  }
}

/**
 * Stratified k folds: the rows of every class are shuffled and dealt round-robin,
 * so each fold gets (almost) the same class proportions. Returns the row
 * indices of each fold, sorted ascending.
 */
export function stratifiedFolds(classOfRow: ArrayLike<number | string>, k: number, seed: number): number[][] {
  const byClass = new Map<number | string, number[]>();
  for (let r = 0; r < classOfRow.length; r++) {
    const key = classOfRow[r];
    let rows = byClass.get(key);
    if (!rows) byClass.set(key, (rows = []));
    rows.push(r);
  }
  const folds: number[][] = Array.from({ length: k }, () => []);
  // Classes are visited in a fixed (sorted) order, and each class starts
  // dealing where the previous one stopped, so fold sizes differ by at most one.
  const keys = [...byClass.keys()].sort((a, b) => (String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0));
  let next = 0;
  let salt = 0;
  for (const key of keys) {
    const rows = seededShuffle(byClass.get(key)!, (seed ^ Math.imul(++salt, 0x9e3779b1)) >>> 0);
    for (const r of rows) {
      folds[next].push(r);
      next = (next + 1) % k;
    }
  }
  for (const f of folds) f.sort((a, b) => a - b);
  return folds;
}
