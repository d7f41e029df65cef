// Word n-gram features: corpus encoding, vocabulary selection and sparse
// vectorisation.
//
// Training encodes every text once into integer token ids (one flat
// Int32Array for the whole corpus), so that document frequencies, bigram
// counts and the training matrix are all computed from ints instead of
// strings. Prediction maps tokens to ids through one TokenTable probe per
// token (no string made for ordinary words) and one BigramIndex search per
// bigram.

import { BigramIndex } from "./bigram-index";
import { IntPairMap } from "./int-pair-map";
import { TokenIdInterner, TokenIdLookup } from "./token-id-sink";
import { TokenTable } from "./token-table";
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
  const sink = new TokenIdInterner(new TokenTable(1024));
  let df = new Int32Array(1024);
  let lastDoc = new Int32Array(1024).fill(-1);
  let flat = new Int32Array(Math.max(1024, n * 12));
  let used = 0;
  const offsets = new Int32Array(n + 1);
  const progressEvery = Math.max(1, Math.floor(n / 20));

  for (let d = 0; d < n; d++) {
    sink.reset();
    tokenizer.runInto(texts[d], sink);
    const len = sink.length;
    const docIds = sink.ids;
    if (used + len > flat.length) {
      const bigger = new Int32Array(Math.max(flat.length * 2, used + len));
      bigger.set(flat.subarray(0, used));
      flat = bigger;
    }
    for (let k = 0; k < len; k++) {
      const id = docIds[k];
      if (id >= df.length) {
        const biggerDf = new Int32Array(df.length * 2);
        biggerDf.set(df);
        df = biggerDf;
        const biggerLast = new Int32Array(lastDoc.length * 2).fill(-1);
        biggerLast.set(lastDoc);
        lastDoc = biggerLast;
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
  const tokens = sink.table.texts();
  return { tokenIds: flat.subarray(0, used), offsets, tokens, df: df.subarray(0, tokens.length), nDocs: n };
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
  /** Every token of some feature → local token id. */
  readonly tokens: TokenTable;
  /** local token id → unigram feature id, or -1. */
  private readonly unigram: Int32Array;
  /** (local token id, local token id) → bigram feature id. */
  private readonly bigrams: BigramIndex;
  private readonly hasBigrams: boolean;
  // Scratch buffer reused by every vectorisation (JS is single-threaded and
  // vectorisation never re-enters itself).
  private idBuf = new Int32Array(256);
  /** Unigram and bigram feature ids of the text being vectorised, before sorting. */
  private uniBuf = new Int32Array(256);
  private biBuf = new Int32Array(256);

  private constructor(
    names: readonly string[],
    options: FeatureOptions,
    idf: ArrayLike<number> | undefined,
    tokens: TokenTable,
    unigram: Int32Array,
    bigrams: BigramIndex,
  ) {
    this.names = names;
    this.options = options;
    this.tokens = tokens;
    this.unigram = unigram;
    this.bigrams = bigrams;
    this.hasBigrams = bigrams.size > 0;
    this.idf = new Float64Array(names.length).fill(1);
    if (idf) {
      if (idf.length !== names.length) throw new Error("idf length does not match the number of features");
      for (let f = 0; f < names.length; f++) this.idf[f] = idf[f];
    }
  }

  /** Feature space of a list of feature names ("word" or "word word"), e.g. from an artifact. */
  static fromNames(names: readonly string[], options: FeatureOptions, idf?: ArrayLike<number>): FeatureSpace {
    return FeatureSpace.build(
      names,
      (f) => {
        const sep = names[f].indexOf(NGRAM_SEPARATOR);
        return sep < 0 ? [names[f], null] : [names[f].slice(0, sep), names[f].slice(sep + 1)];
      },
      options,
      idf,
    );
  }

  /**
   * Feature space of vocabulary entries selected from an encoded corpus.
   * Takes the words from the corpus (no re-splitting of names); behaves
   * exactly like fromNames on the same names.
   */
  static fromCorpus(corpus: EncodedCorpus, entries: readonly VocabularyEntry[], options: FeatureOptions, idf?: ArrayLike<number>): FeatureSpace {
    const { tokens } = corpus;
    return FeatureSpace.build(
      entries.map((e) => e.name),
      (f) => [tokens[entries[f].a], entries[f].b < 0 ? null : tokens[entries[f].b]],
      options,
      idf,
    );
  }

  /** `words(f)` gives feature f's word, or its two words for a bigram. */
  private static build(
    names: readonly string[],
    words: (f: number) => [string, string | null],
    options: FeatureOptions,
    idf: ArrayLike<number> | undefined,
  ): FeatureSpace {
    // Only the words of some feature are kept: the table stays small enough
    // to stay in the CPU cache, and any other word is simply not found.
    const tokens = new TokenTable();
    const unigramOf: number[] = [];
    const bigramOf: number[] = [];
    for (let f = 0; f < names.length; f++) {
      const [a, b] = words(f);
      if (b === null) unigramOf[tokens.add(a)] = f;
      else bigramOf.push(tokens.add(a), tokens.add(b), f);
    }
    const unigram = new Int32Array(tokens.size).fill(-1);
    unigramOf.forEach((f, id) => (unigram[id] = f));
    return new FeatureSpace(names, options, idf, tokens, unigram, new BigramIndex(tokens.size, bigramOf));
  }

  get size(): number {
    return this.names.length;
  }

  /** Local token id of a token string, or -1 when the token is in no feature. */
  tokenId(token: string): number {
    return this.tokens.idOf(token);
  }

  /** A sink that turns tokenizer output into this space's local token ids (for vectorizeIds). */
  newTokenIdSink(): TokenIdLookup {
    return new TokenIdLookup(this.tokens);
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
    for (let k = 0; k < tokens.length; k++) ids[k] = this.tokens.idOf(tokens[k]);
    return this.vectorizeIds(ids, 0, tokens.length, out);
  }

  /**
   * Feature vector of local token ids ids[from..to). Shared by training and
   * prediction so both weight features identically.
   */
  vectorizeIds(ids: ArrayLike<number>, from: number, to: number, out?: SparseVector): SparseVector {
    const vec = out ?? newSparseVector(Math.max(8, (to - from) * 2));
    const unigram = this.unigram;
    const bigrams = this.bigrams;
    const maxLen = this.hasBigrams ? 2 * (to - from) : to - from;
    if (vec.indices.length < maxLen) {
      vec.indices = new Int32Array(maxLen);
      vec.values = new Float64Array(maxLen);
    }
    // Collect feature ids with repeats, then sort and merge them. For
    // messages of a few dozen features this beats a per-feature "seen"
    // table, whose random accesses miss the cache once the vocabulary is
    // large (10^5–10^6 features). Unigrams and bigrams are sorted apart and
    // then merged: features are numbered by document frequency, so bigrams
    // mostly come after unigrams, and two short sorts move far fewer
    // entries than one long one.
    if (this.uniBuf.length < to - from) {
      this.uniBuf = new Int32Array(2 * (to - from));
      this.biBuf = new Int32Array(2 * (to - from));
    }
    const uni = this.uniBuf;
    const bi = this.biBuf;
    let nu = 0;
    let nb = 0;
    let prev = -1;
    for (let k = from; k < to; k++) {
      const id = ids[k];
      if (id >= 0) {
        const f = unigram[id];
        if (f >= 0) uni[nu++] = f;
        if (prev >= 0) {
          const g = bigrams.get(prev, id);
          if (g >= 0) bi[nb++] = g;
        }
      }
      prev = id;
    }
    sortInts(uni, nu);
    sortInts(bi, nb);
    vec.length = mergeCounts(uni, nu, bi, nb, vec.indices, vec.values);
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

/** Sorts a[0 .. n) ascending: insertion sort for the few dozen ids of a message. */
function sortInts(a: Int32Array, n: number): void {
  if (n > 48) {
    a.subarray(0, n).sort();
    return;
  }
  for (let i = 1; i < n; i++) {
    const v = a[i];
    let j = i - 1;
    while (j >= 0 && a[j] > v) {
      a[j + 1] = a[j];
      j--;
    }
    a[j + 1] = v;
  }
}

/**
 * Merges the sorted ids a[0 .. na) and b[0 .. nb) into distinct ids `idx`
 * with their number of repeats in `val`; returns how many there are.
 */
function mergeCounts(a: Int32Array, na: number, b: Int32Array, nb: number, idx: Int32Array, val: Float64Array): number {
  let i = 0;
  let j = 0;
  let len = 0;
  while (i < na || j < nb) {
    const f = j >= nb || (i < na && a[i] <= b[j]) ? a[i++] : b[j++];
    if (len > 0 && idx[len - 1] === f) val[len - 1] += 1;
    else {
      idx[len] = f;
      val[len++] = 1;
    }
  }
  return len;
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
