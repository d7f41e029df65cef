// Bigram features of a fixed feature space, looked up by (first token id,
// second token id) at prediction time.
//
// Laid out as sorted follower lists per first word (compressed sparse rows)
// rather than a hash table: a hash table with room to probe was ~1 MB for
// the 20k bigrams of the airline model and every probe was a cache miss at a
// random place; here all bigrams starting with one word sit together
// (8 bytes each, 160 kB in all), and the words that start many bigrams
// ("<mention>", "not", "the") are the frequent ones whose lists stay cached.
// Second words and feature ids are kept in separate arrays, so a search
// reads 16 candidate words per cache line instead of 8.

/** Lists shorter than this are scanned instead of binary-searched. */
const LINEAR_SCAN = 8;

export class BigramIndex {
  /** Bigrams starting with token a are entries start[a] .. start[a+1]. */
  private readonly start: Int32Array;
  /** Entry k is (second[k], feature[k]); sorted by second token within each list. */
  private readonly second: Int32Array;
  private readonly feature: Int32Array;

  /** `triples` holds (first token id, second token id, feature id) flattened; ids < nTokens. */
  constructor(nTokens: number, triples: ArrayLike<number>) {
    const n = triples.length / 3;
    const start = new Int32Array(nTokens + 1);
    for (let i = 0; i < n; i++) start[triples[3 * i] + 1]++;
    for (let a = 0; a < nTokens; a++) start[a + 1] += start[a];
    const fill = start.slice(0, nTokens);
    const order = new Int32Array(n);
    for (let i = 0; i < n; i++) order[fill[triples[3 * i]]++] = i;
    const second = new Int32Array(n);
    const feature = new Int32Array(n);
    for (let a = 0; a < nTokens; a++) {
      const list = Array.from(order.subarray(start[a], start[a + 1])).sort((x, y) => triples[3 * x + 1] - triples[3 * y + 1]);
      for (let k = 0; k < list.length; k++) {
        const i = list[k];
        const at = start[a] + k;
        if (k > 0 && triples[3 * i + 1] === second[at - 1]) throw new Error(`duplicate bigram (${triples[3 * i]}, ${triples[3 * i + 1]})`);
        second[at] = triples[3 * i + 1];
        feature[at] = triples[3 * i + 2];
      }
    }
    this.start = start;
    this.second = second;
    this.feature = feature;
  }

  get size(): number {
    return this.second.length;
  }

  /** Feature id of the bigram (a, b), or -1. `a` must be a token id of this space (>= 0). */
  get(a: number, b: number): number {
    let lo = this.start[a];
    let hi = this.start[a + 1];
    const e = this.second;
    while (hi - lo > LINEAR_SCAN) {
      const mid = (lo + hi) >>> 1;
      if (e[mid] <= b) lo = mid;
      else hi = mid;
    }
    for (let k = lo; k < hi; k++) {
      const x = e[k];
      if (x === b) return this.feature[k];
      if (x > b) return -1;
    }
    return -1;
  }
}
