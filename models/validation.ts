// Input checks shared by training, prediction and evaluation. Every failure
// is a ModelInputError whose message names the offending row or value, so
// the app can show it to the user unchanged.

import { ModelInputError } from "./errors";

/** Longest text accepted (characters). Longer messages are almost always pasted logs or attachments. */
export const MAX_TEXT_LENGTH = 20_000;

export function checkText(text: unknown, where = "text"): asserts text is string {
  if (typeof text !== "string") {
    throw new ModelInputError(`${where} must be a string, got ${text === null ? "null" : typeof text}`);
  }
  if (text.length > MAX_TEXT_LENGTH) {
    throw new ModelInputError(`${where} is ${text.length} characters long; the limit is ${MAX_TEXT_LENGTH}`);
  }
  if (isBlankText(text)) throw new ModelInputError(`${where} is empty`);
}

/**
 * True when the text has no visible character: only whitespace and control characters
 * (U+0000–U+0020, which String.prototype.trim() leaves in place for U+0001–U+001F).
 * THE rule for a blank text: the app's input checks (lib/sentiment/analyze.ts, the
 * feedback form) use it too, so nothing they accept is refused here as "empty".
 * Checks without allocating (unlike trim()).
 */
export function isBlankText(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c > 32 && c !== 160 && c < 0x1680) return false;
    if (c > 32 && !/\s/.test(text[i])) return false;
  }
  return true;
}

export function checkTextArray(texts: unknown, name = "texts"): asserts texts is string[] {
  if (!Array.isArray(texts)) throw new ModelInputError(`${name} must be an array of strings`);
  for (let i = 0; i < texts.length; i++) {
    const t: unknown = texts[i];
    // The element's name ("texts[12]") is only built to report a bad one: batch prediction checks 10^5 texts/s.
    if (typeof t !== "string" || t.length > MAX_TEXT_LENGTH || isBlankText(t)) checkText(t, `${name}[${i}]`);
  }
}

export interface EncodedLabels {
  /** Distinct labels, sorted (the class order of every model). */
  labels: string[];
  /** Class index of every row. */
  y: Int32Array;
}

/** Validates a training set and maps labels to class indices. */
export function checkTrainingData(texts: unknown, labels: unknown): EncodedLabels {
  if (!Array.isArray(texts)) throw new ModelInputError("texts must be an array of strings");
  if (!Array.isArray(labels)) throw new ModelInputError("labels must be an array of strings");
  if (texts.length === 0) throw new ModelInputError("no training rows: texts is empty");
  if (texts.length !== labels.length) {
    throw new ModelInputError(`texts and labels differ in length (${texts.length} texts, ${labels.length} labels)`);
  }
  checkTextArray(texts);
  for (let i = 0; i < labels.length; i++) {
    const l = labels[i];
    if (typeof l !== "string" || l.trim().length === 0) {
      throw new ModelInputError(`labels[${i}] must be a non-empty string, got ${JSON.stringify(l) ?? typeof l}`);
    }
  }
  const distinct = [...new Set(labels as string[])].sort();
  if (distinct.length < 2) {
    throw new ModelInputError(`training needs at least two classes; every row is labelled "${distinct[0]}"`);
  }
  const index = new Map(distinct.map((l, i) => [l, i]));
  const y = new Int32Array(labels.length);
  for (let i = 0; i < labels.length; i++) y[i] = index.get(labels[i] as string)!;
  return { labels: distinct, y };
}
