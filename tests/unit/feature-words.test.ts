import { describe, expect, it } from "vitest";
import { featureInWords } from "@/lib/sentiment/feature-words";
import { trainClassifier } from "@/models/classifier";

describe("featureInWords", () => {
  const readsAs = (feature: string, words: string) => expect(featureInWords(feature)).toBe(words);

  it.each([
    ["NOT_good", "not … good"],
    ["not NOT_good", "not good"],
    ["never NOT_arrived", "never arrived"],
    ["NOT_very NOT_helpful", "not … very helpful"],
    ["NOT_helpful but", "not … helpful but"],
  ])("writes a word after a negation as 'not … word', and a negated pair as it reads: %s → %s", readsAs);

  it.each([
    ["refund", "refund"],
    ["worst support", "worst support"],
    [":)", ":)"],
    ["<url>", "a link"],
    ["<num> NOT_days", "a number not … days"],
    ["constructor", "constructor"],
  ])("leaves ordinary words, pairs and emoticons alone and names placeholders: %s → %s", readsAs);

  it("leaves no marker in the words a trained model reports", () => {
    const texts = [
      "not good at all", "the app is not good", "support was not helpful", "never arrived, not happy",
      "really good service", "good and helpful support", "happy with the refund", "arrived on time, good",
    ];
    const labels = ["negative", "negative", "negative", "negative", "positive", "positive", "positive", "positive"];
    const model = trainClassifier(texts, labels, { algorithm: "nb", params: { minDf: 1, bigramMinDf: 1 } });
    const features = Object.values(model.topFeatures(30)).flat().map((f) => f.feature);
    expect(features.some((f) => f.includes("NOT_"))).toBe(true);
    for (const f of features) expect(featureInWords(f)).not.toMatch(/NOT_|<\w+>/);
    const explained = model.explain("The parcel was not good").map((t) => featureInWords(t.feature));
    expect(explained.some((w) => w.startsWith("not"))).toBe(true);
  });
});

describe("lexicon features in words", () => {
  it("reads the shipped model's lexicon markers as what they stand for", () => {
    expect(featureInWords("zzlexnegm")).toBe("a negative word");
    expect(featureInWords("zzlexposx")).toBe("a strongly positive word");
    expect(featureInWords("zzlexnegw zzlexposm")).toBe("a mildly negative word a positive word");
  });
});
