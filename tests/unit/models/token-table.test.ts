import { describe, expect, it } from "vitest";
import { BigramIndex } from "@/models/text/bigram-index";
import { hashConcat, hashRange, hashText, TokenTable } from "@/models/text/token-table";
import { createRng } from "@/models/random";

describe("TokenTable", () => {
  it("gives ids in order of addition and finds tokens by a range of any text", () => {
    const table = new TokenTable(2);
    const words = Array.from({ length: 500 }, (_, i) => `w${i}x`);
    words.forEach((w, i) => expect(table.add(w)).toBe(i));
    expect(table.add("w7x")).toBe(7);
    expect(table.size).toBe(500);
    const src = "say w42x and w9999x";
    expect(table.idOfRange(hashRange(src, 4, 8), src, 4, 8)).toBe(42);
    expect(table.idOfRange(hashRange(src, 13, 19), src, 13, 19)).toBe(-1);
    expect(table.idOf("w4")).toBe(-1);
    expect(table.text(123)).toBe("w123x");
    expect(table.texts()).toEqual(words);
  });

  it("looks up and adds a prefixed range as the concatenated token", () => {
    const table = TokenTable.fromTexts(["good", "NOT_good"]);
    const src = "not good";
    const h = hashConcat(hashText("NOT_"), hashRange(src, 4, 8), 4);
    expect(h).toBe(hashText("NOT_good"));
    expect(table.idOfPrefixedRange(h, "NOT_", src, 4, 8)).toBe(1);
    expect(table.idOfPrefixedRange(hashConcat(hashText("NO_"), hashRange(src, 4, 8), 4), "NO_", src, 4, 8)).toBe(-1);
    const h2 = hashConcat(hashText("NOT_"), hashRange(src, 0, 3), 3);
    expect(table.addPrefixedRange(h2, "NOT_", src, 0, 3)).toBe(2);
    expect(table.text(2)).toBe("NOT_not");
  });

  it("keeps tokens apart when their hashes collide", () => {
    // Two CJK "words" with the same 32-bit hash (found by a birthday search).
    const a = String.fromCharCode(28391, 33129, 31256);
    const b = String.fromCharCode(20224, 35586, 35324);
    expect(hashText(a)).toBe(hashText(b));
    const table = TokenTable.fromTexts([a]);
    expect(table.idOf(b)).toBe(-1);
    expect(table.add(b)).toBe(1);
    expect(table.idOf(a)).toBe(0);
    expect(table.idOf(b)).toBe(1);
  });
});

describe("BigramIndex", () => {
  it("finds exactly the stored pairs, in short lists and in long (binary-searched) ones", () => {
    const rng = createRng(3);
    const nTokens = 300;
    const stored = new Map<string, number>();
    const triples: number[] = [];
    for (let f = 0; stored.size < 3000; f++) {
      // Token 0 starts many bigrams, the rest a few.
      const a = rng() < 0.3 ? 0 : Math.floor(rng() * nTokens);
      const b = Math.floor(rng() * nTokens);
      if (stored.has(`${a},${b}`)) continue;
      stored.set(`${a},${b}`, f);
      triples.push(a, b, f);
    }
    const index = new BigramIndex(nTokens, triples);
    expect(index.size).toBe(3000);
    const wrong: string[] = [];
    for (let a = 0; a < nTokens; a++) {
      for (let b = 0; b < nTokens; b++) if (index.get(a, b) !== (stored.get(`${a},${b}`) ?? -1)) wrong.push(`${a},${b}`);
    }
    expect(wrong).toEqual([]);
  });

  it("rejects a pair given twice", () => {
    expect(() => new BigramIndex(3, [0, 1, 0, 0, 1, 1])).toThrow(/duplicate bigram/);
  });
});
