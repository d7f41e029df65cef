import { describe, expect, it } from "vitest";
import { createDemoRng, hash32, weightedPicker } from "@/lib/demo/generator/random";

describe("createDemoRng", () => {
  it("is deterministic per seed and differs between seeds", () => {
    const a = createDemoRng(42), b = createDemoRng(42), c = createDemoRng(43);
    const xa = Array.from({ length: 50 }, () => a.next());
    const xb = Array.from({ length: 50 }, () => b.next());
    const xc = Array.from({ length: 50 }, () => c.next());
    expect(xa).toEqual(xb);
    expect(xa).not.toEqual(xc);
  });

  it("next() stays in [0, 1) and is roughly uniform", () => {
    const rng = createDemoRng(1);
    const buckets = new Array(10).fill(0);
    for (let i = 0; i < 100_000; i++) {
      const x = rng.next();
      expect(x >= 0 && x < 1).toBe(true);
      buckets[Math.floor(x * 10)]++;
    }
    for (const n of buckets) expect(Math.abs(n - 10_000)).toBeLessThan(500);
  });

  it("int() is inclusive on both ends", () => {
    const rng = createDemoRng(2);
    const seen = new Set<number>();
    for (let i = 0; i < 2000; i++) {
      const v = rng.int(3, 7);
      expect(v).toBeGreaterThanOrEqual(3);
      expect(v).toBeLessThanOrEqual(7);
      seen.add(v);
    }
    expect([...seen].sort()).toEqual([3, 4, 5, 6, 7]);
  });

  it("pick, chance, weighted and shuffle behave", () => {
    const rng = createDemoRng(3);
    expect(() => rng.pick([])).toThrow();
    const counts = { a: 0, b: 0, c: 0 };
    for (let i = 0; i < 30_000; i++) counts[rng.weighted([["a", 1], ["b", 2], ["c", 0]] as const)]++;
    expect(counts.c).toBe(0);
    expect(counts.b / counts.a).toBeGreaterThan(1.8);
    expect(counts.b / counts.a).toBeLessThan(2.2);
    let hits = 0;
    for (let i = 0; i < 10_000; i++) if (rng.chance(0.3)) hits++;
    expect(Math.abs(hits - 3000)).toBeLessThan(200);
    const arr = Array.from({ length: 20 }, (_, i) => i);
    const shuffled = rng.shuffle([...arr]);
    expect(shuffled).not.toEqual(arr);
    expect([...shuffled].sort((x, y) => x - y)).toEqual(arr);
  });

  it("weightedPicker matches the weights and forks are independent but reproducible", () => {
    const rng = createDemoRng(4);
    const pick = weightedPicker([["x", 3], ["y", 1]] as const);
    let x = 0;
    for (let i = 0; i < 20_000; i++) if (pick(rng) === "x") x++;
    expect(x / 20_000).toBeGreaterThan(0.73);
    expect(x / 20_000).toBeLessThan(0.77);
    expect(createDemoRng(9).fork(1).next()).toBe(createDemoRng(9).fork(1).next());
    expect(createDemoRng(9).fork(1).next()).not.toBe(createDemoRng(9).fork(2).next());
    expect(hash32(1, 2)).toBe(hash32(1, 2));
    expect(hash32(1, 2)).not.toBe(hash32(2, 1));
  });
});
