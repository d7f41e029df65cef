// Text classifier whose class scores are linear in the features:
// score_c = bias_c + Σ_f x_f·w_fc. Naive Bayes (log-probabilities), the
// linear SVM and logistic regression all reduce to this, so they share the
// fast scoring loop, exact explanations and one artifact layout.

import { decodeFloat32, encodeFloat32 } from "./artifact";
import { softmaxInto } from "./classifiers/calibration";
import { ModelArtifactError } from "./errors";
import { BaseTextClassifier, type FeatureRanking } from "./text-classifier-base";
import type { FeatureSpace, SparseVector } from "./text/features";
import type { Tokenizer } from "./text/tokenizer";
import type { Algorithm, ParamValue, StoredModel } from "./types";

/**
 * How scores become probabilities:
 * - "softmax": softmax(score / temperature) — NB log-joints, SVM margins.
 * - "ovr-sigmoid": sigmoid of each one-vs-rest score, renormalised to sum 1.
 */
export type LinearOutput = "softmax" | "ovr-sigmoid";

export interface LinearModelData {
  /** Feature-major: weights[f * C + c]. */
  weights: Float32Array;
  bias: Float64Array;
  output: LinearOutput;
  temperature: number;
}

export class LinearTextClassifier extends BaseTextClassifier {
  readonly algorithm: Algorithm;
  private readonly model: LinearModelData;
  private readonly scores: Float64Array;

  constructor(
    algorithm: Algorithm,
    labels: readonly string[],
    tokenizer: Tokenizer,
    space: FeatureSpace,
    model: LinearModelData,
    params: Record<string, ParamValue>,
  ) {
    super(labels, tokenizer, space, params);
    if (model.weights.length !== space.size * labels.length) {
      throw new ModelArtifactError(`weight matrix has ${model.weights.length} entries, expected ${space.size} × ${labels.length}`);
    }
    if (model.bias.length !== labels.length) throw new ModelArtifactError("bias length does not match the number of labels");
    if (!(model.temperature > 0)) throw new ModelArtifactError("temperature must be positive");
    this.algorithm = algorithm;
    this.model = model;
    this.scores = new Float64Array(labels.length);
  }

  /** Raw class scores (before the output transform). */
  protected scoresOf(vec: SparseVector, out: Float64Array): void {
    const C = this.nClasses;
    const w = this.model.weights;
    const idx = vec.indices;
    const val = vec.values;
    if (C === 3) {
      // Three classes (negative / neutral / positive) is the common case: the
      // sums stay in registers instead of the scores array. Same additions in
      // the same order as the general loop, so the same bits.
      const bias = this.model.bias;
      let s0 = bias[0];
      let s1 = bias[1];
      let s2 = bias[2];
      for (let k = 0; k < vec.length; k++) {
        const base = idx[k] * 3;
        const v = val[k];
        s0 += v * w[base];
        s1 += v * w[base + 1];
        s2 += v * w[base + 2];
      }
      out[0] = s0;
      out[1] = s1;
      out[2] = s2;
      return;
    }
    out.set(this.model.bias);
    for (let k = 0; k < vec.length; k++) {
      const base = idx[k] * C;
      const v = val[k];
      for (let c = 0; c < C; c++) out[c] += v * w[base + c];
    }
  }

  protected probabilitiesOf(vec: SparseVector, out: Float64Array): void {
    const s = this.scores;
    this.scoresOf(vec, s);
    const C = this.nClasses;
    if (this.model.output === "softmax") {
      softmaxInto(s, 0, C, this.model.temperature, out);
      return;
    }
    let sum = 0;
    for (let c = 0; c < C; c++) {
      out[c] = 1 / (1 + Math.exp(-s[c] / this.model.temperature));
      sum += out[c];
    }
    for (let c = 0; c < C; c++) out[c] = sum > 0 ? out[c] / sum : 1 / C;
  }

  /**
   * Exact per-feature terms: x_f·(w_fc − mean_c' w_fc') / T. Centring removes
   * the part of a weight shared by all classes, which cannot change the decision.
   */
  protected contributionsOf(vec: SparseVector, out: Float64Array): void {
    const C = this.nClasses;
    const w = this.model.weights;
    const invT = 1 / this.model.temperature;
    for (let k = 0; k < vec.length; k++) {
      const base = vec.indices[k] * C;
      let mean = 0;
      for (let c = 0; c < C; c++) mean += w[base + c];
      mean /= C;
      for (let c = 0; c < C; c++) out[k * C + c] = vec.values[k] * (w[base + c] - mean) * invT;
    }
  }

  protected featureRanking(): FeatureRanking {
    const C = this.nClasses;
    const w = this.model.weights;
    return {
      candidates: null,
      weight: (f, c) => {
        let mean = 0;
        for (let j = 0; j < C; j++) mean += w[f * C + j];
        return w[f * C + c] - mean / C;
      },
    };
  }

  protected modelPayload(): Record<string, unknown> {
    return {
      kind: "linear",
      output: this.model.output,
      temperature: this.model.temperature,
      bias: Array.from(this.model.bias),
      weights: encodeFloat32(this.model.weights),
    };
  }

  static fromPayload({ algorithm, labels, tokenizer, space, payload, params }: StoredModel): LinearTextClassifier {
    const { output, temperature, bias, weights } = payload;
    if (output !== "softmax" && output !== "ovr-sigmoid") throw new ModelArtifactError(`unknown linear output ${JSON.stringify(output)}`);
    if (typeof temperature !== "number") throw new ModelArtifactError("linear model has no temperature");
    if (!Array.isArray(bias) || bias.some((b) => typeof b !== "number")) throw new ModelArtifactError("linear model bias must be an array of numbers");
    if (typeof weights !== "string") throw new ModelArtifactError("linear model weights missing");
    return new LinearTextClassifier(
      algorithm,
      labels,
      tokenizer,
      space,
      { output, temperature, bias: Float64Array.from(bias as number[]), weights: decodeFloat32(weights, space.size * labels.length) },
      params,
    );
  }
}
