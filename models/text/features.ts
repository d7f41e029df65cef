// Word n-gram features: corpus encoding, vocabulary selection and sparse
// vectorisation.
//
// Training encodes every text once into integer token ids (one flat
// Int32Array for the whole corpus), so that document frequencies, bigram
// counts and the training matrix are all computed from ints instead of
// strings. Prediction maps tokens to ids through one Map lookup per token and
// one IntPairMap probe per bigram.

import { IntPairMap } from "./int-pair-map";
import type { Tokenizer } from "./tokenizer";

export type TermWeighting = "count" | "binary" | "sublinear";

export interface FeatureOptions {
  /** Longest word n-gram: 1 = unigrams, 2 = unigrams + bigrams. */
  ngramMax: 1 | 2;
  /** Minimum number of training documents a feature must occur in. */
  minDf: number;
  /**
   * Minimum document frequency of a bigram (never below minDf). Word pairs
   * seen once are most of the vocabulary but almost never recur in new
   * messages: dropping them shrinks the model ~3× at no cost in accuracy.
   */
  bigramMinDf: number;
  /** Keep at most this many features (most frequent first); 0 = no limit. */
  maxFeatures: number;
  /** Term frequency: raw counts, presence (binary), or 1 + ln(count). */
  weighting: TermWeighting;
  /** Multiply by smoothed inverse document frequency ln((1+n)/(1+df)) + 1. */
  idf: boolean;
  /** Scale every document vector to unit L2 length. */
  normalize: boolean;
}

export const DEFAULT_FEATURE_OPTIONS: Readonly<FeatureOptions> = Object.freeze({
  ngramMax: 2,
  minDf: 1,
  bigramMinDf: 2,
  maxFeatures: 0,
  weighting: "binary",
  idf: false,
  normalize: false,
});

/** Separator between the words of a bigram feature name; tokens never contain a space. */
export const NGRAM_SEPARATOR = " ";

// ---------------------------------------------------------------------------
// Corpus encoding

export interface EncodedCorpus {
  /** Token ids of all documents, concatenated. */
  tokenIds: Int32Array;
  /** Document d spans tokenIds[offsets[d] .. offsets[d+1]). */
  offsets: Int32Array;
  /** Token id → token string. */
  tokens: string[];
  /** Token string → token id. */
  index: Map<string, number>;
  /** Token id → number of documents containing it. */
  df: Int32Array;
  nDocs: number;
}

/** Tokenises every text once and replaces tokens by dense integer ids. */
export function encodeCorpus(
  texts: readonly string[],
  tokenizer: Tokenizer,
  onProgress?: (fraction: number) => void,
): EncodedCorpus {
  const n = texts.length;
  const ids = new Map<string, number>();
  const tokens: string[] = [];
  let df = new Int32Array(1024);
  let lastDoc = new Int32Array(1024).fill(-1);
  let flat = new Int32Array(Math.max(1024, n * 12));
  let used = 0;
  const offsets = new Int32Array(n + 1);
  const buf: string[] = [];
  const progressEvery = Math.max(1, Math.floor(n / 20));

  for (let d = 0; d < n; d++) {
    buf.length = 0;
    tokenizer.run(texts[d], buf, null);
    if (used + buf.length > flat.length) {
      const bigger = new Int32Array(Math.max(flat.length * 2, used + buf.length));
      bigger.set(flat.subarray(0, used));
      flat = bigger;
    }
    for (let k = 0; k < buf.length; k++) {
      const tok = buf[k];
      let id = ids.get(tok);
      if (id === undefined) {
        id = tokens.length;
        ids.set(tok, id);
        tokens.push(tok);
        if (id >= df.length) {
          const biggerDf = new Int32Array(df.length * 2);
          biggerDf.set(df);
          df = biggerDf;
          const biggerLast = new Int32Array(lastDoc.length * 2).fill(-1);
          biggerLast.set(lastDoc);
          lastDoc = biggerLast;
        }
      }
      flat[used++] = id;
      if (lastDoc[id] !== d) {
        lastDoc[id] = d;
        df[id]++;
      }
    }
    offsets[d + 1] = used;
    if (onProgress && (d + 1) % progressEvery === 0) onProgress((d + 1) / n);
  }
  return { tokenIds: flat.subarray(0, used), offsets, tokens, index: ids, df: df.subarray(0, tokens.length), nDocs: n };
}

// ---------------------------------------------------------------------------
// Vocabulary

export interface VocabularyEntry {
  name: string;
  df: number;
  /** Corpus token id of the (first) word. */
  a: number;
  /** Corpus token id of the second word of a bigram, -1 for a unigram. */
  b: number;
}

/**
 * Selects features: unigrams and (optionally) bigrams occurring in at least
 * `minDf` documents, the `maxFeatures` most frequent of them when limited.
 * Order is deterministic: document frequency descending, ties in order of
 * first occurrence in the corpus (unigrams before bigrams). Sorting uses
 * packed numeric keys: comparing ~10^5 names as strings took half a second.
 */
export function buildVocabulary(corpus: EncodedCorpus, opts: FeatureOptions): VocabularyEntry[] {
  const minDf = Math.max(1, Math.floor(opts.minDf));
  const bigramMinDf = Math.max(minDf, Math.floor(opts.bigramMinDf));
  const { tokenIds, offsets, df } = corpus;
  const nTokens = corpus.tokens.length;
  // Candidates as parallel arrays; entry i is unigram i (< nUni) or pair i - nUni.
  const candA: number[] = [];
  const candB: number[] = [];
  const candDf: number[] = [];
  for (let t = 0; t < nTokens; t++) {
    if (df[t] >= minDf) {
      candA.push(t);
      candB.push(-1);
      candDf.push(df[t]);
    }
  }
  if (opts.ngramMax >= 2) {
    // A bigram is never more frequent than either of its words, so pairs
    // with a rare word are skipped before they reach the hash table.
    const pairIndex = new IntPairMap(1 << 16);
    let pairDf = new Int32Array(1 << 16);
    let pairLast = new Int32Array(1 << 16);
    let pairA = new Int32Array(1 << 16);
    let pairB = new Int32Array(1 << 16);
    let nPairs = 0;
    for (let d = 0; d < corpus.nDocs; d++) {
      const end = offsets[d + 1];
      for (let k = offsets[d] + 1; k < end; k++) {
        const a = tokenIds[k - 1];
        const b = tokenIds[k];
        if (df[a] < minDf || df[b] < minDf) continue;
        let p = pairIndex.get(a, b);
        if (p < 0) {
          p = nPairs++;
          if (p >= pairDf.length) {
            const cap = pairDf.length * 2;
            pairDf = growInt32(pairDf, cap);
            pairLast = growInt32(pairLast, cap);
            pairA = growInt32(pairA, cap);
            pairB = growInt32(pairB, cap);
          }
          pairIndex.set(a, b, p);
          pairA[p] = a;
          pairB[p] = b;
          pairLast[p] = -1;
        }
        if (pairLast[p] !== d) {
          pairLast[p] = d;
          pairDf[p]++;
        }
      }
    }
    for (let p = 0; p < nPairs; p++) {
      if (pairDf[p] >= bigramMinDf) {
        candA.push(pairA[p]);
        candB.push(pairB[p]);
        candDf.push(pairDf[p]);
      }
    }
  }
  // key = (maxDf - df) * 2^26 + candidate index: ascending key = df
  // descending, then candidate order. Exact in float64 for < 2^26
  // candidates and < 2^27 documents.
  const nCand = candA.length;
  if (nCand >= 2 ** 26) throw new RangeError("too many candidate features (over 67M); raise minDf");
  let maxDf = 0;
  for (let i = 0; i < nCand; i++) if (candDf[i] > maxDf) maxDf = candDf[i];
  const keys = new Float64Array(nCand);
  for (let i = 0; i < nCand; i++) keys[i] = (maxDf - candDf[i]) * 67108864 + i;
  keys.sort();
  const limit = opts.maxFeatures > 0 ? Math.min(opts.maxFeatures, nCand) : nCand;
  const entries: VocabularyEntry[] = new Array(limit);
  for (let j = 0; j < limit; j++) {
    const i = keys[j] % 67108864;
    const a = candA[i];
    const b = candB[i];
    const name = b < 0 ? corpus.tokens[a] : corpus.tokens[a] + NGRAM_SEPARATOR + corpus.tokens[b];
    entries[j] = { name, df: candDf[i], a, b };
  }
  return entries;
}

function growInt32(a: Int32Array, cap: number): Int32Array<ArrayBuffer> {
  const b = new Int32Array(cap);
  b.set(a);
  return b;
}

// ---------------------------------------------------------------------------
// Sparse vectors and the feature space

/** Sparse vector as parallel arrays; only the first `length` entries are valid. */
export interface SparseVector {
  indices: Int32Array;
  values: Float64Array;
  length: number;
}

/** Compressed sparse rows: row r is cols/vals[rowPtr[r] .. rowPtr[r+1]). */
export interface CsrMatrix {
  rows: number;
  cols: number;
  rowPtr: Int32Array;
  colIdx: Int32Array;
  values: Float32Array;
}

/**
 * Maps token sequences to feature vectors for a fixed list of feature names.
 * Built the same way after training and after loading an artifact, so both
 * produce identical vectors.
 */
export class FeatureSpace {
  readonly names: readonly string[];
  readonly options: Readonly<FeatureOptions>;
  /** Per-feature idf multiplier (all 1 when idf is off). */
  readonly idf: Float64Array;
  /** token → local token id (tokens in no feature may map to an id with no feature). */
  private readonly tokenIndex: Map<string, number>;
  /** local token id → unigram feature id, or -1. */
  private readonly unigram: Int32Array;
  /** (local token id, local token id) → bigram feature id. */
  private readonly bigrams: IntPairMap;
  private readonly hasBigrams: boolean;
  /**
   * local token id → 1 when some bigram feature starts with it. Most rare
   * tokens start none, and this tiny array spares them a probe of the large
   * (cache-missing) bigram table.
   */
  private readonly startsBigram: Uint8Array;
  // Scratch buffer reused by every vectorisation (JS is single-threaded and
  // vectorisation never re-enters itself).
  private idBuf = new Int32Array(256);

  private constructor(
    names: readonly string[],
    options: FeatureOptions,
    idf: ArrayLike<number> | undefined,
    tokenIndex: Map<string, number>,
    unigram: Int32Array,
    bigrams: IntPairMap,
    nBigrams: number,
  ) {
    this.names = names;
    this.options = options;
    this.tokenIndex = tokenIndex;
    this.unigram = unigram;
    this.bigrams = bigrams;
    this.hasBigrams = nBigrams > 0;
    this.idf = new Float64Array(names.length).fill(1);
    if (idf) {
      if (idf.length !== names.length) throw new Error("idf length does not match the number of features");
      for (let f = 0; f < names.length; f++) this.idf[f] = idf[f];
    }
    this.startsBigram = new Uint8Array(unigram.length);
    bigrams.forEach((a) => (this.startsBigram[a] = 1));
  }

  /** Feature space of a list of feature names ("word" or "word word"), e.g. from an artifact. */
  static fromNames(names: readonly string[], options: FeatureOptions, idf?: ArrayLike<number>): FeatureSpace {
    const tokenIndex = new Map<string, number>();
    const local = (tok: string): number => {
      let id = tokenIndex.get(tok);
      if (id === undefined) {
        id = tokenIndex.size;
        tokenIndex.set(tok, id);
      }
      return id;
    };
    const unigramOf: number[] = [];
    const bigramOf: number[] = [];
    for (let f = 0; f < names.length; f++) {
      const name = names[f];
      const sep = name.indexOf(NGRAM_SEPARATOR);
      if (sep < 0) unigramOf[local(name)] = f;
      else bigramOf.push(local(name.slice(0, sep)), local(name.slice(sep + 1)), f);
    }
    const unigram = new Int32Array(tokenIndex.size).fill(-1);
    unigramOf.forEach((f, id) => (unigram[id] = f));
    const bigrams = new IntPairMap(Math.max(16, bigramOf.length / 3));
    for (let i = 0; i < bigramOf.length; i += 3) bigrams.set(bigramOf[i], bigramOf[i + 1], bigramOf[i + 2]);
    return new FeatureSpace(names, options, idf, tokenIndex, unigram, bigrams, bigramOf.length / 3);
  }

  /**
   * Feature space of vocabulary entries selected from an encoded corpus.
   * Reuses the corpus token ids (no re-splitting of names); behaves exactly
   * like fromNames on the same names.
   */
  static fromCorpus(corpus: EncodedCorpus, entries: readonly VocabularyEntry[], options: FeatureOptions, idf?: ArrayLike<number>): FeatureSpace {
    const unigram = new Int32Array(corpus.tokens.length).fill(-1);
    let nBigrams = 0;
    for (const e of entries) if (e.b >= 0) nBigrams++;
    const bigrams = new IntPairMap(Math.max(16, nBigrams));
    entries.forEach((e, f) => {
      if (e.b < 0) unigram[e.a] = f;
      else bigrams.set(e.a, e.b, f);
    });
    return new FeatureSpace(entries.map((e) => e.name), options, idf, corpus.index, unigram, bigrams, nBigrams);
  }

  get size(): number {
    return this.names.length;
  }

  /** Local token id of a token string, or -1 when the token is in no feature. */
  tokenId(token: string): number {
    const id = this.tokenIndex.get(token);
    return id === undefined ? -1 : id;
  }

  /** Translates ids of an encoded training corpus to local token ids (-1 = unused). */
  mapCorpusTokens(corpusTokens: readonly string[]): Int32Array {
    const map = new Int32Array(corpusTokens.length);
    for (let t = 0; t < corpusTokens.length; t++) map[t] = this.tokenId(corpusTokens[t]);
    return map;
  }

  /**
   * Every feature occurrence in a token list, with the token range it covers
   * (first..last inclusive). Used to map explanations back to text spans.
   */
  occurrences(tokens: readonly string[]): { feature: number; first: number; last: number }[] {
    const found: { feature: number; first: number; last: number }[] = [];
    let prev = -1;
    for (let k = 0; k < tokens.length; k++) {
      const id = this.tokenId(tokens[k]);
      if (id >= 0) {
        const f = this.unigram[id];
        if (f >= 0) found.push({ feature: f, first: k, last: k });
        if (prev >= 0 && this.hasBigrams) {
          const g = this.bigrams.get(prev, id);
          if (g >= 0) found.push({ feature: g, first: k - 1, last: k });
        }
      }
      prev = id;
    }
    return found;
  }

  /** Feature vector of a token list. `out` is reused when given. */
  vectorizeTokens(tokens: readonly string[], out?: SparseVector): SparseVector {
    if (this.idBuf.length < tokens.length) this.idBuf = new Int32Array(tokens.length * 2);
    const ids = this.idBuf;
    for (let k = 0; k < tokens.length; k++) {
      const id = this.tokenIndex.get(tokens[k]);
      ids[k] = id === undefined ? -1 : id;
    }
    return this.vectorizeIds(ids, 0, tokens.length, out);
  }

  /**
   * Feature vector of local token ids ids[from..to). Shared by training and
   * prediction so both weight features identically.
   */
  vectorizeIds(ids: ArrayLike<number>, from: number, to: number, out?: SparseVector): SparseVector {
    const vec = out ?? newSparseVector(Math.max(8, (to - from) * 2));
    const unigram = this.unigram;
    const startsBigram = this.startsBigram;
    const maxLen = this.hasBigrams ? 2 * (to - from) : to - from;
    if (vec.indices.length < maxLen) {
      vec.indices = new Int32Array(maxLen);
      vec.values = new Float64Array(maxLen);
    }
    // Collect feature ids with repeats, then sort and merge them. For
    // messages of a few dozen features this beats a per-feature "seen"
    // table, whose random accesses miss the cache once the vocabulary is
    // large (10^5–10^6 features).
    const idx = vec.indices;
    let n = 0;
    let prev = -1;
    for (let k = from; k < to; k++) {
      const id = ids[k];
      if (id >= 0) {
        const f = unigram[id];
        if (f >= 0) idx[n++] = f;
        if (prev >= 0 && startsBigram[prev] === 1) {
          const g = this.bigrams.get(prev, id);
          if (g >= 0) idx[n++] = g;
        }
      }
      prev = id;
    }
    if (n <= 48) {
      for (let i = 1; i < n; i++) {
        const v = idx[i];
        let j = i - 1;
        while (j >= 0 && idx[j] > v) {
          idx[j + 1] = idx[j];
          j--;
        }
        idx[j + 1] = v;
      }
    } else idx.subarray(0, n).sort();
    const val = vec.values;
    let len = 0;
    for (let i = 0; i < n; i++) {
      if (len > 0 && idx[len - 1] === idx[i]) val[len - 1] += 1;
      else {
        idx[len] = idx[i];
        val[len++] = 1;
      }
    }
    vec.length = len;
    this.weigh(vec);
    return vec;
  }

  /** Applies term weighting, idf and normalisation in place. */
  private weigh(vec: SparseVector): void {
    const { weighting, idf, normalize } = this.options;
    const idx = vec.indices;
    const val = vec.values;
    const len = vec.length;
    if (weighting === "binary") for (let k = 0; k < len; k++) val[k] = 1;
    else if (weighting === "sublinear") for (let k = 0; k < len; k++) val[k] = 1 + Math.log(val[k]);
    if (idf) for (let k = 0; k < len; k++) val[k] *= this.idf[idx[k]];
    if (normalize) {
      let ss = 0;
      for (let k = 0; k < len; k++) ss += val[k] * val[k];
      if (ss > 0) {
        const inv = 1 / Math.sqrt(ss);
        for (let k = 0; k < len; k++) val[k] *= inv;
      }
    }
  }

  /**
   * Training matrix of an encoded corpus (rows = documents). `tokenMap` comes
   * from mapCorpusTokens; `rowsSubset` restricts to some documents.
   */
  toCsr(corpus: EncodedCorpus, tokenMap: Int32Array, rowsSubset?: ArrayLike<number>): CsrMatrix {
    const nRows = rowsSubset ? rowsSubset.length : corpus.nDocs;
    const rowPtr = new Int32Array(nRows + 1);
    let cap = 1024;
    for (let r = 0; r < nRows; r++) {
      const d = rowsSubset ? rowsSubset[r] : r;
      cap += (corpus.offsets[d + 1] - corpus.offsets[d]) * (this.hasBigrams ? 2 : 1);
    }
    let colIdx = new Int32Array(cap);
    let values = new Float32Array(cap);
    let nnz = 0;
    let ids = new Int32Array(256);
    const vec = newSparseVector(256);
    for (let r = 0; r < nRows; r++) {
      const d = rowsSubset ? rowsSubset[r] : r;
      const from = corpus.offsets[d];
      const to = corpus.offsets[d + 1];
      if (ids.length < to - from) ids = new Int32Array((to - from) * 2);
      for (let k = from; k < to; k++) ids[k - from] = tokenMap[corpus.tokenIds[k]];
      this.vectorizeIds(ids, 0, to - from, vec);
      if (nnz + vec.length > colIdx.length) {
        colIdx = growInt32(colIdx, Math.max(colIdx.length * 2, nnz + vec.length));
        const v2 = new Float32Array(colIdx.length);
        v2.set(values);
        values = v2;
      }
      for (let k = 0; k < vec.length; k++) {
        colIdx[nnz] = vec.indices[k];
        values[nnz++] = vec.values[k];
      }
      rowPtr[r + 1] = nnz;
    }
    return { rows: nRows, cols: this.size, rowPtr, colIdx: colIdx.subarray(0, nnz), values: values.subarray(0, nnz) };
  }
}

export function newSparseVector(capacity: number): SparseVector {
  return { indices: new Int32Array(capacity), values: new Float64Array(capacity), length: 0 };
}

/** Smoothed idf, as in scikit-learn: ln((1 + n) / (1 + df)) + 1. */
export function computeIdf(entries: readonly VocabularyEntry[], nDocs: number): Float64Array {
  const idf = new Float64Array(entries.length);
  for (let f = 0; f < entries.length; f++) idf[f] = Math.log((1 + nDocs) / (1 + entries[f].df)) + 1;
  return idf;
}

/** Resolves partial feature options over the defaults, validating each field. */
export function resolveFeatureOptions(opts?: Partial<FeatureOptions>): FeatureOptions {
  const o: FeatureOptions = { ...DEFAULT_FEATURE_OPTIONS, ...(opts ?? {}) };
  if (o.ngramMax !== 1 && o.ngramMax !== 2) throw new TypeError("ngramMax must be 1 or 2");
  if (!(o.minDf >= 1)) throw new TypeError("minDf must be >= 1");
  if (!(o.bigramMinDf >= 1)) throw new TypeError("bigramMinDf must be >= 1");
  if (!(o.maxFeatures >= 0)) throw new TypeError("maxFeatures must be >= 0");
  if (!["count", "binary", "sublinear"].includes(o.weighting)) throw new TypeError("weighting must be count, binary or sublinear");
  return o;
}
