// Open-addressing hash map from a pair of non-negative int32 ids to an int32
// value, growing as pairs are added. Training counts candidate bigrams by
// (first token id, second token id) with it; doing that with a JS Map would
// need a string ("a b") or a >2^31 number key per pair, both of which
// allocate. (A finished feature space looks bigrams up in a BigramIndex.)
//
// Keys and value of a slot sit next to each other in one Int32Array (stride
// 4), so a probe costs one cache line instead of three scattered reads —
// with 10^5 bigrams the table is far larger than the CPU cache.

const EMPTY = -1;
const STRIDE = 4;

export class IntPairMap {
  private table: Int32Array;
  private mask: number;
  private count = 0;

  constructor(expectedSize = 16) {
    let cap = 16;
    while (cap < expectedSize * 2) cap *= 2;
    this.table = IntPairMap.emptyTable(cap);
    this.mask = cap - 1;
  }

  private static emptyTable(cap: number): Int32Array {
    const t = new Int32Array(cap * STRIDE);
    for (let i = 0; i < t.length; i += STRIDE) t[i] = EMPTY;
    return t;
  }

  get size(): number {
    return this.count;
  }

  /** Offset (in the table) of the slot holding (a, b), or of the empty slot where it would go. */
  private find(a: number, b: number): number {
    // Multiplicative mixing of both ids; the xor-shifts spread the high bits.
    let h = Math.imul(a, 0x9e3779b1) ^ Math.imul(b + 0x7f4a7c15, 0x85ebca6b);
    h ^= h >>> 15;
    h = Math.imul(h, 0x2c1b3c6d);
    h ^= h >>> 13;
    const t = this.table;
    const mask = this.mask;
    let i = h & mask;
    for (;;) {
      const o = i * STRIDE;
      const ka = t[o];
      if (ka === EMPTY || (ka === a && t[o + 1] === b)) return o;
      i = (i + 1) & mask;
    }
  }

  /** Value stored for (a, b), or `missing` when absent. */
  get(a: number, b: number, missing = -1): number {
    const o = this.find(a, b);
    return this.table[o] === EMPTY ? missing : this.table[o + 2];
  }

  set(a: number, b: number, value: number): void {
    const o = this.find(a, b);
    const t = this.table;
    if (t[o] === EMPTY) {
      t[o] = a;
      t[o + 1] = b;
      t[o + 2] = value;
      this.count++;
      if (this.count * 2 > this.mask) this.grow();
      return;
    }
    t[o + 2] = value;
  }

  forEach(fn: (a: number, b: number, value: number) => void): void {
    const t = this.table;
    for (let o = 0; o < t.length; o += STRIDE) if (t[o] !== EMPTY) fn(t[o], t[o + 1], t[o + 2]);
  }

  private grow(): void {
    const old = this.table;
    const cap = (old.length / STRIDE) * 2;
    this.table = IntPairMap.emptyTable(cap);
    this.mask = cap - 1;
    for (let o = 0; o < old.length; o += STRIDE) {
      if (old[o] === EMPTY) continue;
      const n = this.find(old[o], old[o + 1]);
      this.table[n] = old[o];
      this.table[n + 1] = old[o + 1];
      this.table[n + 2] = old[o + 2];
    }
  }
}
