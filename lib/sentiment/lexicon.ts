// The sentiment lexicon the shipped model and lexicon-enabled training runs use:
// VADER's ratings of about 7,500 words (Hutto & Gilbert 2014; the lexicon is MIT, read
// from the vader-sentiment package, Apache-2.0; see NOTICE) plus a short list of
// support-desk words written for this project, which VADER does not rate or rates for
// other uses ("hold", "waiting", "overcharged").
import fs from "node:fs";
import path from "node:path";
import type { Lexicon } from "@/models/classifier";

/**
 * Words that signal a problem in a support request. Ratings on VADER's scale, kept mild:
 * each only says which way the word leans; the model learns how much lexicon features weigh.
 */
export const SUPPORT_DESK_WORDS: Readonly<Record<string, number>> = {
  waiting: -1.5, waited: -1.5, hold: -1.5, still: -1, never: -1.5, late: -1.5, overcharged: -2.5, refund: -1,
  cancelled: -1.5, canceled: -1.5, again: -0.8, nobody: -1.5, unanswered: -2, unresolved: -2, useless: -2.5,
  incorrect: -1.5, wrong: -1.5, missed: -1.5, stranded: -2, rebooked: -1, lost: -1.5, broken: -2, crashing: -2,
  crashes: -2, hours: -0.8, charged: -1, unable: -1.5, impossible: -1.5, yet: -0.8, excuse: -1.5, excuses: -1.5,
  chargeback: -2, complain: -2,
};

let cached: Lexicon | null = null;

/** VADER's single-word entries (emoticons and phrases are left to the tokenizer) plus the support-desk words. */
export function sentimentLexicon(): Lexicon {
  if (cached) return cached;
  // A plain path, not require.resolve: the bundler would try to bundle a .txt it has no loader for.
  const file = path.join(process.cwd(), "node_modules", "vader-sentiment", "vader_lexicon.txt");
  const lexicon: Record<string, number> = {};
  for (const line of fs.readFileSync(file, "utf8").split("\n")) {
    const [word, rating] = line.split("\t");
    if (!word || !/^[a-z][a-z'-]*$/.test(word)) continue;
    const value = Number(rating);
    if (Number.isFinite(value)) lexicon[word] = value;
  }
  Object.assign(lexicon, SUPPORT_DESK_WORDS);
  cached = Object.freeze(lexicon);
  return cached;
}
