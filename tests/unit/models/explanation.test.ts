// The highlighted words a supervisor and an agent read on the task page, the review page
// and the API (models/explanation.ts): the words that drove the decision, never a stop
// word or pronoun alone, negations with their word, nothing across a clause boundary, and
// exact per-word contributions for the linear models.
import { describe, expect, it } from "vitest";
import { loadClassifier, trainClassifier, type ExplanationToken, type TextClassifier } from "@/models/classifier";
import { highlightsOf, type Attribution } from "@/models/explanation";
import { STOP_WORDS } from "@/models/text/stop-words";
import { tokenize } from "@/models/text/tokenizer";
import { NEGATOR_WORDS } from "@/models/text/token-lexicon";
import { readShippedSentiment } from "@/lib/training/shipped/files";
import { sentimentLexicon } from "@/lib/sentiment/lexicon";
import { CALL_CENTRE_MESSAGES } from "../../fixtures/call-centre-messages";
import { NEGATIVE, NEUTRAL, POSITIVE } from "./fixtures";

/** More complaints as a call centre receives them, written for these tests. */
const COMPLAINTS = [
  "I've been on hold for 45 minutes and you've charged me twice this month. The billing page is confusing, and was down all morning. Not good enough.",
  "The invoice is wrong again and the billing page is so confusing I can't even find where to complain.",
  "I'm frustrated: the app logged me out three times today and the error message is useless.",
  "My parcel arrived damaged and the replacement is late. Really disappointing.",
  "The agent was lovely but the refund still hasn't arrived after two weeks.",
  "Nobody has called me back, and your chat bot just goes round in circles.",
  "I didn't ask for this upgrade, so why am I paying for it?",
];
const MESSAGES = [...CALL_CENTRE_MESSAGES.map((m) => m.text), ...COMPLAINTS];

const shipped = loadClassifier(readShippedSentiment().artifact);

/** The normalised words of a mark, without negation prefixes ("can't" → can, not). */
const wordsOf = (mark: ExplanationToken) => tokenize(mark.text, { negation: false, numbers: false });
const marked = (model: TextClassifier, text: string, label?: string) =>
  model.explain(text, 20).filter((m) => label === undefined || m.label === label).map((m) => m.text);

describe("highlighted words on the shipped sentiment model", () => {
  it("never marks a stop word or pronoun on its own (you've, I, was, and …)", () => {
    for (const text of MESSAGES) {
      for (const mark of shipped.explain(text, 20)) {
        const words = wordsOf(mark);
        expect(words.every((w) => STOP_WORDS.has(w)), `${text}: "${mark.text}"`).toBe(false);
      }
    }
  });

  it("marks a negation with the word it negates, never the negator alone", () => {
    for (const text of MESSAGES) {
      for (const mark of shipped.explain(text, 20)) {
        const words = wordsOf(mark);
        expect(words.every((w) => NEGATOR_WORDS.has(w) || STOP_WORDS.has(w)), `${text}: "${mark.text}"`).toBe(false);
      }
    }
    const notBad = "Not bad at all, the new version is much faster.";
    expect(marked(shipped, notBad, "positive")).toContain("Not bad");
    expect(marked(shipped, "I'm not unhappy with the service, the team was helpful.", "positive")).toContain("not unhappy");
    expect(marked(shipped, COMPLAINTS[1], "negative")).toContain("can't even find");
    expect(marked(shipped, COMPLAINTS[4], "negative")).toContain("hasn't arrived");
  });

  it("never marks across a clause boundary: no mark holds a comma, a full stop or a 'but'", () => {
    for (const text of MESSAGES) {
      for (const mark of shipped.explain(text, 20)) {
        expect(mark.text).toBe(text.slice(mark.start, mark.end));
        expect(mark.text.length === 1 || !/[.,;:!?()"\n]/.test(mark.text), `${text}: "${mark.text}"`).toBe(true);
        expect(wordsOf(mark).some((w) => ["but", "however", "although", "though"].includes(w)), `${text}: "${mark.text}"`).toBe(false);
      }
    }
  });

  it("marks the complaint's own problem words towards negative, also a word only the lexicon knows", () => {
    const billing = COMPLAINTS[0];
    expect(shipped.predict(billing).label).toBe("negative");
    const negative = marked(shipped, billing, "negative");
    expect(negative).toEqual(expect.arrayContaining(["hold", "charged", "confusing", "Not good"]));
    // The example: in an angry billing complaint "you've" and "minutes" were marked as positive.
    expect(marked(shipped, billing, "positive")).toEqual([]);
    expect(negative).not.toContain("you've");

    expect(marked(shipped, "The billing page is so confusing and the invoice is wrong.", "negative")).toEqual(expect.arrayContaining(["confusing", "wrong"]));
    expect(marked(shipped, COMPLAINTS[2], "negative")).toEqual(expect.arrayContaining(["frustrated", "useless"]));
    expect(marked(shipped, COMPLAINTS[3], "negative")).toEqual(expect.arrayContaining(["damaged", "disappointing"]));
  });

  it("never marks a word the lexicon rates negative as pushing a complaint towards positive", () => {
    const lexicon = sentimentLexicon();
    const complaints = [...CALL_CENTRE_MESSAGES.filter((m) => m.sentiment === "negative").map((m) => m.text), ...COMPLAINTS];
    for (const text of complaints) {
      if (shipped.predict(text).label !== "negative") continue;
      for (const mark of shipped.explain(text, 20).filter((m) => m.label === "positive")) {
        const rated = wordsOf(mark).map((w) => lexicon[w] ?? 0);
        expect(rated.some((v) => v < 0), `${text}: "${mark.text}"`).toBe(false);
      }
    }
  });

  it("lists the marks for the decision first, strongest first, and a strong word against it after them", () => {
    const mixed = COMPLAINTS[4]; // "The agent was lovely but the refund still hasn't arrived …"
    const marks = shipped.explain(mixed, 20);
    const predicted = shipped.predict(mixed).label;
    expect(predicted).toBe("negative");
    const firstOther = marks.findIndex((m) => m.label !== predicted);
    expect(firstOther).toBeGreaterThan(0);
    expect(marks.slice(firstOther).every((m) => m.label !== predicted)).toBe(true);
    expect(marks.slice(firstOther).map((m) => m.text)).toContain("lovely");
    for (let i = 1; i < firstOther; i++) expect(marks[i - 1].weight).toBeGreaterThanOrEqual(marks[i].weight);
  });
});

describe("exact contributions of the linear models", () => {
  const texts = [...POSITIVE, ...NEGATIVE, ...NEUTRAL];
  const labels = [...POSITIVE.map(() => "positive"), ...NEGATIVE.map(() => "negative"), ...NEUTRAL.map(() => "neutral")];
  const logOdds = (p: ArrayLike<number>, a: number, b: number) => Math.log(p[a]) - Math.log(p[b]);

  // The pieces of an attribution add up to the model's scores: the log-odds between two
  // classes of a text minus those of a text without any word equal the summed contributions.
  for (const [name, train] of [
    ["naive Bayes", () => trainClassifier(texts, labels, { algorithm: "nb" })],
    ["complement naive Bayes", () => trainClassifier(texts, labels, { algorithm: "cnb" })],
    ["NB-SVM", () => trainClassifier(texts, labels, { algorithm: "nbsvm" })],
    ["linear SVM", () => trainClassifier(texts, labels, { algorithm: "svm" })],
    ["SVM with lexicon features", () => trainClassifier(texts, labels, { algorithm: "svm", lexicon: { awful: -3, confusing: -1.3, great: 3 } })],
  ] as const) {
    it(`${name}: the pieces sum to the decision`, () => {
      const model = train();
      const text = "the agent was great but the app is confusing and the wait was awful, not happy";
      const a = model.attribute(text);
      const empty = model.attribute(".");
      expect(empty.pieces).toHaveLength(0);
      for (let x = 0; x < a.labels.length; x++) {
        for (let y = x + 1; y < a.labels.length; y++) {
          const summed = a.pieces.reduce((s, p) => s + p.contrib[x] - p.contrib[y], 0);
          expect(logOdds(a.probs, x, y) - logOdds(empty.probs, x, y)).toBeCloseTo(summed, 6);
        }
      }
    });
  }

  it("a lexicon word the model never saw in training is marked for its rating", () => {
    // "confusing" is rated like "awful", which the training texts hold: the model learnt what that rating weighs.
    const model = trainClassifier(texts, labels, { algorithm: "svm", lexicon: { confusing: -3, awful: -3, great: 3, happy: 2 } });
    expect(texts.some((t) => t.includes("confusing"))).toBe(false);
    const marks = model.explain("the website is confusing");
    expect(marks.map((m) => [m.text, m.label])).toContainEqual(["confusing", "negative"]);
    expect(marks.some((m) => m.feature.includes("zzlex"))).toBe(false);
  });
});

describe("marking rules on a hand-made attribution", () => {
  // "Was it good? No, the page is confusing, and was down": scores for [negative, positive].
  const text = "It is not good, and was confusing";
  const tok = (word: string, from: number, normalised = word.toLowerCase(), lexicon = false) => ({ text: normalised, start: from, end: from + word.length, lexicon });
  const tokens = [
    tok("It", 0), tok("is", 3), tok("not", 6), tok("good", 10, "NOT_good"), tok("and", 16), tok("was", 20), tok("confusing", 24),
    tok("confusing", 24, "zzlexnegw", true),
  ];
  const piece = (ids: number[], neg: number, pos = 0) => ({ tokens: ids, contrib: [neg, pos] });
  const attribution: Attribution = {
    labels: ["negative", "positive"],
    probs: [0.9, 0.1],
    tokens,
    pieces: [
      piece([0], 0, 5), // "it" weighs a lot towards positive: a stop word, never marked alone
      piece([2], 0.5), // "not"
      piece([3], 1), // "NOT_good"
      piece([4, 5], 2), // "and was": two stop words, a fragment across the comma
      piece([6, 4], 0.2), // a pair across the comma ("confusing and"): its share goes to "confusing"
      piece([7], 0.7), // the lexicon marker of "confusing"
    ],
  };

  it("shows words and negations only, each with its exact summed weight", () => {
    const marks = highlightsOf(text, attribution);
    expect(marks.map((m) => [m.text, m.label])).toEqual([
      ["not good", "negative"],
      ["confusing", "negative"],
    ]);
    // Support for "negative" against "positive": 0.5 + 1 and 0.2 + 0.7.
    expect(marks[0].weight).toBeCloseTo(1.5, 9);
    expect(marks[1].weight).toBeCloseTo(0.9, 9);
    expect(marks.every((m) => m.text === text.slice(m.start, m.end))).toBe(true);
  });

  it("drops weak marks and keeps at most `max`", () => {
    const weak = { ...attribution, pieces: [...attribution.pieces.slice(1, 3), piece([6], 0.1)] };
    expect(highlightsOf(text, weak).map((m) => m.text)).toEqual(["not good"]);
    expect(highlightsOf(text, attribution, 1).map((m) => m.text)).toEqual(["not good"]);
  });

  it("keeps a negation with its word across a number ('not in 3 days')", () => {
    const line = "Not delivered in 3 days";
    const a: Attribution = {
      labels: ["negative", "positive"],
      probs: [0.8, 0.2],
      tokens: [tok("Not", 0), tok("delivered", 4, "NOT_delivered"), tok("in", 14, "NOT_in"), tok("3", 17, "<num>"), tok("days", 19, "NOT_days")],
      pieces: [piece([0], 0.3), piece([1], 0.2), piece([3], 0.4), piece([4], 0.6)],
    };
    const marks = highlightsOf(line, a);
    expect(marks.map((m) => m.text)).toEqual(["Not delivered"]);
    // The whole scope weighs in: removing "Not" takes away NOT_delivered and NOT_days too.
    expect(marks[0].weight).toBeCloseTo(0.3 + 0.2 + 0.6, 9);
  });
});
