// From raw texts + resolved parameters to a sparse training matrix: the
// front half of every training run, shared by all algorithms.

import {
  buildVocabulary,
  computeIdf,
  encodeCorpus,
  FeatureSpace,
  resolveFeatureOptions,
  type CsrMatrix,
  type EncodedCorpus,
  type FeatureOptions,
  type TermWeighting,
  type VocabularyEntry,
} from "./text/features";
import { Tokenizer, type TokenizerOptions } from "./text/tokenizer";
import type { ParamValue } from "./types";

export function tokenizerOptionsFromParams(params: Record<string, ParamValue>): Partial<TokenizerOptions> {
  return { negation: params.negation !== false };
}

export function featureOptionsFromParams(params: Record<string, ParamValue>): FeatureOptions {
  return resolveFeatureOptions({
    ngramMax: Number(params.ngrams) >= 2 ? 2 : 1,
    minDf: Math.floor(Number(params.minDf ?? 1)),
    bigramMinDf: Math.floor(Number(params.bigramMinDf ?? 2)),
    maxFeatures: Math.floor(Number(params.maxFeatures ?? 0)),
    weighting: String(params.weighting ?? "binary") as TermWeighting,
    idf: params.idf === true,
    normalize: params.normalize === true,
  });
}

export interface PreparedText {
  tokenizer: Tokenizer;
  corpus: EncodedCorpus;
  vocabulary: VocabularyEntry[];
  space: FeatureSpace;
  /** corpus token id → feature-space token id. */
  tokenMap: Int32Array;
  X: CsrMatrix;
}

/** Tokenises, selects the vocabulary and builds the training matrix. */
export function prepareText(
  texts: readonly string[],
  params: Record<string, ParamValue>,
  onProgress?: (fraction: number, message: string) => void,
): PreparedText {
  const tokenizer = new Tokenizer(tokenizerOptionsFromParams(params));
  const featureOptions = featureOptionsFromParams(params);
  onProgress?.(0, "tokenizing");
  const corpus = encodeCorpus(texts, tokenizer, (f) => onProgress?.(0.8 * f, "tokenizing"));
  onProgress?.(0.8, "building vocabulary");
  const vocabulary = buildVocabulary(corpus, featureOptions);
  const idf = featureOptions.idf ? computeIdf(vocabulary, corpus.nDocs) : undefined;
  const space = FeatureSpace.fromCorpus(corpus, vocabulary, featureOptions, idf);
  const tokenMap = space.mapCorpusTokens(corpus.tokens);
  onProgress?.(0.9, "vectorizing");
  const X = space.toCsr(corpus, tokenMap);
  onProgress?.(1, "vectorizing");
  return { tokenizer, corpus, vocabulary, space, tokenMap, X };
}
