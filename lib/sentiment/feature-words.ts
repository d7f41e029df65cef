// A model feature in the words a person reads. The models mark a word inside a negation scope
// with a prefix ("not good" gives "not" and "NOT_good"), join a word pair with a space, and
// stand placeholders in for links, numbers and the like; the model page and the highlighted
// words show features through this one function. Pure, so client components can use it too.
import { describeLexiconFeature } from "@/models/lexicon-classifier";
import { NGRAM_SEPARATOR } from "@/models/text/features";
import { EMAIL_TOKEN, MENTION_TOKEN, NEGATION_PREFIX, NUMBER_TOKEN, URL_TOKEN } from "@/models/text/tokenizer";

// A Map, not an object: a feature may be any word, "constructor" included.
const PLACEHOLDERS = new Map([
  [URL_TOKEN, "a link"],
  [EMAIL_TOKEN, "an e-mail address"],
  [MENTION_TOKEN, "an @mention"],
  [NUMBER_TOKEN, "a number"],
]);

/** Stands for the negating word ("not", "never", "didn't", …) that came earlier in the text. */
const NEGATED_LATER = "not …";

/**
 * "NOT_good" → "not … good" (good, some words after a negation); "not NOT_good" → "not good"
 * (the negation is part of the feature); "NOT_very NOT_good" → "not … very good";
 * "<url>" → "a link". Anything else is shown as it is.
 */
export function featureInWords(feature: string): string {
  const parts = feature.split(NGRAM_SEPARATOR);
  const words: string[] = [];
  parts.forEach((part, i) => {
    const negated = part.startsWith(NEGATION_PREFIX);
    const word = negated ? part.slice(NEGATION_PREFIX.length) : part;
    // In a pair, the word before a negated one is the negator itself or another negated word,
    // unless it is a placeholder (numbers and mentions do not end a negation scope).
    const before = parts[i - 1];
    const scopeShown = before !== undefined && !PLACEHOLDERS.has(before) && !before.startsWith("@");
    if (negated && !scopeShown) words.push(NEGATED_LATER);
    // A lexicon marker ("zzlexnegm") reads as what it stands for: "a negative word".
    words.push(PLACEHOLDERS.get(word) ?? describeLexiconFeature(word) ?? word);
  });
  return words.join(" ");
}
