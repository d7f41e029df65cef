// Shared machinery of every trained text classifier: input checks,
// tokenisation, vectorisation, turning class probabilities into Prediction
// objects, feature attributions for explanations, and the artifact envelope.
// Subclasses only say how a feature vector becomes class probabilities.

import { ARTIFACT_FORMAT, ARTIFACT_VERSION, encodeFloat64 } from "./artifact";
import { DEFAULT_MAX_MARKS, highlightsOf, type Attribution } from "./explanation";
import { FeatureSpace, newSparseVector, type SparseVector } from "./text/features";
import type { TokenIdLookup } from "./text/token-id-sink";
import type { Tokenizer } from "./text/tokenizer";
import type { Algorithm, ExplanationToken, ParamValue, Prediction, TextClassifier } from "./types";
import { checkText, checkTextArray } from "./validation";

export interface FeatureRanking {
  /** Features eligible for topFeatures (null = all). */
  candidates: ArrayLike<number> | null;
  /** How strongly feature f indicates class c (higher = more). */
  weight(f: number, c: number): number;
}

export abstract class BaseTextClassifier implements TextClassifier {
  abstract readonly algorithm: Algorithm;
  readonly labels: string[];
  protected readonly nClasses: number;
  private readonly tokenIds: TokenIdLookup;
  private readonly vec: SparseVector = newSparseVector(64);
  private readonly probs: Float64Array;
  /**
   * { [label]: 0 } with the labels in class order. Copying it and then
   * overwriting the values makes every `scores` object share one shape;
   * adding the keys one by one to `{}` cost a hidden-class transition per
   * key, per prediction.
   */
  private readonly scoresTemplate: Record<string, number>;

  constructor(
    labels: readonly string[],
    protected readonly tokenizer: Tokenizer,
    protected readonly space: FeatureSpace,
    /** Resolved training parameters, kept in the artifact for display. */
    readonly params: Readonly<Record<string, ParamValue>>,
  ) {
    this.labels = labels.slice();
    this.nClasses = labels.length;
    this.probs = new Float64Array(labels.length);
    this.scoresTemplate = {};
    for (const label of this.labels) this.scoresTemplate[label] = 0;
    this.tokenIds = space.newTokenIdSink();
  }

  /** Class probabilities of a feature vector (must sum to 1) into `out`. */
  protected abstract probabilitiesOf(vec: SparseVector, out: Float64Array): void;

  /** Per-class ranking of features for topFeatures. */
  protected abstract featureRanking(): FeatureRanking;

  /** Model-specific part of the artifact. */
  protected abstract modelPayload(): Record<string, unknown>;

  /**
   * How much entry k of `vec` pushes towards class c, into out[k * C + c].
   * Default: occlusion — the drop in each class probability when the
   * feature is removed. Linear models override this with exact terms.
   */
  protected contributionsOf(vec: SparseVector, out: Float64Array): void {
    const C = this.nClasses;
    const full = new Float64Array(C);
    this.probabilitiesOf(vec, full);
    const without = newSparseVector(Math.max(1, vec.length));
    const p = new Float64Array(C);
    for (let k = 0; k < vec.length; k++) {
      let len = 0;
      for (let j = 0; j < vec.length; j++) {
        if (j === k) continue;
        without.indices[len] = vec.indices[j];
        without.values[len++] = vec.values[j];
      }
      without.length = len;
      this.probabilitiesOf(without, p);
      for (let c = 0; c < C; c++) out[k * C + c] = full[c] - p[c];
    }
  }

  predict(text: string): Prediction {
    checkText(text);
    return this.predictUnchecked(text);
  }

  predictBatch(texts: string[]): Prediction[] {
    checkTextArray(texts);
    const out: Prediction[] = new Array(texts.length);
    for (let i = 0; i < texts.length; i++) out[i] = this.predictUnchecked(texts[i]);
    return out;
  }

  /** Index of the most probable class of each text (no Prediction objects; for evaluation loops). */
  predictIndices(texts: readonly string[]): Int32Array {
    checkTextArray(texts);
    const out = new Int32Array(texts.length);
    for (let i = 0; i < texts.length; i++) {
      this.probabilitiesOfText(texts[i], this.probs);
      out[i] = argmax(this.probs);
    }
    return out;
  }

  private probabilitiesOfText(text: string, out: Float64Array): void {
    const ids = this.tokenIds;
    ids.reset();
    this.tokenizer.runInto(text, ids);
    this.space.vectorizeIds(ids.ids, 0, ids.length, this.vec);
    this.probabilitiesOf(this.vec, out);
  }

  private predictUnchecked(text: string): Prediction {
    const probs = this.probs;
    this.probabilitiesOfText(text, probs);
    const best = argmax(probs);
    const scores = { ...this.scoresTemplate };
    for (let c = 0; c < this.nClasses; c++) scores[this.labels[c]] = probs[c];
    return { label: this.labels[best], scores, confidence: probs[best] };
  }

  /**
   * Every feature occurrence of `text` with its contribution to each class (linear models:
   * exact terms; others: occlusion), and the tokens it covers with their character spans.
   * A feature found several times shares its contribution between its occurrences.
   */
  attribute(text: string): Attribution {
    checkText(text);
    const tokens = this.tokenizer.tokenizeWithSpans(text);
    const tokenTexts = tokens.map((t) => t.text);
    const vec = this.space.vectorizeTokens(tokenTexts, newSparseVector(tokenTexts.length * 2 + 1));
    const C = this.nClasses;
    const contrib = new Float64Array(vec.length * C);
    this.contributionsOf(vec, contrib);
    const probs = new Float64Array(C);
    this.probabilitiesOf(vec, probs);

    const entryOf = new Map<number, number>();
    for (let k = 0; k < vec.length; k++) entryOf.set(vec.indices[k], k);
    const occurrences = this.space.occurrences(tokenTexts);
    const count = new Map<number, number>();
    for (const o of occurrences) count.set(o.feature, (count.get(o.feature) ?? 0) + 1);
    const pieces: Attribution["pieces"] = [];
    for (const o of occurrences) {
      const k = entryOf.get(o.feature);
      if (k === undefined) continue;
      const n = count.get(o.feature)!;
      const share = new Float64Array(C);
      for (let c = 0; c < C; c++) share[c] = contrib[k * C + c] / n;
      const covered: number[] = [];
      for (let t = o.first; t <= o.last; t++) covered.push(t);
      pieces.push({ tokens: covered, contrib: share });
    }
    return { labels: this.labels, probs, tokens, pieces };
  }

  /** The words that drove the decision (models/explanation.ts), strongest first, at most `max`. */
  explain(text: string, max = DEFAULT_MAX_MARKS): ExplanationToken[] {
    return highlightsOf(text, this.attribute(text), max);
  }

  topFeatures(perClass: number): Record<string, { feature: string; weight: number }[]> {
    const n = Number.isInteger(perClass) && perClass > 0 ? perClass : 10;
    const ranking = this.featureRanking();
    const candidates = ranking.candidates ?? Int32Array.from({ length: this.space.size }, (_, i) => i);
    const out: Record<string, { feature: string; weight: number }[]> = {};
    for (let c = 0; c < this.nClasses; c++) {
      const scored: { f: number; w: number }[] = [];
      for (let i = 0; i < candidates.length; i++) {
        const f = candidates[i];
        scored.push({ f, w: ranking.weight(f, c) });
      }
      scored.sort((a, b) => b.w - a.w || a.f - b.f);
      out[this.labels[c]] = scored.slice(0, n).map(({ f, w }) => ({ feature: this.space.names[f], weight: w }));
    }
    return out;
  }

  serialize(): string {
    const hasIdf = this.space.options.idf;
    return JSON.stringify({
      format: ARTIFACT_FORMAT,
      version: ARTIFACT_VERSION,
      algorithm: this.algorithm,
      labels: this.labels,
      params: this.params,
      tokenizer: this.tokenizer.options,
      features: {
        options: this.space.options,
        names: this.space.names,
        idf: hasIdf ? encodeFloat64(this.space.idf) : null,
      },
      model: this.modelPayload(),
    });
  }
}

export function argmax(a: ArrayLike<number>): number {
  let best = 0;
  for (let i = 1; i < a.length; i++) if (a[i] > a[best]) best = i;
  return best;
}
