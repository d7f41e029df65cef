// Type declarations for the ml.js packages that ship none. Only the members
// this project uses are declared.

declare module "ml-logistic-regression" {
  import type { Matrix } from "ml-matrix";

  interface LogisticRegressionTwoClasses {
    weights: Matrix;
    testScores(features: Matrix): number[];
  }

  export default class LogisticRegression {
    constructor(options?: { numSteps?: number; learningRate?: number });
    classifiers: LogisticRegressionTwoClasses[];
    numberClasses: number;
    train(X: Matrix, Y: Matrix): void;
    predict(X: Matrix): number[];
    toJSON(): Record<string, unknown>;
    static load(model: Record<string, unknown>): LogisticRegression;
  }
}

declare module "ml-cart" {
  import type { Matrix } from "ml-matrix";

  export interface DecisionTreeOptions {
    gainFunction?: "gini";
    splitFunction?: "mean";
    minNumSamples?: number;
    maxDepth?: number;
    gainThreshold?: number;
  }

  interface TreeNode {
    classify(row: number[]): Matrix;
  }

  export class DecisionTreeClassifier {
    constructor(options?: DecisionTreeOptions);
    root: TreeNode;
    train(trainingSet: number[][] | Matrix, labels: number[]): void;
    predict(toPredict: number[][] | Matrix): number[];
    toJSON(): { options: Record<string, unknown>; root: unknown; name: string };
    static load(model: { name: string; options: Record<string, unknown>; root: unknown }): DecisionTreeClassifier;
  }
}

// The emscripten glue of ml-xgboost's WebAssembly build (see xgboost-runtime.ts).
declare module "ml-xgboost/dist/wasm/xgboost.js" {
  const glue: unknown;
  export default glue;
}
