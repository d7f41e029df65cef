// Catalogue of the algorithms offered to the user, with their parameters.
// The UI renders its training form from this list, the CLI parses
// `--param name=value` against it, and training validates with it.

import { ModelInputError } from "./errors";
import type { Algorithm, AlgorithmInfo, ParamSpec, ParamValue } from "./types";

type TextDefaults = { ngrams: number; minDf: number; bigramMinDf?: number; weighting: string; idf: boolean; normalize: boolean };

const TEXT_PARAMS = (d: TextDefaults): ParamSpec[] => [
  { name: "ngrams", type: "number", default: d.ngrams, min: 1, max: 2, help: "Longest word sequence used as a feature: 1 = single words, 2 = also word pairs." },
  { name: "minDf", type: "number", default: d.minDf, min: 1, max: 1000, help: "Ignore words found in fewer training messages than this." },
  { name: "bigramMinDf", type: "number", default: d.bigramMinDf ?? 2, min: 1, max: 1000, help: "Ignore word pairs found in fewer training messages than this (at least minDf)." },
  { name: "maxFeatures", type: "number", default: 0, min: 0, max: 5_000_000, help: "Keep only this many most frequent features (0 = no limit)." },
  { name: "weighting", type: "string", default: d.weighting, options: ["binary", "count", "sublinear"], help: "Per-message term weight: presence, raw count, or 1 + ln(count)." },
  { name: "idf", type: "boolean", default: d.idf, help: "Down-weight words that occur in many messages (inverse document frequency)." },
  { name: "normalize", type: "boolean", default: d.normalize, help: "Scale every message vector to unit length, so long messages do not dominate." },
  { name: "negation", type: "boolean", default: true, help: "Mark words after not/never/n't as negated (\"not good\" → NOT_good) until the clause ends." },
  { name: "seed", type: "number", default: 42, min: 0, max: 2 ** 31 - 1, help: "Random seed (shuffling, calibration folds); same seed and data give the same model." },
];

/**
 * What every linear model on the sparse word features ends with: calibration and bias tuning
 * (both on by default), then the text features.
 */
const CALIBRATED_TEXT_PARAMS = (text: TextDefaults): ParamSpec[] => [
  { name: "calibrate", type: "boolean", default: true, help: "Fit a temperature on out-of-fold scores so confidences match observed accuracy." },
  { name: "tuneBias", type: "boolean", default: true, help: "Shift class scores to maximise macro-F1 on held-out folds: small classes (e.g. positive) get caught more often." },
  ...TEXT_PARAMS(text),
];

const DENSE_FEATURES = (def: number, max: number): ParamSpec => ({
  name: "features",
  type: "number",
  default: def,
  min: 2,
  max,
  help: "Number of words (chosen by chi-squared association with the labels) given to the model as dense columns.",
});

// The dense models all read the same text features.
const DENSE_TEXT_PARAMS = TEXT_PARAMS({ ngrams: 2, minDf: 2, weighting: "binary", idf: false, normalize: false });

// The two support-vector machines share their regularisation and passes.
const SVM_C = (def: number): ParamSpec => ({ name: "C", type: "number", default: def, min: 1e-4, max: 1000, help: "Inverse regularisation: larger values fit the training data more closely." });
const SVM_EPOCHS: ParamSpec = { name: "epochs", type: "number", default: 30, min: 1, max: 1000, help: "Maximum passes over the data per class." };

export const ALGORITHMS: AlgorithmInfo[] = [
  {
    id: "nb",
    name: "Naive Bayes (multinomial)",
    description: "Default. Fast and robust word-count model; trains in well under a second.",
    async: false,
    params: [
      { name: "alpha", type: "number", default: 0.5, min: 1e-6, max: 10, help: "Additive smoothing of word counts; smaller trusts rare words more." },
      { name: "fitPrior", type: "boolean", default: false, help: "Use class frequencies as priors. Off = uniform priors, which treats small classes fairly." },
      { name: "selectFeatures", type: "number", default: 0, min: 0, max: 5_000_000, help: "Keep only the k words most associated with the labels (chi-squared); 0 = keep all." },
      ...CALIBRATED_TEXT_PARAMS({ ngrams: 2, minDf: 1, weighting: "binary", idf: false, normalize: false }),
    ],
  },
  {
    id: "cnb",
    name: "Complement Naive Bayes",
    description: "Naive Bayes variant that estimates each class from all other classes; better on unbalanced, many-class data.",
    async: false,
    params: [
      { name: "alpha", type: "number", default: 0.3, min: 1e-6, max: 10, help: "Additive smoothing of word counts." },
      { name: "normalizeWeights", type: "boolean", default: false, help: "Divide each class's weights by their sum (weight-normalised CNB)." },
      { name: "fitPrior", type: "boolean", default: false, help: "Add log class frequencies to the scores." },
      ...CALIBRATED_TEXT_PARAMS({ ngrams: 2, minDf: 1, weighting: "sublinear", idf: true, normalize: true }),
    ],
  },
  {
    id: "svm",
    name: "Linear SVM",
    description: "A linear support-vector machine on weighted word counts: accurate, and trains in seconds.",
    async: false,
    params: [
      SVM_C(0.5),
      SVM_EPOCHS,
      { name: "balanced", type: "boolean", default: true, help: "Weight classes inversely to their size (better macro-F1 on unbalanced data)." },
      ...CALIBRATED_TEXT_PARAMS({ ngrams: 2, minDf: 1, bigramMinDf: 1, weighting: "sublinear", idf: true, normalize: true }),
    ],
  },
  {
    id: "nbsvm",
    name: "NB-SVM",
    description: "A linear support-vector machine on words weighted by naive Bayes: the most accurate on both reference data sets; trains in seconds.",
    async: false,
    params: [
      SVM_C(0.05),
      { name: "alpha", type: "number", default: 1, min: 1e-3, max: 100, help: "Smoothing of the naive Bayes count ratios that scale each word." },
      SVM_EPOCHS,
      { name: "balanced", type: "boolean", default: false, help: "Weight classes inversely to their size (tuneBias already rebalances the decisions)." },
      ...CALIBRATED_TEXT_PARAMS({ ngrams: 2, minDf: 1, bigramMinDf: 1, weighting: "binary", idf: false, normalize: false }),
    ],
  },
  {
    id: "logreg",
    name: "Logistic regression",
    description: "Logistic regression on the words most associated with each label: slow to train (10–60 s for 10,000–16,000 messages).",
    async: false,
    params: [
      DENSE_FEATURES(200, 3000),
      { name: "steps", type: "number", default: 100, min: 1, max: 100_000, help: "Gradient-descent steps per class (each is a full pass over the data: slow)." },
      { name: "learningRate", type: "number", default: 4, min: 1e-6, max: 100, help: "Step size per step (divided by the number of training messages)." },
      ...DENSE_TEXT_PARAMS,
    ],
  },
  {
    id: "tree",
    name: "Decision tree",
    description: "A decision tree on the words most associated with each label: easy to follow, but much less accurate on text, and slow to train (7–40 s for 10,000–16,000 messages).",
    async: false,
    params: [
      DENSE_FEATURES(50, 2000),
      { name: "maxDepth", type: "number", default: 10, min: 1, max: 100, help: "Maximum depth of the tree." },
      { name: "minSamples", type: "number", default: 5, min: 1, max: 10_000, help: "Nodes with at most this many messages become leaves." },
      { name: "minGain", type: "number", default: 0.0005, min: 0, max: 1, help: "Split a node only if it lowers the Gini impurity by more than this." },
      ...DENSE_TEXT_PARAMS,
    ],
  },
  {
    id: "xgboost",
    name: "Gradient-boosted trees (XGBoost)",
    description: "Gradient-boosted decision trees (XGBoost) on the words most associated with each label: less accurate than the linear models on both reference data sets, and slower to train (7–40 s for 10,000–16,000 messages).",
    async: true,
    params: [
      DENSE_FEATURES(300, 2000),
      { name: "rounds", type: "number", default: 100, min: 1, max: 5000, help: "Boosting rounds (trees per class)." },
      { name: "maxDepth", type: "number", default: 6, min: 1, max: 20, help: "Maximum depth of each tree." },
      { name: "eta", type: "number", default: 0.3, min: 1e-4, max: 1, help: "Learning rate (shrinkage of each tree)." },
      { name: "subsample", type: "number", default: 1, min: 0.1, max: 1, help: "Fraction of messages sampled for each tree." },
      ...DENSE_TEXT_PARAMS,
    ],
  },
];

export const ALGORITHM_IDS: readonly Algorithm[] = ALGORITHMS.map((a) => a.id);

export function algorithmInfo(id: unknown): AlgorithmInfo {
  const info = ALGORITHMS.find((a) => a.id === id);
  if (!info) throw new ModelInputError(`unknown algorithm ${JSON.stringify(id)}; expected one of ${ALGORITHM_IDS.join(", ")}`);
  return info;
}

/**
 * Fills defaults and checks every given parameter against the catalogue.
 * Strings are accepted for numbers/booleans ("0.3", "true") because form
 * fields and CLI flags arrive as text.
 */
export function resolveParams(id: Algorithm, given: Record<string, unknown> | undefined): Record<string, ParamValue> {
  const info = algorithmInfo(id);
  const out: Record<string, ParamValue> = {};
  for (const p of info.params) out[p.name] = p.default;
  if (given === undefined || given === null) return out;
  if (typeof given !== "object" || Array.isArray(given)) throw new ModelInputError("params must be an object");
  for (const [name, raw] of Object.entries(given)) {
    const spec = info.params.find((p) => p.name === name);
    if (!spec) {
      throw new ModelInputError(`unknown parameter "${name}" for ${id}; expected one of ${info.params.map((p) => p.name).join(", ")}`);
    }
    out[name] = coerceParam(spec, raw, id);
  }
  return out;
}

function coerceParam(spec: ParamSpec, raw: unknown, id: Algorithm): ParamValue {
  const where = `parameter "${spec.name}" of ${id}`;
  if (spec.type === "number") {
    const v = typeof raw === "string" && raw.trim() !== "" ? Number(raw) : raw;
    if (typeof v !== "number" || !Number.isFinite(v)) throw new ModelInputError(`${where} must be a number, got ${JSON.stringify(raw)}`);
    if ((spec.min !== undefined && v < spec.min) || (spec.max !== undefined && v > spec.max)) {
      throw new ModelInputError(`${where} must be between ${spec.min} and ${spec.max}, got ${v}`);
    }
    return v;
  }
  if (spec.type === "boolean") {
    if (typeof raw === "boolean") return raw;
    if (raw === "true" || raw === "1") return true;
    if (raw === "false" || raw === "0") return false;
    throw new ModelInputError(`${where} must be true or false, got ${JSON.stringify(raw)}`);
  }
  if (typeof raw !== "string") throw new ModelInputError(`${where} must be a string, got ${JSON.stringify(raw)}`);
  if (spec.options && !spec.options.includes(raw)) {
    throw new ModelInputError(`${where} must be one of ${spec.options.join(", ")}, got ${JSON.stringify(raw)}`);
  }
  return raw;
}
