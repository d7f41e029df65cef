// The contract between the emotion server and the models behind it. A backend is
// anything that turns texts into label scores: the transformer (ONNX through
// transformers.js) or the project's own classifier. The server never knows which.

export interface LabelScore {
  label: string;
  score: number;
}

export type BackendKind = "transformer" | "builtin";

export interface EmotionBackend {
  /** Model identifier: reported by GET /info and the X-Model-Id header, stored with every prediction. */
  readonly id: string;
  readonly kind: BackendKind;
  /** Every label the model can return, in the model's own order. */
  readonly labels: readonly string[];
  /**
   * One list per text, in input order; each list holds every label, sorted by score
   * descending, scores summing to 1. Texts are non-empty and already length-checked.
   */
  classify(texts: string[]): Promise<LabelScore[][]>;
  /** Releases native resources (ONNX sessions); optional. */
  close?(): Promise<void>;
}
