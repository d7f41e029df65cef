// Token text → dense int id, looked up by a range of the source text.
//
// Hand-rolled instead of a Map<string, number> because prediction has to
// sustain >150k texts/s: a Map needs every token as a JS string (one slice
// allocation per word) and hashes it again on every lookup. Here the
// tokenizer computes the hash while it scans a word's characters, and the
// table compares the candidate's characters against the source text in
// place, so an ordinary word is looked up without allocating anything.
//
// Open addressing with linear probing. A slot is [id + 1 (0 = empty), hash]
// in one Int32Array: 8 bytes, so the slots of a 10^4-word model take 256 kB
// instead of the 512 kB that [id, hash, offset, length] took, and more of
// them stay in the CPU cache. Only a slot whose hash matches costs the
// lookup of its characters (offset and end in `starts`, then the pool).

const STRIDE = 2;
/** Multiplier of the polynomial hash h = h·M + c (mod 2^32); the tokenizer inlines the step. */
export const HASH_MULTIPLIER = 0x01000193;
const M = HASH_MULTIPLIER;

/** M^k mod 2^32 for short words. */
const POWERS = new Int32Array(64);
POWERS[0] = 1;
for (let k = 1; k < POWERS.length; k++) POWERS[k] = Math.imul(POWERS[k - 1], M);

/** Hash of src[start, end), continuing from `h` (0 for a fresh token). */
export function hashRange(src: string, start: number, end: number, h = 0): number {
  for (let i = start; i < end; i++) h = (Math.imul(h, M) + src.charCodeAt(i)) | 0;
  return h;
}

export function hashText(s: string): number {
  return hashRange(s, 0, s.length, 0);
}

/**
 * Hash of prefix + word from the two parts' hashes: the polynomial hash
 * composes as h(p + w) = h(p)·M^|w| + h(w), so a negated word ("NOT_good")
 * costs no second pass over its characters.
 */
export function hashConcat(prefixHash: number, wordHash: number, wordLength: number): number {
  let p = prefixHash;
  if (wordLength < POWERS.length) p = Math.imul(p, POWERS[wordLength]);
  else for (let i = 0; i < wordLength; i++) p = Math.imul(p, M);
  return (p + wordHash) | 0;
}

/** Scrambles the polynomial hash so that its low bits (the slot index) depend on every character. */
function slotOf(h: number, mask: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h & mask;
}

export class TokenTable {
  private slots: Int32Array;
  private mask: number;
  private pool: Uint16Array;
  private poolUsed = 0;
  /** id → offset of its characters in the pool (the next id's offset ends them). */
  private starts: Int32Array;
  private count = 0;

  constructor(expectedSize = 16) {
    let cap = 16;
    while (cap < expectedSize * 2) cap *= 2;
    this.slots = new Int32Array(cap * STRIDE);
    this.mask = cap - 1;
    this.pool = new Uint16Array(Math.max(64, expectedSize * 8));
    this.starts = new Int32Array(Math.max(16, expectedSize) + 1);
  }

  static fromTexts(texts: readonly string[]): TokenTable {
    const t = new TokenTable(texts.length);
    for (const s of texts) t.add(s);
    return t;
  }

  get size(): number {
    return this.count;
  }

  /** Id of src[start, end) (hash from hashRange), or -1. */
  idOfRange(h: number, src: string, start: number, end: number): number {
    return this.idOfPrefixedRange(h, "", src, start, end);
  }

  /** Id of prefix + src[start, end); `h` must be the hash of that whole text (see hashConcat). */
  idOfPrefixedRange(h: number, prefix: string, src: string, start: number, end: number): number {
    const plen = prefix.length;
    const len = plen + end - start;
    const s = this.slots;
    const pool = this.pool;
    const mask = this.mask;
    const starts = this.starts;
    for (let i = slotOf(h, mask); ; i = (i + 1) & mask) {
      const o = i * STRIDE;
      const id1 = s[o];
      if (id1 === 0) return -1;
      if (s[o + 1] !== h) continue;
      const base = starts[id1 - 1];
      if (starts[id1] - base !== len) continue;
      let k = 0;
      while (k < plen && pool[base + k] === prefix.charCodeAt(k)) k++;
      if (k < plen) continue;
      const at = base + plen - start;
      k = start;
      while (k < end && pool[at + k] === src.charCodeAt(k)) k++;
      if (k === end) return id1 - 1;
    }
  }

  /** Id of a token given as a string, or -1. */
  idOf(token: string, h = hashText(token)): number {
    return this.idOfRange(h, token, 0, token.length);
  }

  /** Id of src[start, end), added with the next free id when new. */
  addRange(h: number, src: string, start: number, end: number): number {
    const found = this.idOfRange(h, src, start, end);
    if (found >= 0) return found;
    const id = this.count++;
    const len = end - start;
    if (this.poolUsed + len > this.pool.length) {
      const bigger = new Uint16Array(Math.max(this.pool.length * 2, this.poolUsed + len));
      bigger.set(this.pool.subarray(0, this.poolUsed));
      this.pool = bigger;
    }
    const at = this.poolUsed;
    for (let k = 0; k < len; k++) this.pool[at + k] = src.charCodeAt(start + k);
    this.poolUsed += len;
    if (id + 2 > this.starts.length) {
      const bigger = new Int32Array(this.starts.length * 2);
      bigger.set(this.starts);
      this.starts = bigger;
    }
    this.starts[id] = at;
    this.starts[id + 1] = this.poolUsed;
    this.place(id, h);
    if (this.count * 2 > this.mask) this.grow();
    return id;
  }

  /** Id of prefix + src[start, end) (hash as for idOfPrefixedRange), added when new. */
  addPrefixedRange(h: number, prefix: string, src: string, start: number, end: number): number {
    const found = this.idOfPrefixedRange(h, prefix, src, start, end);
    return found >= 0 ? found : this.addRange(h, prefix + src.slice(start, end), 0, prefix.length + end - start);
  }

  /** Id of a token, added when new. */
  add(token: string, h = hashText(token)): number {
    return this.addRange(h, token, 0, token.length);
  }

  /** The text of token `id`. */
  text(id: number): string {
    if (!(id >= 0 && id < this.count)) throw new RangeError(`no token with id ${id}`);
    const from = this.starts[id];
    const to = this.starts[id + 1];
    // Chunked: String.fromCharCode with a huge argument list overflows the stack.
    let s = "";
    for (let k = from; k < to; k += 4096) s += String.fromCharCode(...this.pool.subarray(k, Math.min(to, k + 4096)));
    return s;
  }

  /** Every token text, by id. */
  texts(): string[] {
    const out: string[] = new Array(this.count);
    for (let id = 0; id < this.count; id++) out[id] = this.text(id);
    return out;
  }

  private place(id: number, h: number): void {
    const s = this.slots;
    let i = slotOf(h, this.mask);
    while (s[i * STRIDE] !== 0) i = (i + 1) & this.mask;
    const o = i * STRIDE;
    s[o] = id + 1;
    s[o + 1] = h;
  }

  private grow(): void {
    const old = this.slots;
    const cap = (old.length / STRIDE) * 2;
    this.slots = new Int32Array(cap * STRIDE);
    this.mask = cap - 1;
    for (let o = 0; o < old.length; o += STRIDE) if (old[o] !== 0) this.place(old[o] - 1, old[o + 1]);
  }
}
