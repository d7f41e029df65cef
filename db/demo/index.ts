/** Public entry point of the demo-data generators (see each module for the why). */
export { createDemoRng, weightedPicker, hash32, type Rng } from "./random";
export { SENTIMENTS, EMOTIONS, CHANNELS, type Sentiment, type Emotion, type Channel, type SentimentMix } from "./types";
export { CATEGORIES, CATEGORY_NAMES, getCategory, isCategoryName, type CategoryDef, type CategoryName } from "./categories";
export { EMOTION_WEIGHTS, isConsistent, allowedEmotions, pickEmotion } from "./emotions";
export {
  generateRequest,
  generateLabelledExample,
  generateLabelledExamples,
  iterateLabelledExamples,
  type GenerateRequestOptions,
  type GeneratedRequest,
  type LabelledExample,
} from "./requests";
export { generateAccount, formatExternalRef, type DemoAccount } from "./accounts";
export {
  planDemo,
  atRiskAccountIndexes,
  atRiskCount,
  sentimentMixAt,
  AT_RISK_SHARE,
  RUN_MIN,
  RUN_MAX,
  type PlanDemoOptions,
  type DemoTaskSpec,
} from "./plan";
