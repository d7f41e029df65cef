// The words of a message that drove its sentiment decision, as the product shows them
// (task page, review, "try the model", the API's explanation field). This module is the
// one place for the rules of what gets marked:
//
// - Exact attribution. A classifier reports each feature occurrence with its exact
//   contribution to every class score (linear models: x·w; others: occlusion). The share
//   of a word pair goes to its content words ("to complain" counts for "complain", "and
//   was" for nobody), so what is marked is what the model weighed, summed per word.
// - A mark is a word of the text: its span ("can't" is one word, tokenised "can not"), and
//   the lexicon features a word produced (models/lexicon-classifier.ts) count for it.
// - Never a stop word or pronoun alone (models/text/stop-words.ts), nor a number, link or
//   @mention: they explain nothing to a person.
// - A negation is marked with the word it negates, as one mark from the negator to the
//   first negated content word ("not … good", "never showed"); a negator alone is not marked.
// - No mark crosses a clause boundary: marks are single words, or a negation, whose scope
//   the tokenizer already ends at punctuation and clause words ("but").
// - Weight: how much the mark pushes the predicted class against the others, in log-odds
//   (each alternative weighted by its probability), so removing the strongest marks lowers
//   the predicted class's probability the most (npm run bench:explain checks this).
//   Marks pushing towards another class are shown only when strong, after the others.
import { STOP_WORDS } from "./text/stop-words";
import { EMAIL_TOKEN, MENTION_TOKEN, NEGATION_PREFIX, NUMBER_TOKEN, URL_TOKEN } from "./text/tokenizer";
import { CLAUSE_OPENING_WORDS, NEGATOR_WORDS } from "./text/token-lexicon";
import type { ExplanationToken } from "./types";

/** A token of the text, with the span of the words it came from. */
export interface AttributedToken {
  /** Normalised token ("NOT_good", "<num>", "can"). */
  text: string;
  start: number;
  end: number;
  /** A lexicon marker standing for the word at [start, end) (models/lexicon-classifier.ts). */
  lexicon?: boolean;
}

/** How a classifier reached its decision on one text, feature occurrence by feature occurrence. */
export interface Attribution {
  labels: readonly string[];
  /** Class probabilities, in label order. */
  probs: ArrayLike<number>;
  tokens: AttributedToken[];
  /**
   * One entry per feature occurrence: the tokens it covers (indices into `tokens`) and its
   * contribution to each class score. The contributions of all pieces plus a per-class
   * constant give the class scores.
   */
  pieces: { tokens: number[]; contrib: ArrayLike<number> }[];
}

/** At most this many marks unless the caller asks otherwise. */
export const DEFAULT_MAX_MARKS = 8;
/** A mark for the predicted class is kept when it weighs at least this share of the strongest one. */
const SUPPORT_SHARE = 0.2;
/** A mark for another class is kept only when it weighs at least this share of the strongest mark for the predicted class. */
const COUNTER_SHARE = 0.5;

const PLACEHOLDERS = new Set([URL_TOKEN, EMAIL_TOKEN, MENTION_TOKEN, NUMBER_TOKEN]);

// What a word of the text is, for the marking rules. Ordered: a piece's share goes to the
// highest kind among the words it covers.
/** Stop word, pronoun, placeholder: never marked alone. */
const FUNCTION_WORD = 0;
/** A negating word: marked only with what it negates. */
const NEGATOR = 1;
/** Any other word, an emoticon, "!" or "?". */
const CONTENT = 2;
type Kind = typeof FUNCTION_WORD | typeof NEGATOR | typeof CONTENT;

interface Unit {
  start: number;
  end: number;
  /** Normalised non-lexicon tokens, in order. */
  words: string[];
  kind: Kind;
  /** Inside a negation scope (its tokens carry NOT_). */
  negated: boolean;
  /** A number or an @mention: never negated, yet it does not end a negation scope ("not 2 days"). */
  placeholder: boolean;
  /** Summed contributions per class. */
  contrib: Float64Array;
}

function kindOfWord(word: string): Kind {
  const base = word.startsWith(NEGATION_PREFIX) ? word.slice(NEGATION_PREFIX.length) : word;
  if (NEGATOR_WORDS.has(base)) return NEGATOR;
  if (STOP_WORDS.has(base) || CLAUSE_OPENING_WORDS.has(base) || PLACEHOLDERS.has(base) || base.startsWith("@")) return FUNCTION_WORD;
  return CONTENT;
}

/** The words of the text (distinct token spans, in text order) and the word each token belongs to. */
function wordUnits(a: Attribution): { units: Unit[]; unitOfToken: Int32Array } {
  const C = a.labels.length;
  const byKey = new Map<string, Unit>();
  for (const t of a.tokens) {
    if (t.lexicon) continue;
    const key = `${t.start}:${t.end}`;
    let unit = byKey.get(key);
    if (!unit) byKey.set(key, (unit = { start: t.start, end: t.end, words: [], kind: FUNCTION_WORD, negated: false, placeholder: true, contrib: new Float64Array(C) }));
    unit.words.push(t.text);
    unit.kind = Math.max(unit.kind, kindOfWord(t.text)) as Kind;
    if (t.text.startsWith(NEGATION_PREFIX)) unit.negated = true;
    if (!PLACEHOLDERS.has(t.text) && !t.text.startsWith("@")) unit.placeholder = false;
  }
  const units = [...byKey.values()].sort((x, y) => x.start - y.start);
  const index = new Map(units.map((u, k) => [`${u.start}:${u.end}`, k]));
  // A lexicon marker belongs to the word it stands for: the same span, or one overlapping
  // it when the wrapped model tokenises differently.
  const unitOfToken = Int32Array.from(a.tokens, (t) => index.get(`${t.start}:${t.end}`) ?? units.findIndex((u) => u.start < t.end && t.start < u.end));
  return { units, unitOfToken };
}

/** Adds each piece's contribution to the words it covers: its content words, else its negators, else all. */
function spreadPieces(a: Attribution, units: Unit[], unitOfToken: Int32Array): void {
  const C = a.labels.length;
  for (const piece of a.pieces) {
    const covered = [...new Set(piece.tokens.map((t) => unitOfToken[t]).filter((u) => u >= 0))];
    if (covered.length === 0) continue;
    const top = Math.max(...covered.map((u) => units[u].kind));
    const takers = covered.filter((u) => units[u].kind === top);
    for (const u of takers) {
      const into = units[u].contrib;
      for (let c = 0; c < C; c++) into[c] += piece.contrib[c] / takers.length;
    }
  }
}

interface Mark {
  start: number;
  end: number;
  words: string[];
  contrib: Float64Array;
}

/** Marks that may be shown: content words alone, negators joined to the words they negate. */
function candidateMarks(units: Unit[], C: number): Mark[] {
  const marks: Mark[] = [];
  for (let k = 0; k < units.length; k++) {
    const u = units[k];
    if (u.kind === NEGATOR) {
      // The scope: the negated words right after it (the tokenizer ends a scope at a
      // clause boundary). The mark runs to the first negated content word ("not … good",
      // "hasn't arrived"); it carries the weight of the whole scope's negated words, since
      // removing the negator would take away every NOT_ feature of the scope.
      let first = -1;
      let j = k + 1;
      for (; j < units.length && (units[j].negated || units[j].placeholder) && units[j].kind !== NEGATOR; j++) if (first < 0 && units[j].kind === CONTENT) first = j;
      if (first < 0) continue;
      const contrib = new Float64Array(C);
      for (let m = k; m < j; m++) if (m === k || units[m].negated) for (let c = 0; c < C; c++) contrib[c] += units[m].contrib[c];
      const words = units.slice(k, first + 1).flatMap((w) => w.words);
      marks.push({ start: u.start, end: units[first].end, words, contrib });
      k = j - 1;
      continue;
    }
    if (u.kind === CONTENT && !u.negated) marks.push({ start: u.start, end: u.end, words: u.words, contrib: u.contrib });
  }
  return marks;
}

/**
 * The marks of a text: at most `max`, each a word or a negation of the text
 * (ExplanationToken.text === text.slice(start, end)) labelled with the class it pushes
 * towards; those for the predicted class first, each group strongest first.
 */
export function highlightsOf(text: string, a: Attribution, max = DEFAULT_MAX_MARKS): ExplanationToken[] {
  const C = a.labels.length;
  if (C < 2) return [];
  const { units, unitOfToken } = wordUnits(a);
  spreadPieces(a, units, unitOfToken);
  let best = 0;
  for (let c = 1; c < C; c++) if (a.probs[c] > a.probs[best]) best = c;
  // The alternatives, weighted by how likely each is: d log-odds(best) = −(d[best] − Σ q_c d[c]).
  let rest = 0;
  for (let c = 0; c < C; c++) if (c !== best) rest += a.probs[c];
  const q = Array.from({ length: C }, (_, c) => (c === best ? 0 : rest > 0 ? a.probs[c] / rest : 1 / (C - 1)));

  const scored = candidateMarks(units, C).map((m) => {
    let support = m.contrib[best];
    for (let c = 0; c < C; c++) support -= q[c] * m.contrib[c];
    let towards = best;
    if (support < 0) {
      towards = best === 0 ? 1 : 0;
      for (let c = 0; c < C; c++) if (c !== best && m.contrib[c] > m.contrib[towards]) towards = c;
    }
    return { m, support, towards };
  });
  const strongest = Math.max(0, ...scored.map((s) => s.support));
  const kept = scored.filter(({ support }) => (support > 0 ? support >= strongest * SUPPORT_SHARE : -support >= strongest * COUNTER_SHARE && -support > 1e-9));
  const limit = Number.isInteger(max) && max > 0 ? max : DEFAULT_MAX_MARKS;
  // The marks for the decision first, then the strong ones against it.
  return kept
    .sort((x, y) => Number(y.support > 0) - Number(x.support > 0) || Math.abs(y.support) - Math.abs(x.support) || x.m.start - y.m.start)
    .slice(0, limit)
    .map(({ m, support, towards }) => ({ text: text.slice(m.start, m.end), start: m.start, end: m.end, label: a.labels[towards], weight: Math.abs(support), feature: m.words.join(" ") }));
}
