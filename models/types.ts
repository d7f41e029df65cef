// Public types of the sentiment engine (re-exported by models/classifier.ts).
import type { Attribution } from "./explanation";
import type { FeatureSpace } from "./text/features";
import type { Tokenizer } from "./text/tokenizer";

export type Algorithm = "nb" | "cnb" | "svm" | "nbsvm" | "logreg" | "tree" | "xgboost";

export type ParamValue = number | string | boolean;

export interface TrainOptions {
  algorithm: Algorithm;
  /** Algorithm parameters by name (see ALGORITHMS[i].params); unknown names are rejected. */
  params?: Record<string, ParamValue>;
  /** Called with fractions in [0, 1] while training (tokenising, fitting). */
  onProgress?: (fraction: number, message?: string) => void;
  /**
   * A sentiment lexicon (word → valence) whose ratings become features of the model
   * (models/lexicon-classifier.ts). The lexicon is stored in the model's artifact.
   */
  lexicon?: Readonly<Record<string, number>>;
  /**
   * Which training rows the confidence is calibrated on, one flag per row (default: all).
   * Mark generated text false: its template-made rows are scored almost surely right even
   * out of fold, which would make the model over-confident on real messages. Used by the
   * algorithms that calibrate (nb, cnb, svm, nbsvm); with fewer than 100 marked rows the
   * temperature is fitted on all rows.
   */
  calibrateOn?: readonly boolean[];
}

export interface Prediction {
  label: string;
  /** Probability of every label; they sum to 1. */
  scores: Record<string, number>;
  /** Probability of the predicted label. */
  confidence: number;
}

/** One mark of an explanation (models/explanation.ts): a word of the text, or a negation with the words it negates. */
export interface ExplanationToken {
  /** The words of the original text (text.slice(start, end)). */
  text: string;
  start: number;
  end: number;
  /** Class this occurrence pushes towards. */
  label: string;
  /** Strength of the push (> 0), in log-odds of the predicted class; comparable within one explanation. */
  weight: number;
  /** The normalised tokens it covers, e.g. "confusing" or "not NOT_good". */
  feature: string;
}

export interface TextClassifier {
  readonly algorithm: Algorithm;
  readonly labels: string[];
  predict(text: string): Prediction;
  predictBatch(texts: string[]): Prediction[];
  /** The words that drove the decision, strongest first, at most `max` (default 8). */
  explain(text: string, max?: number): ExplanationToken[];
  /** Each feature occurrence's contribution to every class, with the tokens it covers (what explain() is built from). */
  attribute(text: string): Attribution;
  topFeatures(perClass: number): Record<string, { feature: string; weight: number }[]>;
  serialize(): string;
  dispose?(): void;
}

export interface ParamSpec {
  name: string;
  type: "number" | "boolean" | "string";
  default: ParamValue;
  min?: number;
  max?: number;
  /** Allowed values of a string parameter. */
  options?: string[];
  help: string;
}

export interface AlgorithmInfo {
  id: Algorithm;
  name: string;
  /** One line for the UI. */
  description: string;
  /** True when training needs the async runtime (see prepareAlgorithm). */
  async: boolean;
  params: ParamSpec[];
}

export type Progress = (fraction: number, message?: string) => void;

/** What every trainer gets from trainClassifier once the data and parameters are checked. */
export interface TrainingInput {
  texts: readonly string[];
  /** The sorted class labels. */
  labels: string[];
  /** Each text's index into labels. */
  y: Int32Array;
  /** Every parameter of the algorithm, defaults filled in. */
  params: Record<string, ParamValue>;
  onProgress?: Progress;
  /** The rows the confidence's temperature is fitted on (TrainOptions.calibrateOn); all when absent. */
  calibrateOn?: readonly boolean[];
}

/** A model read back from its artifact: its text pipeline is rebuilt, its own section not yet. */
export interface StoredModel {
  algorithm: Algorithm;
  labels: string[];
  tokenizer: Tokenizer;
  space: FeatureSpace;
  /** The artifact's model section. */
  payload: Record<string, unknown>;
  params: Record<string, ParamValue>;
}
