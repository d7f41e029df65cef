/**
 * Seeded pseudo-random numbers for demo data.
 *
 * Why not Math.random: demo databases, tests and benchmarks must be reproducible from a
 * single seed. sfc32 is used because it is tiny, passes PractRand for far more output
 * than we ever draw, and runs on 32-bit integer ops that V8 keeps unboxed (fast enough
 * for millions of draws per second). The four state words are filled by splitmix32 so
 * that nearby seeds (1, 2, 3...) still give unrelated streams. It is not the models'
 * mulberry32 (models/random.ts): forks and weighted picks are what the demo needs, and
 * keeping it keeps every seed's demo data as it was.
 */
import { shuffleInPlace } from "@/models/random";

export interface Rng {
  /** Uniform float in [0, 1). */
  next(): number;
  /** Uniform integer in [min, max], both inclusive. */
  int(min: number, max: number): number;
  /** Uniform element of a non-empty array. */
  pick<T>(arr: readonly T[]): T;
  /** Element chosen with probability proportional to its weight (weights >= 0, sum > 0). */
  weighted<T>(items: readonly (readonly [T, number])[]): T;
  /** True with probability p. */
  chance(p: number): boolean;
  /** Fisher–Yates shuffle in place; returns the same array for chaining. */
  shuffle<T>(arr: T[]): T[];
  /** An independent generator derived from this one (consumes one draw), optionally salted. */
  fork(salt?: number): Rng;
}

const TWO_POW_32 = 4294967296;

/** splitmix32 step: a good integer mixer, used for seeding and hashing. */
export function mix32(x: number): number {
  let t = (x + 0x9e3779b9) | 0;
  t = Math.imul(t ^ (t >>> 16), 0x21f0aaad);
  t = Math.imul(t ^ (t >>> 15), 0x735a2d97);
  return (t ^ (t >>> 15)) >>> 0;
}

/** Stable 32-bit hash of several integers (e.g. seed + account index) without drawing from a stream. */
export function hash32(...values: number[]): number {
  let h = 0x811c9dc5;
  for (const v of values) {
    const lo = v >>> 0;
    const hi = Math.floor(v / TWO_POW_32) >>> 0;
    h = mix32(h ^ lo);
    h = mix32(h ^ hi);
  }
  return h;
}

export function createDemoRng(seed: number): Rng {
  if (!Number.isFinite(seed)) throw new RangeError(`seed must be a finite number, got ${seed}`);
  // Fold the whole seed (including bits above 2^32 and fractions) into 32 bits.
  let s = hash32(Math.floor(seed), Math.round((seed - Math.floor(seed)) * TWO_POW_32));
  s = mix32(s);
  let a = s;
  let b = mix32(a);
  let c = mix32(b);
  let d = mix32(c);

  const nextU32 = (): number => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return t >>> 0;
  };
  // Discard the first outputs: sfc32's authors recommend a short warm-up.
  for (let i = 0; i < 12; i++) nextU32();

  const next = (): number => nextU32() / TWO_POW_32;

  const rng: Rng = {
    next,
    int(min, max) {
      return min + Math.floor(next() * (max - min + 1));
    },
    pick<T>(arr: readonly T[]): T {
      if (arr.length === 0) throw new RangeError("pick() from an empty array");
      return arr[Math.floor(next() * arr.length)];
    },
    weighted<T>(items: readonly (readonly [T, number])[]): T {
      let total = 0;
      for (const [, w] of items) total += w;
      if (!(total > 0)) throw new RangeError("weighted() needs a positive total weight");
      let r = next() * total;
      for (const [item, w] of items) {
        r -= w;
        if (r < 0) return item;
      }
      // Floating-point leftovers land on the last positive-weight item.
      for (let i = items.length - 1; i >= 0; i--) if (items[i][1] > 0) return items[i][0];
      return items[items.length - 1][0];
    },
    chance(p) {
      return next() < p;
    },
    shuffle<T>(arr: T[]): T[] {
      shuffleInPlace(arr, next);
      return arr;
    },
    fork(salt = 0) {
      return createDemoRng(hash32(nextU32(), salt));
    },
  };
  return rng;
}

/**
 * Precomputed weighted choice for hot loops: `rng.weighted` re-sums the weights on every
 * call, which matters when it runs millions of times with the same table.
 */
export function weightedPicker<T>(items: readonly (readonly [T, number])[]): (rng: Rng) => T {
  const values: T[] = [];
  const cumulative: number[] = [];
  let total = 0;
  for (const [item, w] of items) {
    if (w < 0 || !Number.isFinite(w)) throw new RangeError(`invalid weight ${w}`);
    if (w === 0) continue;
    total += w;
    values.push(item);
    cumulative.push(total);
  }
  if (values.length === 0) throw new RangeError("weightedPicker needs a positive total weight");
  const last = values.length - 1;
  return (rng) => {
    const r = rng.next() * total;
    // Tables here are short (< 12 entries), so a linear scan beats binary search.
    for (let i = 0; i < last; i++) if (r < cumulative[i]) return values[i];
    return values[last];
  };
}
