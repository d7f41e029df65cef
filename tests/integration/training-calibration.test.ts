// A training run from the models page calibrates its confidence on the company's own
// text, not on the generated demo rows it may use as a prior (lib/training/runs.ts,
// trainOptionsOf): the same rule the shipped models are built with. Real database, real
// worker path (drainTrainingQueue); the "company's own" messages are made up by a seeded
// generator (tests/fixtures/noisy-messages.ts), the demo rows by the project's generator.
import { beforeAll, describe, expect, it } from "vitest";
import { ensureDataset, insertExampleStatements } from "@/db/queries/datasets";
import { getModelArtifact, getModelVersion } from "@/db/queries/models";
import { createDemoRng } from "@/lib/demo/generator/random";
import { generateLabelledExamples } from "@/lib/demo/generator/requests";
import { drainTrainingQueue } from "@/lib/training/execute-runs";
import { queueTrainingRun } from "@/lib/training/runs";
import { loadClassifier, type TextClassifier } from "@/models/classifier";
import { calibrationOf } from "@/models/evaluation";
import { realMessages } from "../fixtures/noisy-messages";
import { useFreshDatabase, unique } from "../support/temp-db";

let own = 0;
let demo = 0;

beforeAll(async () => {
  await useFreshDatabase();
  own = (await ensureDataset({ name: unique("own labels"), kind: "manual" })).id;
  demo = (await ensureDataset({ name: unique("demo"), kind: "demo" })).id;
  const mine = realMessages(600, 21);
  for (const s of insertExampleStatements(mine.texts.map((text, i) => ({ datasetId: own, text, label: mine.labels[i] })))) await s;
  const generated = generateLabelledExamples(createDemoRng(5), 1500, false);
  for (const s of insertExampleStatements(generated.map((r) => ({ datasetId: demo, text: r.text, label: r.sentiment })))) await s;
});

async function trainedModel(datasetIds: number[]): Promise<TextClassifier> {
  const queued = await queueTrainingRun({ algorithm: "svm", train: { datasetIds, includeCorrections: false }, test: { kind: "holdout", percent: 20, seed: 1 } }, null);
  await drainTrainingQueue();
  expect((await getModelVersion({ id: queued.id }))?.status).toBe("succeeded");
  return loadClassifier((await getModelArtifact({ id: queued.id }))!);
}

describe("a training run with generated demo rows next to the company's own", () => {
  it("shows confidences that match how often it is right on new messages of the company's kind", async () => {
    const model = await trainedModel([own, demo]);
    const fresh = realMessages(2000, 22);
    const p = model.predictBatch(fresh.texts);
    const cal = calibrationOf(
      p.map((x) => x.confidence),
      p.map((x, i) => x.label === fresh.labels[i]),
    );
    expect(cal.accuracy).toBeGreaterThan(0.45);
    expect(Math.abs(cal.meanConfidence - cal.accuracy)).toBeLessThan(0.04);
    expect(cal.ece).toBeLessThan(0.06);
  });
});
