// How the shipped models are made; ./files.ts reads and writes them. `npm run models:ship`
// retrains both (README "What ships"):
// - sentiment: linear SVM with the VADER lexicon as features (models/lexicon-classifier.ts),
//   trained on GoEmotions' sentiment grouping (Apache-2.0) and the project's own
//   generated support requests, generated without label noise (lib/demo/generator).
// - emotion: NB-SVM on GoEmotions grouped into the six emotions plus neutral, and the
//   same generated requests (most neutral requests carry no clear emotion).
// Nothing else is used: the airline, CARER and CrowdFlower sets' terms do not allow
// shipping a model trained on them, so they are only used to measure these models.
import fs from "node:fs";
import { trainClassifier, type Algorithm, type ParamValue, type TextClassifier } from "@/models/classifier";
import { EMOTIONS } from "@/models/emotion/labels";
import { parseCsv } from "@/models/text/csv";
import { createDemoRng } from "@/lib/demo/generator/random";
import { generateLabelledExamples } from "@/lib/demo/generator/requests";
import { sentimentLexicon } from "@/lib/sentiment/lexicon";

/** GoEmotions' 27 emotions in the seven groups of the built-in emotion model. */
const EMOTION_GROUPS: Record<string, readonly string[]> = {
  anger: ["anger", "annoyance", "disapproval", "disgust"],
  sadness: ["sadness", "disappointment", "embarrassment", "grief", "remorse"],
  fear: ["fear", "nervousness"],
  joy: ["joy", "amusement", "excitement", "gratitude", "optimism", "pride", "relief", "approval", "admiration"],
  love: ["love", "caring", "desire"],
  surprise: ["surprise", "realization", "confusion", "curiosity"],
  neutral: ["neutral"],
};

/** The paper's sentiment grouping; "ambiguous" (questions, surprise) reads as neutral in a support desk. */
const SENTIMENT_GROUPS: Record<string, readonly string[]> = {
  positive: ["admiration", "amusement", "approval", "caring", "desire", "excitement", "gratitude", "joy", "love", "optimism", "pride", "relief"],
  negative: ["anger", "annoyance", "disappointment", "disapproval", "disgust", "embarrassment", "fear", "grief", "nervousness", "remorse", "sadness"],
  neutral: ["confusion", "curiosity", "realization", "surprise", "neutral"],
};

const invert = (groups: Record<string, readonly string[]>) => new Map(Object.entries(groups).flatMap(([g, ls]) => ls.map((l) => [l, g] as const)));
export const GOEMOTIONS_EMOTION_GROUP = invert(EMOTION_GROUPS);
export const GOEMOTIONS_SENTIMENT_GROUP = invert(SENTIMENT_GROUPS);

export interface LabelledTexts {
  texts: string[];
  labels: string[];
}

/**
 * A GoEmotions TSV file (text, labels, id) mapped into groups. Rows whose labels fall in
 * more than one group (about 10%) are left out: their single label would be a guess.
 */
export function readGoEmotions(file: string, groups: Map<string, string>, perLabelCap = Infinity): LabelledTexts {
  const table = parseCsv(fs.readFileSync(file, "utf8"), { delimiter: "\t" });
  const textCol = table.header.indexOf("text");
  const labelCol = table.header.indexOf("labels");
  if (textCol < 0 || labelCol < 0) throw new Error(`${file}: expected the columns text and labels`);
  const out: LabelledTexts = { texts: [], labels: [] };
  const taken = new Map<string, number>();
  for (const row of table.rows) {
    const found = new Set(row[labelCol].split(",").map((l) => groups.get(l.trim())));
    if (found.size !== 1 || found.has(undefined)) continue;
    const label = [...found][0]!;
    const n = (taken.get(label) ?? 0) + 1;
    if (n > perLabelCap) continue;
    taken.set(label, n);
    out.texts.push(row[textCol]);
    out.labels.push(label);
  }
  return out;
}

/** The generator's support requests with labels a person would agree with (no overlap zones). */
function supportRequests(n: number): { texts: string[]; sentiments: string[]; emotions: string[] } {
  const rows = generateLabelledExamples(createDemoRng(3), n, false);
  return { texts: rows.map((r) => r.text), sentiments: rows.map((r) => r.sentiment), emotions: rows.map((r) => r.emotion) };
}

/**
 * The confidence is calibrated on the GoEmotions rows only (real people's text, scored out
 * of fold), not on the generated requests: see TrainOptions.calibrateOn.
 */
const realTextRows = (nReal: number, nGenerated: number): boolean[] => [...Array<boolean>(nReal).fill(true), ...Array<boolean>(nGenerated).fill(false)];

// ---- the recipes ---------------------------------------------------------------------

/** GoEmotions rows per sentiment: enough to teach emotional words, few enough not to drown the support requests. */
const SENTIMENT_GOEMOTIONS_PER_LABEL = 3000;
const SUPPORT_REQUESTS = 12_000;
export const SHIPPED_SENTIMENT_ALGORITHM: Algorithm = "svm";
export const SHIPPED_EMOTION_ALGORITHM: Algorithm = "nbsvm";
/** Rare words and pairs dropped: the artifact stays about 1 MB with no loss on GoEmotions dev. */
export const SHIPPED_EMOTION_PARAMS: Record<string, ParamValue> = { minDf: 3, bigramMinDf: 5 };

export function trainShippedSentiment(goemotionsTrain: string, onProgress?: (f: number, m?: string) => void): { classifier: TextClassifier; nTrain: number } {
  const go = readGoEmotions(goemotionsTrain, GOEMOTIONS_SENTIMENT_GROUP, SENTIMENT_GOEMOTIONS_PER_LABEL);
  const support = supportRequests(SUPPORT_REQUESTS);
  const texts = [...go.texts, ...support.texts];
  const labels = [...go.labels, ...support.sentiments];
  const classifier = trainClassifier(texts, labels, {
    algorithm: SHIPPED_SENTIMENT_ALGORITHM,
    lexicon: sentimentLexicon(),
    calibrateOn: realTextRows(go.texts.length, support.texts.length),
    onProgress,
  });
  return { classifier, nTrain: texts.length };
}

export function trainShippedEmotion(goemotionsTrain: string, onProgress?: (f: number, m?: string) => void): { classifier: TextClassifier; nTrain: number } {
  const go = readGoEmotions(goemotionsTrain, GOEMOTIONS_EMOTION_GROUP);
  const support = supportRequests(SUPPORT_REQUESTS);
  const texts = [...go.texts, ...support.texts];
  const labels = [...go.labels, ...support.emotions];
  const unknown = labels.find((l) => !(EMOTIONS as readonly string[]).includes(l));
  if (unknown) throw new Error(`unexpected emotion label ${unknown}`);
  const classifier = trainClassifier(texts, labels, {
    algorithm: SHIPPED_EMOTION_ALGORITHM,
    params: SHIPPED_EMOTION_PARAMS,
    calibrateOn: realTextRows(go.texts.length, support.texts.length),
    onProgress,
  });
  return { classifier, nTrain: texts.length };
}
