// A sentiment lexicon as features of a text classifier.
//
// Why: a model trained on a few thousand examples has never seen most words a
// customer may use ("confusing", "overcharged"). A lexicon rates thousands of words
// for valence; each rated word of a message adds a lexicon feature ("a negative word",
// "a strongly positive word", flipped under negation: "not good" counts as a negative
// word). The classifier learns how much these features weigh, like any other feature,
// so words it never saw in training still move the decision, and the decision stays one
// linear model whose explanation is exact.
//
// How: the lexicon features are appended to the text as marker words, one per rated
// word, each after a full stop; the wrapped classifier sees them as ordinary tokens. Explanations map each marker
// back to the word that produced it (attribute()), so the highlight lands on "confusing",
// not on a marker.
import { parseArtifact } from "./artifact";
import { ModelArtifactError } from "./errors";
import { DEFAULT_MAX_MARKS, highlightsOf, type AttributedToken, type Attribution } from "./explanation";
import { NEGATION_PREFIX, Tokenizer } from "./text/tokenizer";
import type { ExplanationToken, Prediction, TextClassifier } from "./types";
import { checkText, MAX_TEXT_LENGTH } from "./validation";

export const LEXICON_ARTIFACT_FORMAT = "csa-lexicon-classifier/1";

/** Word → valence, negative to positive (VADER's scale: about −4 … +4). */
export type Lexicon = Readonly<Record<string, number>>;

/** Words rated closer to 0 than this carry no lexicon feature. */
const MIN_VALENCE = 0.5;
const MARKER = "zzlex";
const SEPARATOR = " . ";

/** The marker word for a valence: direction and strength (weak, medium, strong). */
function marker(valence: number): string {
  const size = Math.abs(valence);
  const strength = size >= 2.5 ? "x" : size >= 1.5 ? "m" : "w";
  return `${MARKER}${valence > 0 ? "pos" : "neg"}${strength}`;
}

/** Marker words in plain language, for explanations and the model page. */
export function describeLexiconFeature(feature: string): string | null {
  const m = /^zzlex(pos|neg)([wmx])$/.exec(feature);
  if (!m) return null;
  const strength = { w: "mildly ", m: "", x: "strongly " }[m[2] as "w" | "m" | "x"];
  return `a ${strength}${m[1] === "pos" ? "positive" : "negative"} word`;
}

export interface LexiconAugmented {
  text: string;
  /** For each appended marker: its span in `text` and the span of the word it stands for. */
  markers: { start: number; end: number; sourceStart: number; sourceEnd: number }[];
}

export function augmentWithLexicon(text: string, lexicon: Lexicon, tokenizer: Tokenizer): LexiconAugmented {
  const markers: LexiconAugmented["markers"] = [];
  let out = text;
  for (const token of tokenizer.tokenizeWithSpans(text)) {
    const negated = token.text.startsWith(NEGATION_PREFIX);
    const word = negated ? token.text.slice(NEGATION_PREFIX.length) : token.text;
    let valence = Object.prototype.hasOwnProperty.call(lexicon, word) ? lexicon[word] : undefined;
    if (valence === undefined || Math.abs(valence) < MIN_VALENCE) continue;
    if (negated) valence = -valence;
    const m = marker(valence);
    // Markers never push a text the engine accepts over its length limit.
    if (out.length + SEPARATOR.length + m.length > MAX_TEXT_LENGTH) break;
    out += SEPARATOR;
    markers.push({ start: out.length, end: out.length + m.length, sourceStart: token.start, sourceEnd: token.end });
    out += m;
  }
  return { text: out, markers };
}

export class LexiconTextClassifier implements TextClassifier {
  private readonly tokenizer = new Tokenizer();

  constructor(
    readonly inner: TextClassifier,
    readonly lexicon: Lexicon,
  ) {}

  get algorithm() {
    return this.inner.algorithm;
  }

  get labels() {
    return this.inner.labels;
  }

  private augment(text: string): string {
    checkText(text);
    return augmentWithLexicon(text, this.lexicon, this.tokenizer).text;
  }

  predict(text: string): Prediction {
    return this.inner.predict(this.augment(text));
  }

  predictBatch(texts: string[]): Prediction[] {
    return this.inner.predictBatch(texts.map((t) => this.augment(t)));
  }

  /**
   * The inner attribution on the augmented text, with each marker moved onto the word it
   * stands for: a feature on "zzlexnegw" counts for "confusing", and a word pair joining the
   * message's last word to a marker, or two markers, counts for the words behind them.
   */
  attribute(text: string): Attribution {
    checkText(text);
    const { text: augmented, markers } = augmentWithLexicon(text, this.lexicon, this.tokenizer);
    const byStart = new Map(markers.map((m) => [m.start, m]));
    const inner = this.inner.attribute(augmented);
    const keep = new Int32Array(inner.tokens.length).fill(-1);
    const tokens: AttributedToken[] = [];
    inner.tokens.forEach((t, i) => {
      if (t.end <= text.length) {
        keep[i] = tokens.push(t) - 1;
        return;
      }
      const m = byStart.get(t.start);
      if (m && t.end === m.end) keep[i] = tokens.push({ text: t.text, start: m.sourceStart, end: m.sourceEnd, lexicon: true }) - 1;
    });
    const pieces = inner.pieces
      .map((p) => ({ tokens: p.tokens.map((t) => keep[t]).filter((t) => t >= 0), contrib: p.contrib }))
      .filter((p) => p.tokens.length > 0);
    return { labels: inner.labels, probs: inner.probs, tokens, pieces };
  }

  explain(text: string, max = DEFAULT_MAX_MARKS): ExplanationToken[] {
    return highlightsOf(text, this.attribute(text), max);
  }

  topFeatures(perClass: number) {
    return this.inner.topFeatures(perClass);
  }

  serialize(): string {
    return JSON.stringify({ format: LEXICON_ARTIFACT_FORMAT, lexicon: this.lexicon, inner: this.inner.serialize() });
  }

  dispose(): void {
    this.inner.dispose?.();
  }
}

/** The lexicon section of an artifact written by LexiconTextClassifier, or null for a plain one. */
export function readLexiconArtifact(artifact: string): { lexicon: Lexicon; inner: string } | null {
  if (!artifact.startsWith(`{"format":"${LEXICON_ARTIFACT_FORMAT}"`)) return null;
  let obj: Record<string, unknown>;
  try {
    obj = JSON.parse(artifact) as Record<string, unknown>;
  } catch (e) {
    throw new ModelArtifactError(`model artifact is not valid JSON: ${(e as Error).message}`);
  }
  const { lexicon, inner } = obj;
  if (typeof inner !== "string" || typeof lexicon !== "object" || lexicon === null || Array.isArray(lexicon)) {
    throw new ModelArtifactError("lexicon artifact needs a lexicon object and an inner model");
  }
  for (const v of Object.values(lexicon)) if (typeof v !== "number" || !Number.isFinite(v)) throw new ModelArtifactError("lexicon values must be finite numbers");
  parseArtifact(inner);
  return { lexicon: lexicon as Lexicon, inner };
}
