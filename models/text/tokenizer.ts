// Tokenizer for short customer messages (tweets, chat lines, e-mails).
//
// It is a single hand-written left-to-right scanner rather than a chain of
// regular expressions: prediction has to sustain >150k texts/s, and every
// extra pass or regex over the text costs more than the scoring itself.
// Every token carries the character span it came from so the UI can
// highlight the words that drove a decision.
//
// Tokens go to a TokenSink. An ordinary word (the vast majority) is handed
// over as a range of the case-folded text plus a hash computed during the
// scan, so a sink that only needs token ids (prediction, corpus encoding)
// never makes a string for it; StringTokenSink makes the strings.

import { HASH_MULTIPLIER, hashText, TokenTable } from "./token-table";
import * as lexicon from "./token-lexicon";

// A module-local copy: CommonJS output (tsx, the test and bench runners)
// reads an imported binding through a getter call on every use, and this one
// is used once per character.
const HASH_M = HASH_MULTIPLIER;
// The same for the word lists read while scanning.
const { NT_IRREGULAR, S_MEANS_IS, SUFFIX_EXPANSIONS } = lexicon;

export interface TokenizerOptions {
  /** Case folding (toLowerCase). */
  lowercase: boolean;
  /** http(s)://… and www.… become `<url>`. */
  urls: boolean;
  /** name@domain.tld becomes `<email>`. */
  emails: boolean;
  /** "@user": "token" → `<mention>`, "keep" → "@user", "drop" → nothing. */
  mentions: "token" | "keep" | "drop";
  /** Numbers become `<num>` (otherwise they are kept verbatim). */
  numbers: boolean;
  /** "#fail": "strip" → "fail", "keep" → "#fail". */
  hashtags: "strip" | "keep";
  /** ":)", ":-(", ":D", "<3" … kept as canonical tokens (":-)" and "=)" both give ":)"). */
  emoticons: boolean;
  /** Pictographic emoji kept as one token each (skin tones / joiners dropped). */
  emoji: boolean;
  /** "don't" → "do not", "I'm" → "i am", also the apostrophe-less "dont", "im". */
  contractions: boolean;
  /** Runs of 3+ identical letters squashed to 2: "sooooo" → "soo". */
  squashElongation: boolean;
  /** Words after a negator get a `NOT_` prefix until punctuation or a clause word ("but"). */
  negation: boolean;
  /** Maximum number of words marked after a negator; 0 = until the clause ends. */
  negationWindow: number;
  /** Keep "!" and "?" as tokens (one per run: "!!!" → "!"). */
  punctuation: boolean;
}

export const DEFAULT_TOKENIZER_OPTIONS: Readonly<TokenizerOptions> = Object.freeze({
  lowercase: true,
  urls: true,
  emails: true,
  mentions: "token",
  numbers: true,
  hashtags: "strip",
  emoticons: true,
  emoji: true,
  contractions: true,
  squashElongation: true,
  negation: true,
  negationWindow: 3,
  punctuation: true,
});

export interface Token {
  /** Normalised token, e.g. "NOT_good", "<url>", ":)". */
  text: string;
  /** Start offset (UTF-16 code units) in the original text, inclusive. */
  start: number;
  /** End offset in the original text, exclusive. */
  end: number;
}

export const NEGATION_PREFIX = "NOT_";
export const URL_TOKEN = "<url>";
export const EMAIL_TOKEN = "<email>";
export const MENTION_TOKEN = "<mention>";
export const NUMBER_TOKEN = "<num>";

/** Merges partial options over the defaults and rejects values of the wrong type. */
export function resolveTokenizerOptions(opts?: Partial<TokenizerOptions>): TokenizerOptions {
  const merged: TokenizerOptions = { ...DEFAULT_TOKENIZER_OPTIONS, ...(opts ?? {}) };
  for (const key of Object.keys(DEFAULT_TOKENIZER_OPTIONS) as (keyof TokenizerOptions)[]) {
    if (typeof merged[key] !== typeof DEFAULT_TOKENIZER_OPTIONS[key]) {
      throw new TypeError(`tokenizer option "${key}" must be a ${typeof DEFAULT_TOKENIZER_OPTIONS[key]}`);
    }
  }
  if (!["token", "keep", "drop"].includes(merged.mentions)) {
    throw new TypeError(`tokenizer option "mentions" must be "token", "keep" or "drop"`);
  }
  if (!["strip", "keep"].includes(merged.hashtags)) {
    throw new TypeError(`tokenizer option "hashtags" must be "strip" or "keep"`);
  }
  if (!(merged.negationWindow >= 0)) throw new TypeError(`tokenizer option "negationWindow" must be >= 0`);
  return merged;
}

// ---------------------------------------------------------------------------
// Character classes. ASCII is decided by a lookup table; anything above 127 is
// classified once with Unicode property regexes and cached, so the per-char
// cost stays a single array read.

const C_OTHER = 0;
const C_WORD = 1; // letter, digit, mark, underscore
const C_SPACE = 2;

const charClass = new Uint8Array(65536);
const charClassKnown = new Uint8Array(65536);
const WORD_RE = /[\p{L}\p{M}\p{N}_]/u;
const SPACE_RE = /\s/u;

for (let c = 0; c < 128; c++) {
  const ch = String.fromCharCode(c);
  charClass[c] = /[A-Za-z0-9_]/.test(ch) ? C_WORD : /\s/.test(ch) ? C_SPACE : C_OTHER;
  charClassKnown[c] = 1;
}

function classOf(c: number): number {
  if (charClassKnown[c] === 0) {
    // Surrogate halves are never word characters; emoji are handled separately.
    const ch = String.fromCharCode(c);
    const cls = c >= 0xd800 && c <= 0xdfff ? C_OTHER : WORD_RE.test(ch) ? C_WORD : SPACE_RE.test(ch) ? C_SPACE : C_OTHER;
    charClass[c] = cls;
    charClassKnown[c] = 1;
  }
  return charClass[c];
}

const isDigit = (c: number) => c >= 48 && c <= 57;
const isApostrophe = (c: number) => c === 39 || c === 0x2019;

const PICTOGRAPHIC_RE = /\p{Extended_Pictographic}/u;
const pictographicCache = new Map<number, boolean>();
function isPictographic(cp: number): boolean {
  let known = pictographicCache.get(cp);
  if (known === undefined) {
    known = PICTOGRAPHIC_RE.test(String.fromCodePoint(cp));
    pictographicCache.set(cp, known);
  }
  return known;
}

// ---------------------------------------------------------------------------
// Emoticons (./token-lexicon.ts): variant → canonical token. Matched
// case-insensitively on the folded text, longest variant first.

const EMOTICONS: { variant: string; canonical: string }[] = lexicon.EMOTICON_GROUPS.flatMap(([canonical, variants]) =>
  variants.map((variant) => ({ variant, canonical })),
).sort((a, b) => b.variant.length - a.variant.length);
/** Variants grouped by first character, so a ':' only tries the ':' variants. */
const EMOTICONS_BY_FIRST = new Map<number, { variant: string; canonical: string }[]>();
for (const e of EMOTICONS) {
  const c = e.variant.charCodeAt(0);
  if (!EMOTICONS_BY_FIRST.has(c)) EMOTICONS_BY_FIRST.set(c, []);
  EMOTICONS_BY_FIRST.get(c)!.push(e);
}
/**
 * 1 for the (ASCII) first characters of EMOTICONS_BY_FIRST: every punctuation
 * character is checked, and a typed-array read is far cheaper than Map.has.
 */
const EMOTICON_START = new Uint8Array(128);
for (const c of EMOTICONS_BY_FIRST.keys()) {
  if (c >= 128) throw new Error("emoticons must start with an ASCII character");
  EMOTICON_START[c] = 1;
}

// ---------------------------------------------------------------------------
// Contractions and negation (the word lists are in ./token-lexicon.ts).

/**
 * Every word that needs special handling, in ONE map: the common word is
 * decided by a single lookup (which also computes the string's hash, reused
 * later by the feature lookup) instead of one lookup per word list.
 */
type WordInfo =
  | { kind: "negator" }
  | { kind: "clause" }
  | { kind: "emoticon"; token: string }
  | { kind: "contraction"; parts: string[] };
const WORD_INFO = new Map<string, WordInfo>();
for (const w of lexicon.NEGATORS) WORD_INFO.set(w, { kind: "negator" });
for (const w of lexicon.CLAUSE_WORDS) WORD_INFO.set(w, { kind: "clause" });
for (const [w, token] of lexicon.WORD_EMOTICONS) WORD_INFO.set(w, { kind: "emoticon", token });
for (const [w, parts] of lexicon.BARE_CONTRACTIONS) WORD_INFO.set(w, { kind: "contraction", parts });
/** The same words, for checking a word by its range and hash without making a string. */
const SPECIAL_WORDS = TokenTable.fromTexts([...WORD_INFO.keys()]);
/**
 * Marks the values of a special word's hash & SPECIAL_HASH_MASK. Almost every
 * word is ordinary, and one byte read rules most of them out; probing
 * SPECIAL_WORDS for every word cost ~10 % of the tokenizer's instructions.
 */
const SPECIAL_HASH_MASK = 4095;
const MAYBE_SPECIAL = new Uint8Array(SPECIAL_HASH_MASK + 1);
for (const w of WORD_INFO.keys()) MAYBE_SPECIAL[hashText(w) & SPECIAL_HASH_MASK] = 1;

function isSpecialWord(hash: number, src: string, start: number, end: number): boolean {
  return MAYBE_SPECIAL[hash & SPECIAL_HASH_MASK] === 1 && SPECIAL_WORDS.idOfRange(hash, src, start, end) >= 0;
}

/** Receives the tokens of a text, in order. */
export interface TokenSink {
  /**
   * The token src.slice(start, end), or NEGATION_PREFIX + that when
   * `negated`; it covers [start, end) of the text (src is the text, maybe
   * case-folded, with the same offsets). hash = hashRange(src, start, end).
   */
  range(src: string, start: number, end: number, hash: number, negated: boolean): void;
  /** Any other token, covering [start, end) of the text. */
  token(text: string, start: number, end: number): void;
}

const DISCARD: TokenSink = { range() {}, token() {} };

/** Collects tokens as strings, and optionally their spans as flat (start, end) pairs. */
export class StringTokenSink implements TokenSink {
  constructor(
    public out: string[],
    public spans: number[] | null,
  ) {}

  range(src: string, start: number, end: number, _hash: number, negated: boolean): void {
    this.out.push(negated ? NEGATION_PREFIX + src.slice(start, end) : src.slice(start, end));
    if (this.spans !== null) this.spans.push(start, end);
  }

  token(text: string, start: number, end: number): void {
    this.out.push(text);
    if (this.spans !== null) this.spans.push(start, end);
  }
}

// ---------------------------------------------------------------------------

/**
 * Compiled tokenizer: options are resolved once, `run` is the hot path.
 * Tokens are appended to `out`; when `spans` is given, start/end offsets are
 * appended to it pairwise (flat array avoids one object per token).
 */
export class Tokenizer {
  readonly options: TokenizerOptions;
  private negActive = false;
  private negCount = 0;
  private sink: TokenSink = DISCARD;
  private readonly stringSink = new StringTokenSink([], null);

  constructor(opts?: Partial<TokenizerOptions>) {
    this.options = resolveTokenizerOptions(opts);
  }

  tokenize(text: string): string[] {
    const out: string[] = [];
    this.run(text, out, null);
    return out;
  }

  tokenizeWithSpans(text: string): Token[] {
    const out: string[] = [];
    const spans: number[] = [];
    this.run(text, out, spans);
    const tokens: Token[] = new Array(out.length);
    for (let i = 0; i < out.length; i++) tokens[i] = { text: out[i], start: spans[2 * i], end: spans[2 * i + 1] };
    return tokens;
  }

  /** Appends the tokens of `text` to `out`, and their spans pairwise to `spans` when given. */
  run(text: string, out: string[], spans: number[] | null): void {
    const sink = this.stringSink;
    sink.out = out;
    sink.spans = spans;
    this.runInto(text, sink);
    sink.out = [];
    sink.spans = null;
  }

  /** Hands the tokens of `text` to `sink`. */
  runInto(text: string, sink: TokenSink): void {
    const o = this.options;
    this.sink = sink;
    this.negActive = false;
    this.negCount = 0;
    // Fold case once for the whole text. If folding changes the length
    // (e.g. "İ"), offsets would drift, so fold token by token instead.
    let src = text;
    let foldTokens = false;
    if (o.lowercase) {
      const lower = text.toLowerCase();
      if (lower.length === text.length) src = lower;
      else foldTokens = true;
    }
    const n = src.length;
    let i = 0;
    while (i < n) {
      const c = src.charCodeAt(i);
      const cls = c < 128 ? charClass[c] : classOf(c);

      if (cls === C_SPACE) {
        i++;
        continue;
      }

      if (cls === C_WORD) {
        i = this.scanWord(src, i, foldTokens);
        continue;
      }

      // '@mention'
      if (c === 64 /* @ */ && i + 1 < n && this.isWordAt(src, i + 1) && (i === 0 || !this.isWordAt(src, i - 1))) {
        let j = i + 1;
        while (j < n && this.isWordAt(src, j)) j++;
        if (o.mentions === "token") this.emitSpecial(MENTION_TOKEN, i, j, false);
        else if (o.mentions === "keep") this.emitSpecial(this.fold(src.slice(i, j), foldTokens), i, j, false);
        i = j;
        continue;
      }

      // '#hashtag' → the word (optionally with '#').
      if (c === 35 /* # */ && i + 1 < n && this.isWordAt(src, i + 1)) {
        if (o.hashtags === "strip") {
          i = this.scanWord(src, i + 1, foldTokens);
        } else {
          let j = i + 1;
          while (j < n && this.isWordAt(src, j)) j++;
          this.emitWord(this.fold(src.slice(i, j), foldTokens), i, j);
          i = j;
        }
        continue;
      }

      if (o.emoticons && c < 128 && EMOTICON_START[c] === 1) {
        const j = this.matchEmoticon(src, i);
        if (j > 0) {
          i = j;
          continue;
        }
      }

      if (c === 33 /* ! */ || c === 63 /* ? */) {
        let j = i + 1;
        while (j < n && src.charCodeAt(j) === c) j++;
        if (o.punctuation) this.emitSpecial(c === 33 ? "!" : "?", i, j, true);
        else this.endNegation();
        i = j;
        continue;
      }

      if (c === 46 || c === 44 || c === 59 || c === 58 || c === 10 || c === 40 || c === 41 || c === 34) {
        // . , ; : newline ( ) " close a clause.
        this.endNegation();
        i++;
        continue;
      }

      if (c === 38 /* & */) {
        // HTML entities are common in scraped tweets ("&amp;"); skip them whole.
        let semi = i + 1;
        const limit = Math.min(n, i + 7);
        while (semi < limit && src.charCodeAt(semi) !== 59) semi++;
        if (semi < limit) {
          i = semi + 1;
          continue;
        }
      }

      if (c >= 0x2000) {
        const cp = src.codePointAt(i)!;
        const width = cp > 0xffff ? 2 : 1;
        if (isPictographic(cp)) {
          if (o.emoji) this.emitSpecial(String.fromCodePoint(cp), i, i + width, true);
          i += width;
          continue;
        }
        i += width;
        continue;
      }
      i++;
    }
    this.sink = DISCARD;
  }

  private isWordAt(src: string, i: number): boolean {
    const c = src.charCodeAt(i);
    return (c < 128 ? charClass[c] : classOf(c)) === C_WORD;
  }

  private fold(s: string, foldTokens: boolean): string {
    return foldTokens ? s.toLowerCase() : s;
  }

  /** Scans a word starting at `start` (a word char); returns the index after it. */
  private scanWord(src: string, start: number, foldTokens: boolean): number {
    const o = this.options;
    const n = src.length;
    let j = start;

    // Numbers: digits with inner separators ("3:45", "1,200.50") and unit suffixes ("2nd", "10pm").
    if (isDigit(src.charCodeAt(start))) {
      while (j < n) {
        const c = src.charCodeAt(j);
        if (this.isWordAt(src, j)) j++;
        else if ((c === 46 || c === 44 || c === 58 || c === 47) && j + 1 < n && isDigit(src.charCodeAt(j + 1))) j += 2;
        else break;
      }
      if (j < n && src.charCodeAt(j) === 64 && o.emails) {
        const end = this.matchEmail(src, start);
        if (end > 0) {
          this.emitSpecial(EMAIL_TOKEN, start, end, false);
          return end;
        }
      }
      if (o.numbers) this.emitSpecial(NUMBER_TOKEN, start, j, false);
      else this.emitWord(src.slice(start, j), start, j);
      return j;
    }

    let hasApostrophe = false;
    // Runs of 3+ equal characters are noticed while scanning, so ordinary
    // words never need a second pass for elongation; likewise the hash.
    let elongated = false;
    let prev = -1;
    let run = 0;
    let hash = 0;
    while (j < n) {
      const c = src.charCodeAt(j);
      if ((c < 128 ? charClass[c] : classOf(c)) === C_WORD) {
        if (c === prev) {
          if (++run === 3) elongated = true;
        } else {
          prev = c;
          run = 1;
        }
        j++;
      } else if (isApostrophe(c) && j + 1 < n && this.isWordAt(src, j + 1)) {
        hasApostrophe = true;
        prev = c;
        run = 1;
        j++;
      } else break;
      hash = (Math.imul(hash, HASH_M) + c) | 0;
    }

    // "name@domain.tld" (also "first.last@…") → e-mail; "http://" or "www." → URL.
    if (j < n) {
      const c = src.charCodeAt(j);
      if (o.emails && (c === 64 || c === 46 || c === 45 || c === 43)) {
        const end = this.matchEmail(src, start);
        if (end > 0) {
          this.emitSpecial(EMAIL_TOKEN, start, end, false);
          return end;
        }
      }
      if (o.urls && ((c === 58 && j - start >= 4 && src.startsWith("://", j) && isUrlScheme(src, start, j)) || (c === 46 && j - start === 3 && src.startsWith("www", start)))) {
        let end = j;
        while (end < n && classOf(src.charCodeAt(end)) !== C_SPACE) end++;
        this.emitSpecial(URL_TOKEN, start, end, true);
        return end;
      }
    }

    // The common case: a word that is its own token (no folding, squashing
    // or contraction to apply, not in WORD_INFO) goes to the sink as a range.
    if (!foldTokens && !(elongated && o.squashElongation) && !(hasApostrophe && o.contractions) && !isSpecialWord(hash, src, start, j)) {
      if (this.negActive && o.negation) {
        this.sink.range(src, start, j, hash, true);
        this.countNegated();
      } else this.sink.range(src, start, j, hash, false);
      return j;
    }
    let word = src.slice(start, j);
    if (foldTokens) word = word.toLowerCase();
    this.processWord(word, hasApostrophe, elongated, start, j);
    return j;
  }

  /**
   * E-mail address starting at `start`: a local part of word chars and
   * . - + joined by '@' to a domain with a dot. Returns its end or -1.
   */
  private matchEmail(src: string, start: number): number {
    const n = src.length;
    let k = start;
    while (k < n) {
      const c = src.charCodeAt(k);
      if (c === 64) break;
      if (this.isWordAt(src, k) || c === 46 || c === 45 || c === 43) k++;
      else return -1;
    }
    if (k >= n || k === start) return -1;
    return this.matchEmailDomain(src, k);
  }

  /** At '@': returns the end of "domain.tld" or -1. */
  private matchEmailDomain(src: string, at: number): number {
    let k = at + 1;
    let dots = 0;
    let lastDot = -1;
    const n = src.length;
    while (k < n) {
      const c = src.charCodeAt(k);
      if (this.isWordAt(src, k) || c === 45 /* - */) k++;
      else if (c === 46 && k + 1 < n && this.isWordAt(src, k + 1)) {
        dots++;
        lastDot = k;
        k++;
      } else break;
    }
    return dots > 0 && k - lastDot > 2 ? k : -1;
  }

  /** Tries every emoticon variant at i; emits and returns the end index, or -1. */
  private matchEmoticon(src: string, i: number): number {
    const n = src.length;
    const candidates = EMOTICONS_BY_FIRST.get(src.charCodeAt(i))!;
    const second = src.charCodeAt(i + 1);
    for (const { variant, canonical } of candidates) {
      if (variant.charCodeAt(1) !== second || !src.startsWith(variant, i)) continue;
      const end = i + variant.length;
      // ":Delta" is not ":D" + "elta"; "(:" must not be the start of "(:smile:)".
      if (end < n && this.isWordAt(src, end) && this.isWordAt(src, end - 1)) continue;
      if (end < n && this.isWordAt(src, end) && variant.startsWith("(")) continue;
      // "):" is only an emoticon when it stands apart ("sad ):"), not in "(see above):".
      if (variant === "):" && i > 0 && classOf(src.charCodeAt(i - 1)) !== C_SPACE) continue;
      this.emitSpecial(canonical, i, end, true);
      return end;
    }
    return -1;
  }

  /** Elongation, contractions, word emoticons; then negation marking. */
  private processWord(word: string, hasApostrophe: boolean, elongated: boolean, start: number, end: number): void {
    const o = this.options;
    if (elongated && o.squashElongation) word = squashRuns(word);
    if (hasApostrophe && o.contractions) {
      const parts = expandApostrophe(word);
      for (let k = 0; k < parts.length; k++) this.emitWord(parts[k], start, end);
      return;
    }
    const info = WORD_INFO.get(word);
    if (info === undefined) {
      // The common case: an ordinary word.
      if (this.negActive && o.negation) this.pushNegated(word, start, end);
      else this.push(word, start, end);
      return;
    }
    if (info.kind === "emoticon" && o.emoticons) {
      this.emitSpecial(info.token, start, end, true);
      return;
    }
    if (info.kind === "contraction" && o.contractions) {
      for (let k = 0; k < info.parts.length; k++) this.emitWord(info.parts[k], start, end);
      return;
    }
    this.emitWord(word, start, end);
  }

  private push(token: string, start: number, end: number): void {
    this.sink.token(token, start, end);
  }

  private endNegation(): void {
    this.negActive = false;
  }

  /** Emits an ordinary word, applying the negation scope. */
  private emitWord(word: string, start: number, end: number): void {
    if (!this.options.negation) {
      this.push(word, start, end);
      return;
    }
    const kind = WORD_INFO.get(word)?.kind;
    if (kind === "negator") {
      this.push(word, start, end);
      this.negActive = true;
      this.negCount = 0;
      return;
    }
    if (this.negActive) {
      if (kind === "clause") {
        this.negActive = false;
        this.push(word, start, end);
        return;
      }
      this.pushNegated(word, start, end);
      return;
    }
    this.push(word, start, end);
  }

  private pushNegated(word: string, start: number, end: number): void {
    this.push(NEGATION_PREFIX + word, start, end);
    this.countNegated();
  }

  private countNegated(): void {
    this.negCount++;
    if (this.options.negationWindow > 0 && this.negCount >= this.options.negationWindow) this.negActive = false;
  }

  /** Emits a placeholder/emoticon/punctuation token, never negated. */
  private emitSpecial(token: string, start: number, end: number, endsClause: boolean): void {
    this.push(token, start, end);
    if (endsClause) this.negActive = false;
  }
}

function isUrlScheme(src: string, start: number, colon: number): boolean {
  const scheme = src.slice(start, colon);
  return scheme === "http" || scheme === "https";
}

/** "sooooo" → "soo": runs of 3+ identical letters cut to 2. Returns the input when nothing changes. */
export function squashRuns(word: string): string {
  let run = 1;
  let needs = false;
  for (let k = 1; k < word.length; k++) {
    if (word.charCodeAt(k) === word.charCodeAt(k - 1)) {
      if (++run >= 3) {
        needs = true;
        break;
      }
    } else run = 1;
  }
  if (!needs) return word;
  let out = word[0];
  run = 1;
  for (let k = 1; k < word.length; k++) {
    if (word.charCodeAt(k) === word.charCodeAt(k - 1)) {
      if (++run > 2 && !isDigit(word.charCodeAt(k))) continue;
    } else run = 1;
    out += word[k];
  }
  return out;
}

/** "don't" → ["do","not"], "it's" → ["it","is"], "john's" → ["john"], "o'clock" → ["oclock"]. */
function expandApostrophe(word: string): string[] {
  const w = word.indexOf("’") >= 0 ? word.replace(/’/g, "'") : word;
  const at = w.lastIndexOf("'");
  const base = w.slice(0, at);
  const suffix = w.slice(at + 1);
  if (suffix === "t" && base.endsWith("n") && base.indexOf("'") < 0) {
    const stem = base.slice(0, -1);
    return [NT_IRREGULAR.get(stem) ?? stem, "not"];
  }
  if (base.indexOf("'") < 0) {
    if (suffix === "s") return S_MEANS_IS.has(base) ? [base, "is"] : base === "let" ? ["let", "us"] : [base];
    const expansion = SUFFIX_EXPANSIONS.get(suffix);
    if (expansion !== undefined) return [base, expansion];
  }
  return [w.replace(/'/g, "")];
}

// ---------------------------------------------------------------------------
// Functional API. Tokenizers are cached per options object identity so that
// repeated calls with the same options do not re-resolve them.

const tokenizerCache = new WeakMap<object, Tokenizer>();
let defaultTokenizer: Tokenizer | null = null;

function tokenizerFor(opts?: Partial<TokenizerOptions>): Tokenizer {
  if (opts === undefined) return (defaultTokenizer ??= new Tokenizer());
  let t = tokenizerCache.get(opts);
  if (t === undefined) {
    t = new Tokenizer(opts);
    tokenizerCache.set(opts, t);
  }
  return t;
}

/** Normalised tokens of `text` (see TokenizerOptions for each normalisation). */
export function tokenize(text: string, opts?: Partial<TokenizerOptions>): string[] {
  return tokenizerFor(opts).tokenize(text);
}

/** Same tokens as `tokenize`, each with its source character span. */
export function tokenizeWithSpans(text: string, opts?: Partial<TokenizerOptions>): Token[] {
  return tokenizerFor(opts).tokenizeWithSpans(text);
}
