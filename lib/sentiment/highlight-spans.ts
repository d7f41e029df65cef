// Which explanation tokens a text can show as highlights: marks cannot overlap. The
// explanations of models/explanation.ts never do; this keeps the rendering safe for any list.
import type { ExplanationToken } from "@/models/types";

/**
 * The strongest tokens whose spans do not overlap, in text order. Taken by weight, so the
 * words that drove the decision most are the ones marked; a weaker token overlapping one
 * already taken is left out.
 */
export function highlightSpans(tokens: readonly ExplanationToken[]): ExplanationToken[] {
  const kept: ExplanationToken[] = [];
  const byWeight = [...tokens].sort((a, b) => b.weight - a.weight || a.start - b.start);
  for (const t of byWeight) {
    if (t.end <= t.start) continue;
    if (kept.every((k) => t.end <= k.start || t.start >= k.end)) kept.push(t);
  }
  return kept.sort((a, b) => a.start - b.start);
}
