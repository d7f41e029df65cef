import { describe, expect, it } from "vitest";
import { highlightSpans } from "@/lib/sentiment/highlight-spans";
import { createRng } from "@/models/random";
import type { ExplanationToken } from "@/models/types";

const token = (text: string, start: number, weight: number, label = "negative"): ExplanationToken => ({
  text,
  start,
  end: start + text.length,
  label,
  weight,
  feature: text.toLowerCase(),
});

describe("highlightSpans", () => {
  it("never lets two marks overlap, so no word is shown twice", () => {
    // "Nobody has called me back": the pair "nobody has" covers "has"; "has called" overlaps both.
    const tokens = [token("Nobody has", 0, 0.5), token("has", 7, 0.2), token("has called", 7, 0.1), token("called", 11, 0.3)];
    expect(highlightSpans(tokens).map((t) => t.text)).toEqual(["Nobody has", "called"]);
  });

  it("keeps the stronger of two overlapping tokens, whichever starts first", () => {
    const tokens = [token("Five stars", 0, 0.1, "positive"), token("stars", 5, 0.4, "positive"), token("from", 11, 0.05, "neutral")];
    expect(highlightSpans(tokens).map((t) => t.text)).toEqual(["stars", "from"]);
  });

  it("holds for any tokens: kept spans are disjoint, in text order, and every token left out overlaps a stronger kept one", () => {
    const rng = createRng(11);
    for (let round = 0; round < 200; round++) {
      const tokens = Array.from({ length: 1 + Math.floor(rng() * 12) }, () => {
        const start = Math.floor(rng() * 40);
        return { ...token("x", start, rng()), end: start + 1 + Math.floor(rng() * 8) };
      });
      const kept = highlightSpans(tokens);
      for (let i = 1; i < kept.length; i++) expect(kept[i].start).toBeGreaterThanOrEqual(kept[i - 1].end);
      for (const t of tokens.filter((x) => !kept.includes(x))) {
        expect(kept.some((k) => k.weight >= t.weight && t.start < k.end && k.start < t.end)).toBe(true);
      }
    }
  });
});
