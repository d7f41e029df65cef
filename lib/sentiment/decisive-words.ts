// Which explanation tokens to show a person: the strongest ones only. A naive Bayes
// model weighs every word a little; marking "the" and "hello" would hide the words that
// actually decided the label.
import type { ExplanationToken } from "@/models/classifier";

export function decisiveWords(tokens: ExplanationToken[], max = 8, share = 0.25): ExplanationToken[] {
  const strongest = Math.max(0, ...tokens.map((t) => t.weight));
  return tokens
    .filter((t) => t.weight >= strongest * share)
    .sort((a, b) => b.weight - a.weight)
    .slice(0, max);
}
