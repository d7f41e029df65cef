// The models' seeded PRNG (mulberry32, models/random.ts) with the helpers the fuzz and load
// runs draw with, so a failing run can be replayed exactly: the seed is printed, and
// RELIABILITY_SEED=<seed> repeats it.
import { createRng } from "@/models/random";

export type Rng = {
  seed: number;
  next(): number;
  int(n: number): number;
  pick<T>(items: readonly T[]): T;
  chance(p: number): boolean;
};

export function seededRng(seed: number): Rng {
  const next = createRng(seed);
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
