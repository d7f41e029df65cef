/**
 * Surface noise that makes generated text look typed by people: misspellings,
 * all-lowercase chat, shouting. Everything is indexOf/slice based (no regex) because it
 * runs once per generated message in million-message seeding runs.
 */
import type { Rng } from "./random";
import { TYPOS } from "./phrases";

function isWordChar(code: number): boolean {
  return (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || (code >= 48 && code <= 57) || code === 39;
}

/** Replace the first whole-word occurrence of `word`; returns the input unchanged if absent. */
export function replaceWord(text: string, word: string, replacement: string): string {
  let from = 0;
  for (;;) {
    const i = text.indexOf(word, from);
    if (i < 0) return text;
    const end = i + word.length;
    if ((i === 0 || !isWordChar(text.charCodeAt(i - 1))) && (end >= text.length || !isWordChar(text.charCodeAt(end)))) {
      return text.slice(0, i) + replacement + text.slice(end);
    }
    from = i + 1;
  }
}

/**
 * Apply one misspelling: scan the typo pairs from a random starting point and use the
 * first whose word occurs. Only ~12% of messages get here, so the scan is cheap.
 */
export function addTypo(text: string, rng: Rng): string {
  const start = Math.floor(rng.next() * TYPOS.length);
  for (let k = 0; k < TYPOS.length; k++) {
    const [word, typo] = TYPOS[(start + k) % TYPOS.length];
    const out = replaceWord(text, word, typo);
    if (out !== text) return out;
  }
  return text;
}

/** Swap the final full stop for an exclamation mark (angry or excited emphasis). */
export function exclaim(sentence: string, marks = "!"): string {
  return sentence.endsWith(".") ? sentence.slice(0, -1) + marks : sentence;
}

/** Drop a trailing full stop, as people often do in chat. */
export function dropFinalStop(text: string): string {
  return text.endsWith(".") ? text.slice(0, -1) : text;
}
