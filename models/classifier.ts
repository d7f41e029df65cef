// Public entry point of the sentiment engine. The app imports only this
// module: train a classifier from texts + labels, load one from its
// artifact, and list the algorithms for the training form.
//
// Pure computation: arrays in, arrays/plain objects out; no I/O, no
// framework or database imports; same input and seed → same model.

import { algorithmInfo, ALGORITHMS, resolveParams } from "./algorithms";
import { decodeFloat64, parseArtifact } from "./artifact";
import { ModelArtifactError, ModelInputError } from "./errors";
import { LexiconTextClassifier, augmentWithLexicon, readLexiconArtifact } from "./lexicon-classifier";
import { LinearTextClassifier } from "./linear-text-classifier";
import { FeatureSpace, resolveFeatureOptions, type FeatureOptions } from "./text/features";
import { Tokenizer, type TokenizerOptions } from "./text/tokenizer";
import { trainNaiveBayesClassifier, trainSvmClassifier } from "./train-linear";
import { loadDenseClassifier, trainDenseClassifier } from "./train-dense";
import { isXgboostReady, loadXgboostRuntime } from "./classifiers/xgboost-runtime";
import type { Algorithm, ParamValue, StoredModel, TextClassifier, TrainingInput, TrainOptions } from "./types";
import { checkTrainingData } from "./validation";

export type {
  Algorithm,
  ExplanationToken,
  ParamValue,
  Prediction,
  TextClassifier,
  TrainOptions,
} from "./types";
export { ALGORITHMS } from "./algorithms";
export { ModelArtifactError, ModelInputError } from "./errors";
export { MAX_TEXT_LENGTH } from "./validation";
export type { Lexicon } from "./lexicon-classifier";

/**
 * Loads the asynchronous runtime an algorithm needs (only "xgboost": its
 * WebAssembly module compiles asynchronously). Afterwards the synchronous
 * trainClassifier/loadClassifier work for it too. No-op for the others.
 */
export async function prepareAlgorithm(algorithm: Algorithm): Promise<void> {
  algorithmInfo(algorithm);
  if (algorithm === "xgboost") await loadXgboostRuntime();
}

function requireRuntime(algorithm: Algorithm): void {
  if (algorithm === "xgboost" && !isXgboostReady()) {
    throw new Error('the xgboost runtime is not loaded: await prepareAlgorithm("xgboost") first, or use trainClassifierAsync/loadClassifierAsync');
  }
}

/**
 * Trains a classifier. Labels may be any non-empty strings (at least two
 * distinct); the model's class order is the sorted label list.
 * Throws ModelInputError for bad data or parameters.
 */
export function trainClassifier(texts: string[], labels: string[], opts: TrainOptions): TextClassifier {
  if (typeof opts !== "object" || opts === null) throw new ModelInputError("training options are required");
  const info = algorithmInfo(opts.algorithm);
  const params = resolveParams(info.id, opts.params);
  const { labels: classes, y } = checkTrainingData(texts, labels);
  checkCalibrationRows(opts.calibrateOn, texts.length);
  requireRuntime(info.id);
  if (opts.lexicon) {
    const lexicon = opts.lexicon;
    const tokenizer = new Tokenizer();
    const augmented = texts.map((t) => augmentWithLexicon(t, lexicon, tokenizer).text);
    return new LexiconTextClassifier(trainClassifier(augmented, labels, { ...opts, lexicon: undefined }), lexicon);
  }
  const input: TrainingInput = { texts, labels: classes, y, params, onProgress: opts.onProgress, calibrateOn: opts.calibrateOn };
  switch (info.id) {
    case "nb":
    case "cnb":
      return trainNaiveBayesClassifier(info.id, input);
    case "svm":
    case "nbsvm":
      return trainSvmClassifier(info.id, input);
    case "logreg":
    case "tree":
    case "xgboost":
      return trainDenseClassifier(info.id, input);
  }
}

function checkCalibrationRows(calibrateOn: unknown, nRows: number): void {
  if (calibrateOn === undefined) return;
  if (!Array.isArray(calibrateOn) || calibrateOn.some((v) => typeof v !== "boolean")) throw new ModelInputError("calibrateOn must be an array of booleans, one per training row");
  if (calibrateOn.length !== nRows) throw new ModelInputError(`calibrateOn has ${calibrateOn.length} flags for ${nRows} training rows`);
}

/** trainClassifier for every algorithm, loading async runtimes first. */
export async function trainClassifierAsync(texts: string[], labels: string[], opts: TrainOptions): Promise<TextClassifier> {
  if (typeof opts === "object" && opts !== null) await prepareAlgorithm(algorithmInfo(opts.algorithm).id);
  return trainClassifier(texts, labels, opts);
}

/** Rebuilds a classifier from serialize() output; throws ModelArtifactError when unreadable. */
export function loadClassifier(artifact: string): TextClassifier {
  const withLexicon = typeof artifact === "string" ? readLexiconArtifact(artifact) : null;
  if (withLexicon) return new LexiconTextClassifier(loadClassifier(withLexicon.inner), withLexicon.lexicon);
  const obj = parseArtifact(artifact);
  const algorithm = obj.algorithm as Algorithm;
  if (!ALGORITHMS.some((a) => a.id === algorithm)) throw new ModelArtifactError(`artifact has unknown algorithm ${JSON.stringify(obj.algorithm)}`);
  requireRuntime(algorithm);
  const labels = obj.labels;
  if (!Array.isArray(labels) || labels.length < 2 || labels.some((l) => typeof l !== "string")) {
    throw new ModelArtifactError("artifact labels must be an array of at least two strings");
  }
  const params = (typeof obj.params === "object" && obj.params !== null ? obj.params : {}) as Record<string, ParamValue>;
  const { tokenizer, space } = loadTextPipeline(obj);
  const model = obj.model as Record<string, unknown> | undefined;
  if (typeof model !== "object" || model === null) throw new ModelArtifactError("artifact has no model section");
  const stored: StoredModel = { algorithm, labels, tokenizer, space, payload: model, params };
  if (model.kind === "linear") return LinearTextClassifier.fromPayload(stored);
  return loadDenseClassifier(stored);
}

/** loadClassifier for every algorithm, loading async runtimes first. */
export async function loadClassifierAsync(artifact: string): Promise<TextClassifier> {
  const withLexicon = typeof artifact === "string" ? readLexiconArtifact(artifact) : null;
  const obj = parseArtifact(withLexicon ? withLexicon.inner : artifact);
  if (obj.algorithm === "xgboost") await loadXgboostRuntime();
  return loadClassifier(artifact);
}

function loadTextPipeline(obj: Record<string, unknown>): { tokenizer: Tokenizer; space: FeatureSpace } {
  let tokenizer: Tokenizer;
  try {
    tokenizer = new Tokenizer(obj.tokenizer as Partial<TokenizerOptions>);
  } catch (e) {
    throw new ModelArtifactError(`artifact tokenizer settings are invalid: ${(e as Error).message}`);
  }
  const features = obj.features as { options?: unknown; names?: unknown; idf?: unknown } | undefined;
  if (typeof features !== "object" || features === null) throw new ModelArtifactError("artifact has no features section");
  let options: FeatureOptions;
  try {
    options = resolveFeatureOptions(features.options as Partial<FeatureOptions>);
  } catch (e) {
    throw new ModelArtifactError(`artifact feature settings are invalid: ${(e as Error).message}`);
  }
  const names = features.names;
  if (!Array.isArray(names) || names.some((n) => typeof n !== "string")) throw new ModelArtifactError("artifact feature names must be strings");
  const idf = typeof features.idf === "string" ? decodeFloat64(features.idf, names.length) : undefined;
  if (options.idf && !idf) throw new ModelArtifactError("artifact uses idf but stores no idf values");
  return { tokenizer, space: FeatureSpace.fromNames(names as string[], options, idf) };
}
