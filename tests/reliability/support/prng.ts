// A seeded PRNG (mulberry32) so a failing fuzz or load run can be replayed exactly:
// the seed is printed, and RELIABILITY_SEED=<seed> repeats it.
export type Rng = {
  seed: number;
  next(): number;
  int(n: number): number;
  pick<T>(items: readonly T[]): T;
  chance(p: number): boolean;
};

export function createRng(seed: number): Rng {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    seed,
    next,
    int: (n) => Math.floor(next() * n),
    pick: (items) => items[Math.floor(next() * items.length)],
    chance: (p) => next() < p,
  };
}

/** The run's seed: RELIABILITY_SEED when given (to replay), else a fresh one. Printed either way. */
export function suiteSeed(part: string): number {
  const seed = process.env.RELIABILITY_SEED ? Number(process.env.RELIABILITY_SEED) : Math.floor(Math.random() * 2 ** 31);
  console.log(`[reliability] ${part}: seed ${seed} (replay with RELIABILITY_SEED=${seed})`);
  return seed;
}
