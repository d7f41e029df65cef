// The algorithms the original product compared, run through ml.js
// libraries: logistic regression (ml-logistic-regression), a CART decision
// tree (ml-cart) and gradient-boosted trees (ml-xgboost's WebAssembly
// XGBoost). These libraries take dense matrices, so each model sees only
// the `features` words most associated with the labels (chi-squared).

import LogisticRegression from "ml-logistic-regression";
import { DecisionTreeClassifier } from "ml-cart";
import { Matrix } from "ml-matrix";
import { base64ToBytes, bytesToBase64, decodeFloat32, encodeFloat32 } from "./artifact";
import { XgbBooster } from "./classifiers/xgboost-runtime";
import { ModelArtifactError, ModelInputError } from "./errors";
import { balancedChiSquaredTopK, presenceLogOdds, presenceStats } from "./feature-selection";
import { LinearTextClassifier } from "./linear-text-classifier";
import { BaseTextClassifier, type FeatureRanking } from "./text-classifier-base";
import { prepareText } from "./text-pipeline";
import { FeatureSpace, type CsrMatrix, type SparseVector } from "./text/features";
import type { Tokenizer } from "./text/tokenizer";
import type { Algorithm, ParamValue, Progress, StoredModel, TrainingInput } from "./types";


/** Dense matrices above this many cells would need gigabytes as JS arrays. */
const MAX_DENSE_CELLS = 30_000_000;

interface DenseData {
  tokenizer: Tokenizer;
  space: FeatureSpace;
  X: CsrMatrix;
  /** Per selected feature and class: presence log-odds (for topFeatures). */
  association: Float32Array;
}

function selectFeatures(texts: readonly string[], y: Int32Array, C: number, params: Record<string, ParamValue>, onProgress?: Progress): DenseData {
  const k = Math.floor(Number(params.features));
  if (texts.length * k > MAX_DENSE_CELLS) {
    throw new ModelInputError(
      `${texts.length} texts × ${k} features is too large for the dense ml.js models (limit ${MAX_DENSE_CELLS} cells); lower "features" or use nb, cnb or svm`,
    );
  }
  const prep = prepareText(texts, params, (f, m) => onProgress?.(0.3 * f, m));
  const stats = presenceStats(prep.X, y, C);
  const chosen = balancedChiSquaredTopK(stats, prep.X.cols, C, k);
  const space = FeatureSpace.fromCorpus(
    prep.corpus,
    chosen.map((f) => prep.vocabulary[f]),
    prep.space.options,
    prep.space.options.idf ? chosen.map((f) => prep.space.idf[f]) : undefined,
  );
  const X = space.toCsr(prep.corpus, space.mapCorpusTokens(prep.corpus.tokens));
  return { tokenizer: prep.tokenizer, space, X, association: presenceLogOdds(stats, chosen, C) };
}

function denseRows(X: CsrMatrix, order?: ArrayLike<number>): number[][] {
  const rows: number[][] = new Array(X.rows);
  for (let i = 0; i < X.rows; i++) {
    const r = order ? order[i] : i;
    const row = new Array<number>(X.cols).fill(0);
    for (let p = X.rowPtr[r]; p < X.rowPtr[r + 1]; p++) row[X.colIdx[p]] = X.values[p];
    rows[i] = row;
  }
  return rows;
}

// ---------------------------------------------------------------------------
// Logistic regression: trained by ml-logistic-regression, then used as the
// linear model it is (one-vs-rest sigmoids), which is exactly what the
// library computes in predict() but without building a Matrix per text.

function trainLogreg({ texts, labels, y, params, onProgress }: TrainingInput) {
  const C = labels.length;
  const data = selectFeatures(texts, y, C, params, onProgress);
  const n = data.X.rows;
  const k = data.space.size;
  // A constant 1 column carries the intercept: the library has none.
  const rows = denseRows(data.X).map((r) => (r.push(1), r));
  onProgress?.(0.35, "fitting");
  const model = new LogisticRegression({
    numSteps: Math.floor(Number(params.steps)),
    // The library's gradient is a sum over rows; dividing by n makes the
    // rate independent of the training-set size.
    learningRate: Number(params.learningRate) / n,
  });
  model.train(new Matrix(rows), Matrix.columnVector(Array.from(y)));
  // The library trains class c as "0 = c, 1 = the rest" and predicts the
  // class with the lowest sigmoid; negating the weights gives P(c).
  const weights = new Float32Array(k * C);
  const bias = new Float64Array(C);
  for (let c = 0; c < C; c++) {
    const w = model.classifiers[c].weights.to1DArray();
    for (let f = 0; f < k; f++) weights[f * C + c] = -w[f];
    bias[c] = -w[k];
  }
  onProgress?.(1, "done");
  return new LinearTextClassifier("logreg", labels, data.tokenizer, data.space, { weights, bias, output: "ovr-sigmoid", temperature: 1 }, params);
}

// ---------------------------------------------------------------------------

abstract class DenseTextClassifier extends BaseTextClassifier {
  private readonly dense: number[];

  constructor(
    labels: readonly string[],
    tokenizer: Tokenizer,
    space: FeatureSpace,
    params: Record<string, ParamValue>,
    private readonly association: Float32Array,
  ) {
    super(labels, tokenizer, space, params);
    if (association.length !== space.size * labels.length) throw new ModelArtifactError("feature association table has the wrong size");
    this.dense = new Array<number>(space.size).fill(0);
  }

  protected abstract predictDense(row: number[], out: Float64Array): void;
  protected abstract densePayload(): Record<string, unknown>;

  protected probabilitiesOf(vec: SparseVector, out: Float64Array): void {
    const row = this.dense;
    for (let k = 0; k < vec.length; k++) row[vec.indices[k]] = vec.values[k];
    this.predictDense(row, out);
    for (let k = 0; k < vec.length; k++) row[vec.indices[k]] = 0;
  }

  protected featureRanking(): FeatureRanking {
    const C = this.nClasses;
    return { candidates: null, weight: (f, c) => this.association[f * C + c] };
  }

  protected modelPayload(): Record<string, unknown> {
    return { ...this.densePayload(), association: encodeFloat32(this.association) };
  }
}

// ---------------------------------------------------------------------------
// Decision tree (ml-cart)

/** Compact tree: split {c: column, v: threshold, l, r} or leaf {d: class distribution}. */
type CompactNode = { c: number; v: number; l: CompactNode; r: CompactNode } | { d: number[] };

interface CartNode {
  splitColumn?: number;
  splitValue?: number;
  left?: CartNode;
  right?: CartNode;
  distribution?: { to1DArray(): number[] } | number[][];
}

function compactTree(node: CartNode): CompactNode {
  if (node.left && node.right && node.distribution === undefined) {
    return { c: node.splitColumn!, v: node.splitValue!, l: compactTree(node.left), r: compactTree(node.right) };
  }
  const d = node.distribution;
  return { d: Array.isArray(d) ? d[0] : d!.to1DArray() };
}

function expandTree(node: CompactNode, options: Record<string, unknown>): Record<string, unknown> {
  if ("d" in node) return { ...options, distribution: [node.d] };
  return { ...options, splitColumn: node.c, splitValue: node.v, left: expandTree(node.l, options), right: expandTree(node.r, options) };
}

class TreeTextClassifier extends DenseTextClassifier {
  readonly algorithm: Algorithm = "tree";
  private readonly tree: DecisionTreeClassifier;

  constructor(labels: readonly string[], tokenizer: Tokenizer, space: FeatureSpace, params: Record<string, ParamValue>, association: Float32Array, tree: DecisionTreeClassifier) {
    super(labels, tokenizer, space, params, association);
    this.tree = tree;
  }

  protected predictDense(row: number[], out: Float64Array): void {
    // Leaves only list classes up to the largest index they saw; pad the rest with 0.
    const dist = this.tree.root.classify(row).to1DArray();
    out.fill(0);
    let sum = 0;
    for (let c = 0; c < dist.length && c < out.length; c++) {
      out[c] = dist[c];
      sum += dist[c];
    }
    if (sum > 0) for (let c = 0; c < out.length; c++) out[c] /= sum;
    else out.fill(1 / out.length);
  }

  protected densePayload(): Record<string, unknown> {
    const json = this.tree.toJSON();
    return { kind: "ml-cart", options: json.options, tree: compactTree(json.root as CartNode) };
  }

  static fromPayload(labels: string[], tokenizer: Tokenizer, space: FeatureSpace, payload: Record<string, unknown>, params: Record<string, ParamValue>, association: Float32Array) {
    const options = payload.options as Record<string, unknown>;
    if (typeof options !== "object" || options === null || typeof payload.tree !== "object") throw new ModelArtifactError("tree model is incomplete");
    const tree = DecisionTreeClassifier.load({ name: "DTClassifier", options, root: expandTree(payload.tree as CompactNode, options) });
    return new TreeTextClassifier(labels, tokenizer, space, params, association, tree);
  }
}

/**
 * Row order that keeps ml-cart tractable (same tree, found faster):
 * - ml-cart tries a split between every pair of neighbouring values (after a
 *   stable sort by the feature) whose labels differ. With rows grouped by
 *   label, a 0/1 feature gives a handful of candidate splits instead of one
 *   per row.
 * - But its class count uses `labels.filter((v, i) => labels.indexOf(v) === i)`,
 *   quadratic when a class first appears late. So the first few rows of every
 *   class go first, interleaved; the rest follow grouped by label.
 * Measured on 9,000 × 200: 250 s in input order, 44 s in this order.
 */
function cartRowOrder(y: Int32Array, C: number, sentinels = 10): number[] {
  const byClass: number[][] = Array.from({ length: C }, () => []);
  y.forEach((c, r) => byClass[c].push(r));
  const head: number[] = [];
  for (let h = 0; h < sentinels; h++) for (const rows of byClass) if (h < rows.length) head.push(rows[h]);
  const rest = byClass.flatMap((rows) => rows.slice(sentinels));
  return [...head, ...rest];
}

function trainTree({ texts, labels, y, params, onProgress }: TrainingInput) {
  const C = labels.length;
  const data = selectFeatures(texts, y, C, params, onProgress);
  const order = cartRowOrder(y, C);
  const rows = denseRows(data.X, order);
  const ySorted = order.map((r) => y[r]);
  onProgress?.(0.35, "fitting");
  const tree = new DecisionTreeClassifier({
    gainFunction: "gini",
    maxDepth: Math.floor(Number(params.maxDepth)),
    minNumSamples: Math.floor(Number(params.minSamples)),
    // ml-cart's default (0.01) stops at the root on many-class data, where
    // any single word removes only a little Gini impurity.
    gainThreshold: Number(params.minGain),
  });
  tree.train(rows, ySorted);
  onProgress?.(1, "done");
  return new TreeTextClassifier(labels, data.tokenizer, data.space, params, data.association, tree);
}

// ---------------------------------------------------------------------------
// Gradient-boosted trees (XGBoost WebAssembly from ml-xgboost)

class XgboostTextClassifier extends DenseTextClassifier {
  readonly algorithm: Algorithm = "xgboost";
  private booster: XgbBooster | null;
  private readonly rowF32: Float32Array;

  constructor(labels: readonly string[], tokenizer: Tokenizer, space: FeatureSpace, params: Record<string, ParamValue>, association: Float32Array, booster: XgbBooster) {
    super(labels, tokenizer, space, params, association);
    this.booster = booster;
    this.rowF32 = new Float32Array(space.size);
  }

  protected predictDense(row: number[], out: Float64Array): void {
    if (!this.booster) throw new Error("this xgboost classifier has been disposed");
    for (let i = 0; i < row.length; i++) this.rowF32[i] = row[i];
    this.booster.predictRow(this.rowF32, out);
  }

  protected densePayload(): Record<string, unknown> {
    if (!this.booster) throw new Error("this xgboost classifier has been disposed");
    return { kind: "xgboost", booster: bytesToBase64(this.booster.save()) };
  }

  /** Frees the booster's WebAssembly memory (not garbage-collected). */
  dispose(): void {
    this.booster?.free();
    this.booster = null;
  }

  static fromPayload(labels: string[], tokenizer: Tokenizer, space: FeatureSpace, payload: Record<string, unknown>, params: Record<string, ParamValue>, association: Float32Array) {
    if (typeof payload.booster !== "string") throw new ModelArtifactError("xgboost model bytes missing");
    const booster = XgbBooster.load(base64ToBytes(payload.booster), space.size, labels.length);
    return new XgboostTextClassifier(labels, tokenizer, space, params, association, booster);
  }
}

function trainXgboost({ texts, labels, y, params, onProgress }: TrainingInput) {
  const C = labels.length;
  const data = selectFeatures(texts, y, C, params, onProgress);
  const n = data.X.rows;
  const k = data.space.size;
  const flat = new Float32Array(n * k);
  for (let r = 0; r < n; r++) for (let p = data.X.rowPtr[r]; p < data.X.rowPtr[r + 1]; p++) flat[r * k + data.X.colIdx[p]] = data.X.values[p];
  onProgress?.(0.35, "fitting");
  const booster = XgbBooster.train(
    flat,
    Float32Array.from(y),
    n,
    k,
    {
      booster: "gbtree",
      objective: "multi:softprob",
      num_class: C,
      max_depth: Math.floor(Number(params.maxDepth)),
      eta: Number(params.eta),
      subsample: Number(params.subsample),
      tree_method: "hist",
      seed: Number(params.seed),
      silent: 1,
    },
    Math.floor(Number(params.rounds)),
    C,
  );
  onProgress?.(1, "done");
  return new XgboostTextClassifier(labels, data.tokenizer, data.space, params, data.association, booster);
}

// ---------------------------------------------------------------------------

export function trainDenseClassifier(algorithm: "logreg" | "tree" | "xgboost", input: TrainingInput): BaseTextClassifier {
  if (algorithm === "logreg") return trainLogreg(input);
  if (algorithm === "tree") return trainTree(input);
  return trainXgboost(input);
}

export function loadDenseClassifier({ algorithm, labels, tokenizer, space, payload, params }: StoredModel): BaseTextClassifier {
  if (typeof payload.association !== "string") throw new ModelArtifactError("dense model has no feature association table");
  const association = decodeFloat32(payload.association, space.size * labels.length);
  if (algorithm === "tree" && payload.kind === "ml-cart") return TreeTextClassifier.fromPayload(labels, tokenizer, space, payload, params, association);
  if (algorithm === "xgboost" && payload.kind === "xgboost") return XgboostTextClassifier.fromPayload(labels, tokenizer, space, payload, params, association);
  throw new ModelArtifactError(`model kind ${JSON.stringify(payload.kind)} does not match algorithm ${algorithm}`);
}
