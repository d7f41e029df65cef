// Artifacts written before the prediction path was rebuilt around TokenTable
// and BigramIndex (commit b5f920b, format version 1 — stored in
// model_versions of existing databases) must load and predict exactly what
// they predicted then. The fixture holds the artifacts and the predictions
// that version made.
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadClassifier, type Prediction } from "@/models/classifier";

const fixture = JSON.parse(readFileSync(path.join(__dirname, "fixtures/artifacts-v1.json"), "utf8")) as Record<
  string,
  { artifact: string; queries: string[]; predictions: Prediction[] }
>;

describe("artifacts of the previous build", () => {
  it.each(Object.keys(fixture))("%s loads and predicts what it predicted when it was written", (algorithm) => {
    const { artifact, queries, predictions } = fixture[algorithm];
    const model = loadClassifier(artifact);
    expect(model.algorithm).toBe(algorithm);
    expect(model.predictBatch(queries)).toEqual(predictions);
    expect(model.serialize()).toBe(artifact);
  });
});
