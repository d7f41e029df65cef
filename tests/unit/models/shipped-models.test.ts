// The models a fresh clone activates must be right on a call centre's own messages from
// the first request (issue 16). These messages were written for the tests and are never
// used in training (tests/fixtures/call-centre-messages.ts).
import { describe, expect, it } from "vitest";
import { loadClassifier } from "@/models/classifier";
import { parseEmotionArtifact } from "@/lib/emotion/builtin-model";
import { readShippedEmotionJson, readShippedSentiment, SHIPPED_EMOTION_FILE } from "@/lib/training/shipped/files";
import { calibrationOf } from "@/models/evaluation";
import { CALL_CENTRE_MESSAGES } from "../../fixtures/call-centre-messages";
import { CALIBRATION_MESSAGES } from "../../fixtures/call-centre-calibration";

const sentiment = loadClassifier(readShippedSentiment().artifact);
const emotion = (await parseEmotionArtifact(readShippedEmotionJson(), SHIPPED_EMOTION_FILE)).classifier;
const byText = (text: string) => ({ sentiment: sentiment.predict(text), emotion: emotion.predict(text) });

describe("the shipped sentiment model", () => {
  it("labels the call-centre messages as a person would (at least 85%)", () => {
    const right = CALL_CENTRE_MESSAGES.filter((m) => sentiment.predict(m.text).label === m.sentiment).length;
    expect(right / CALL_CENTRE_MESSAGES.length).toBeGreaterThanOrEqual(0.85);
  });

  it("reads greetings and plain questions as neutral", () => {
    for (const text of ["hello", "Can you tell me when my next invoice will be sent?", "I'd like to change the address on my account, please."]) {
      expect(byText(text).sentiment.label, text).toBe("neutral");
    }
  });

  it("handles negation: 'not bad at all' and 'not unhappy' are not negative", () => {
    expect(byText("Not bad at all, the new version is much faster.").sentiment.label).toBe("positive");
    expect(byText("I'm not unhappy with the service, the team was helpful.").sentiment.label).not.toBe("negative");
  });

  it("reads a complaint as negative with high confidence", () => {
    const p = byText("This is the third time I've been charged twice. Fix it now or I'm cancelling.").sentiment;
    expect(p.label).toBe("negative");
    expect(p.confidence).toBeGreaterThan(0.8);
  });

  it("shows confidences that match how often it is right, and rarely 99% or more (call-centre messages)", () => {
    // Before the fix it showed 89% on average while right 79% of the time, and 99%+ on a third of them.
    const p = CALIBRATION_MESSAGES.map((m) => sentiment.predict(m.text));
    const cal = calibrationOf(
      p.map((x) => x.confidence),
      p.map((x, i) => x.label === CALIBRATION_MESSAGES[i].sentiment),
    );
    expect(Math.abs(cal.meanConfidence - cal.accuracy)).toBeLessThan(0.05);
    expect(cal.atLeast99).toBeLessThan(0.05);
  });

  it("highlights the rated word itself, also one it never saw in training", () => {
    const text = "The billing page is so confusing and the invoice is wrong.";
    const negative = sentiment.explain(text, 10).filter((t) => t.label === "negative").map((t) => t.text);
    expect(negative).toContain("wrong");
    expect(negative).toContain("confusing");
  });
});

describe("the shipped emotion model", () => {
  it("has exactly the six emotions plus neutral", () => {
    expect([...emotion.labels].sort()).toEqual(["anger", "fear", "joy", "love", "neutral", "sadness", "surprise"]);
  });

  it("gives plain questions and requests no emotion (neutral), at least 80% of them", () => {
    const plain = CALL_CENTRE_MESSAGES.filter((m) => m.emotion === "neutral");
    const neutral = plain.filter((m) => emotion.predict(m.text).label === "neutral");
    expect(neutral.length / plain.length).toBeGreaterThanOrEqual(0.8);
  });

  it("labels the emotional messages' emotion right at least 60% of the time", () => {
    const emotional = CALL_CENTRE_MESSAGES.filter((m) => m.emotion !== "neutral");
    const right = emotional.filter((m) => emotion.predict(m.text).label === m.emotion).length;
    expect(right / emotional.length).toBeGreaterThanOrEqual(0.6);
  });
});
