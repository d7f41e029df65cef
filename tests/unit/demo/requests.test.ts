import { describe, expect, it } from "vitest";
import { CATEGORY_NAMES } from "@/lib/demo/generator/categories";
import { EMOTION_WEIGHTS, isConsistent } from "@/lib/demo/generator/emotions";
import { createDemoRng } from "@/lib/demo/generator/random";
import { TYPOS } from "@/lib/demo/generator/phrases";
import { generateLabelledExamples, generateRequest, iterateLabelledExamples } from "@/lib/demo/generator/requests";
import { CHANNELS, EMOTIONS, SENTIMENTS } from "@/lib/demo/generator/types";
import { trainClassifier } from "@/models/classifier";

describe("generateRequest", () => {
  it("is deterministic per seed", () => {
    const run = (seed: number) => {
      const rng = createDemoRng(seed);
      return Array.from({ length: 200 }, (_, i) =>
        generateRequest(rng, { category: CATEGORY_NAMES[i % 10], sentiment: SENTIMENTS[i % 3] }),
      );
    };
    expect(run(5)).toEqual(run(5));
    expect(run(5)).not.toEqual(run(6));
  });

  it("works for every category x sentiment x allowed emotion x channel, with fully rendered text", () => {
    const rng = createDemoRng(7);
    for (const category of CATEGORY_NAMES)
      for (const sentiment of SENTIMENTS)
        for (const emotion of EMOTIONS) {
          if (!isConsistent(sentiment, emotion)) continue;
          for (const channel of CHANNELS)
            for (let k = 0; k < 10; k++) {
              const r = generateRequest(rng, { category, sentiment, emotion, channel });
              expect(r).toMatchObject({ sentiment, emotion, channel });
              expect(r.text).not.toMatch(/[{}]|undefined|NaN|\s{2}/);
              expect(r.text.trim()).toBe(r.text);
            }
        }
  });

  it("rejects an emotion that contradicts the sentiment", () => {
    const rng = createDemoRng(1);
    expect(() => generateRequest(rng, { category: "Billing", sentiment: "positive", emotion: "anger" })).toThrow();
    expect(() => generateRequest(rng, { category: "Billing", sentiment: "negative", emotion: "love" })).toThrow();
  });

  it("keeps emotion consistent with sentiment", () => {
    expect(Object.keys(EMOTION_WEIGHTS.positive).sort()).toEqual(["joy", "love", "surprise"]);
    expect(EMOTION_WEIGHTS.negative.joy ?? 0).toBe(0);
    expect(EMOTION_WEIGHTS.negative.love ?? 0).toBe(0);
    const counts: Record<string, number> = {};
    for (const e of generateLabelledExamples(createDemoRng(2), 10_000)) {
      expect(isConsistent(e.sentiment, e.emotion)).toBe(true);
      counts[`${e.sentiment}/${e.emotion}`] = (counts[`${e.sentiment}/${e.emotion}`] ?? 0) + 1;
    }
    // Negative messages are mostly anger/sadness/fear; positive mostly joy/love.
    const neg = (e: string) => counts[`negative/${e}`] ?? 0;
    expect(neg("anger") + neg("sadness") + neg("fear")).toBeGreaterThan(0.8 * (neg("anger") + neg("sadness") + neg("fear") + neg("surprise")));
    expect((counts["positive/joy"] ?? 0) + (counts["positive/love"] ?? 0)).toBeGreaterThan(4 * (counts["positive/surprise"] ?? 0));
  });

  it("produces mostly distinct texts of realistic length", () => {
    const examples = generateLabelledExamples(createDemoRng(3), 50_000);
    const distinct = new Set(examples.map((e) => e.text)).size;
    expect(distinct / examples.length).toBeGreaterThan(0.95);
    const lengths = examples.map((e) => e.text.length);
    const inRange = lengths.filter((n) => n >= 60 && n <= 400).length;
    expect(inRange / lengths.length).toBeGreaterThan(0.85);
    expect(Math.max(...lengths)).toBeLessThan(600);
    expect(Math.min(...lengths)).toBeGreaterThan(10);
    // Crude sentence count (greetings such as "Hi!" and two-part openers such as
    // "Not happy. At all." count double here, hence the small allowance above 5).
    const sentences = examples.map((e) => e.text.split(/[.!?]+(?:\s|$)/).filter((x) => x.trim().length > 0).length);
    expect(Math.min(...sentences)).toBeGreaterThanOrEqual(1);
    expect(Math.max(...sentences)).toBeLessThanOrEqual(8);
    expect(sentences.filter((n) => n <= 5).length / sentences.length).toBeGreaterThan(0.95);
  });

  it("has surface variety: numbers, lower-case chat, typos/elongation and emoticons all occur", () => {
    const texts = generateLabelledExamples(createDemoRng(4), 5_000).map((e) => e.text);
    const share = (re: RegExp) => texts.filter((t) => re.test(t)).length / texts.length;
    expect(share(/\d/)).toBeGreaterThan(0.3);
    expect(share(/^[^A-Z]*$/)).toBeGreaterThan(0.03);
    const typoWords = TYPOS.map(([, typo]) => typo.replace(/[^A-Za-z']/g, ""));
    const noisy = new RegExp(`(^|[^A-Za-z'])(${typoWords.join("|")}|sooo+|reaaally)(?![A-Za-z'])`, "i");
    expect(share(noisy)).toBeGreaterThan(0.04);
    expect(share(/:\)|:\(|😊|😡|❤️|<3/)).toBeGreaterThan(0.02);
    expect(share(/\b(not|never|no one|nobody|didn't|don't|can't|won't)\b/i)).toBeGreaterThan(0.1);
  });

  it("is learnable by a bag-of-words model but not perfectly separable", () => {
    // The product's own naive Bayes (models/), as the first model is trained on this text.
    const train = [...iterateLabelledExamples(createDemoRng(11), 30_000)];
    const model = trainClassifier(train.map((e) => e.text), train.map((e) => e.sentiment), { algorithm: "nb" });
    const nb = { predict: (text: string) => model.predict(text).label };
    const test = generateLabelledExamples(createDemoRng(12), 5_000);
    const accuracy = test.filter((e) => nb.predict(e.text) === e.sentiment).length / test.length;
    expect(accuracy).toBeGreaterThan(0.84);
    expect(accuracy).toBeLessThan(0.94);
    expect(nb.predict("refund never arrived, furious")).toBe("negative");
    expect(nb.predict("Thank you so much, I love the new app!")).toBe("positive");
    expect(nb.predict("How do I download my monthly report?")).toBe("neutral");
  });

  it("is fast (well under 30 s per million on one core)", () => {
    const rng = createDemoRng(8);
    const n = 100_000;
    const t0 = performance.now();
    for (let i = 0; i < n; i++) generateRequest(rng, { category: CATEGORY_NAMES[i % 10], sentiment: SENTIMENTS[i % 3] });
    const seconds = (performance.now() - t0) / 1000;
    // 100k in < 3 s means 1M in < 30 s even on a slow, shared CI machine.
    expect(seconds).toBeLessThan(3);
  });
});
