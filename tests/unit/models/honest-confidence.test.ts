// A confidence must mean what it says: among messages shown at ~80%, about 80% right.
// The shipped sentiment model showed 99.99% on clear complaints, and of the airline tweets
// it showed at 90% or more only 79% were right, for two reasons this test rebuilds in
// miniature (no data set, no network):
// - most real messages carry a word or two no other message has, and the out-of-fold
//   scores the temperature was fitted on kept those words in the vector's unit length,
//   while a new message's unknown words are dropped: new text got larger margins than
//   the temperature was fitted for;
// - half the training rows were generated from templates, which even a held-out fold
//   scores almost surely right.
import { describe, expect, it } from "vitest";
import { loadClassifier, ModelInputError, trainClassifier, type TextClassifier } from "@/models/classifier";
import { calibrationOf } from "@/models/evaluation";
import { readShippedSentiment, writeGzipJson, type ShippedSentiment } from "@/lib/training/shipped/files";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { CUES, generatedMessages, realMessages } from "../../fixtures/noisy-messages";

const real = realMessages(900, 2);
const generated = generatedMessages(2000, 3);
const heldOut = realMessages(3000, 4);

function calibrationOn(model: TextClassifier, data: { texts: string[]; labels: string[] }) {
  const p = model.predictBatch(data.texts);
  return calibrationOf(
    p.map((x) => x.confidence),
    p.map((x, i) => x.label === data.labels[i]),
  );
}

function trainMixed(calibrateOn?: boolean[]): TextClassifier {
  return trainClassifier([...real.texts, ...generated.texts], [...real.labels, ...generated.labels], { algorithm: "svm", calibrateOn });
}

describe("the confidence of a linear SVM on held-out real text", () => {
  it("matches its accuracy when trained on real text alone", () => {
    const model = trainClassifier(real.texts, real.labels, { algorithm: "svm" });
    const cal = calibrationOn(model, heldOut);
    expect(cal.accuracy).toBeGreaterThan(0.5);
    expect(cal.ece).toBeLessThan(0.05);
    expect(Math.abs(cal.meanConfidence - cal.accuracy)).toBeLessThan(0.04);
  });

  it("matches its accuracy when generated text is in the training data but left out of calibration", () => {
    const cal = calibrationOn(trainMixed([...real.texts.map(() => true), ...generated.texts.map(() => false)]), heldOut);
    expect(cal.ece).toBeLessThan(0.05);
    expect(Math.abs(cal.meanConfidence - cal.accuracy)).toBeLessThan(0.04);
  });

  it("is over-confident when calibrated on template-made rows too (why calibrateOn exists)", () => {
    const cal = calibrationOn(trainMixed(), heldOut);
    expect(cal.meanConfidence - cal.accuracy).toBeGreaterThan(0.05);
  });

  it("refuses calibrateOn flags that do not match the training rows", () => {
    expect(() => trainClassifier(real.texts, real.labels, { algorithm: "svm", calibrateOn: [true] })).toThrow(ModelInputError);
    expect(() => trainClassifier(real.texts, real.labels, { algorithm: "svm", calibrateOn: real.texts.map(() => 1) as unknown as boolean[] })).toThrow(/booleans/);
  });
});

describe("the calibration in the model artifact", () => {
  it("survives serialize → file → load: the same confidences, not the uncalibrated ones", () => {
    const model = trainClassifier([...real.texts, ...generated.texts], [...real.labels, ...generated.labels], {
      algorithm: "svm",
      lexicon: { [CUES[0][0]]: -2, [CUES[2][0]]: 2 },
      calibrateOn: [...real.texts.map(() => true), ...generated.texts.map(() => false)],
    });
    const inner = JSON.parse(JSON.parse(model.serialize()).inner);
    // The fitted temperature is stored, and it is not the neutral 1.
    expect(Math.abs(inner.model.temperature - 1)).toBeGreaterThan(0.05);

    const dir = mkdtempSync(path.join(tmpdir(), "calibration-artifact-"));
    try {
      const file = path.join(dir, "sentiment.json.gz");
      const shipped: ShippedSentiment = {
        info: { name: "test", algorithm: "svm", params: { lexicon: true }, source: "test", nTrain: 1800, metrics: {}, trainedAt: new Date(0).toISOString() },
        artifact: model.serialize(),
      };
      writeGzipJson(file, shipped);
      const loaded = loadClassifier(readShippedSentiment(file).artifact);
      const sample = heldOut.texts.slice(0, 50);
      expect(loaded.predictBatch(sample)).toEqual(model.predictBatch(sample));
      // The same weights at temperature 1 would show other confidences: the stored one is applied.
      const untempered = loadClassifier(JSON.stringify({ ...JSON.parse(model.serialize()), inner: JSON.stringify({ ...inner, model: { ...inner.model, temperature: 1 } }) }));
      expect(untempered.predict(sample[0]).confidence).not.toBeCloseTo(loaded.predict(sample[0]).confidence, 3);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
