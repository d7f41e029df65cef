// Public types of the sentiment engine (re-exported by models/classifier.ts).

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
}

export interface Prediction {
  label: string;
  /** Probability of every label; they sum to 1. */
  scores: Record<string, number>;
  /** Probability of the predicted label. */
  confidence: number;
}

export interface ExplanationToken {
  /** The words of the original text that make up the feature (text.slice(start, end)). */
  text: string;
  start: number;
  end: number;
  /** Class this occurrence pushes towards. */
  label: string;
  /** Strength of the push (> 0); comparable within one explanation. */
  weight: number;
  /** The normalised feature behind it, e.g. "NOT_good" or "not happy". */
  feature: string;
}

export interface TextClassifier {
  readonly algorithm: Algorithm;
  readonly labels: string[];
  predict(text: string): Prediction;
  predictBatch(texts: string[]): Prediction[];
  explain(text: string, topK?: number): ExplanationToken[];
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
