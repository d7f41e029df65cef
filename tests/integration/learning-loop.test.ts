// The learning loop on the models page, on a real database: agreement of the active version
// with the supervisors' reviews, the labels that arrived since it was trained, the run
// offered past 50 of them (own labels first, demo text only as a small prior), and what
// every figure was measured on.
import { beforeAll, describe, expect, it } from "vitest";
import { getActiveModelId, getModelVersion } from "@/db/queries/models";
import { modelsOverview } from "@/lib/training/models-overview";
import { reviewTasks, undoReviews } from "@/lib/tasks/reviews";
import { listTaskQueue } from "@/lib/tasks/queue";
import { demoRowsAllowed, REAL_LABELS_WITHOUT_DEMO, sampleDemoRows } from "@/lib/training/demo-prior";
import { NEW_LABELS_FOR_RETRAINING, queueOfferedRun } from "@/lib/training/offered-run";
import { parseTrainingRun } from "@/lib/training/runs";
import { drainTrainingQueue } from "@/lib/training/execute-runs";
import type { LabelledRow } from "@/lib/training/split";
import { createUser } from "@/lib/admin/users";
import { unique } from "../support/temp-db";
import { freshDemoDatabase } from "../support/demo-db";

let supervisorId = 0;
let activeId = 0;

beforeAll(async () => {
  await freshDemoDatabase({ tasks: 200, examples: 1500 });
  activeId = (await getActiveModelId())!;
  supervisorId = (await createUser({ email: `${unique("sup")}@example.test`, name: "S", password: "supervisor-pass-1", role: "supervisor" }, null)).id;
});

describe("demo text as a prior", () => {
  it("is allowed at most half as many rows as real labels, and none from 300 real labels on", () => {
    expect(demoRowsAllowed(0)).toBe(0);
    expect(demoRowsAllowed(61)).toBe(30);
    expect(demoRowsAllowed(REAL_LABELS_WITHOUT_DEMO - 1)).toBe(149);
    expect(demoRowsAllowed(REAL_LABELS_WITHOUT_DEMO)).toBe(0);
  });

  it("is sampled with the same share of every label, the same rows every time", () => {
    const rows: LabelledRow[] = Array.from({ length: 900 }, (_, i) => ({ id: i, text: `demo ${i}`, label: ["negative", "neutral", "positive"][i % 3], occurredAt: null }));
    const sample = sampleDemoRows(rows, 90);
    expect(sample).toHaveLength(90);
    for (const label of ["negative", "neutral", "positive"]) expect(sample.filter((r) => r.label === label)).toHaveLength(30);
    expect(sampleDemoRows(rows, 90).map((r) => r.id)).toEqual(sample.map((r) => r.id));
    expect(sampleDemoRows(rows, 5000)).toHaveLength(900);
  });
});

describe("a training selection", () => {
  it("may be the supervisors' labels alone, but not nothing at all", () => {
    expect(parseTrainingRun({ train: { datasetIds: [], includeCorrections: true }, test: { kind: "holdout", percent: 20 } }).train.datasetIds).toEqual([]);
    expect(() => parseTrainingRun({ train: { datasetIds: [], includeCorrections: false }, test: { kind: "holdout", percent: 20 } })).toThrow(
      expect.objectContaining({ details: { fieldErrors: { "train.datasetIds": "Choose at least one training dataset." } } }),
    );
  });
});

describe("the models page's learning loop", () => {
  it("says in words what the shipped model was measured on, and offers nothing before any review", async () => {
    const overview = await modelsOverview();
    const v1 = overview.versions.find((v) => v.id === activeId)!;
    // The shipped model is measured on real complaints it never saw (not generated text), and the page says they are not this company's.
    expect(v1.measuredOn.generated).toBe("none");
    expect(v1.measuredOn.text).toMatch(/^11,544 texts, .*real customer complaints.* not your own customers' messages$/);
    expect(v1.agreement).toBeNull();
    expect(overview.learning!.byClass).toEqual([]);
    expect(overview.learning!.since.reviewed).toBe(0);
    expect(overview.learning!.offer).toBeNull();
    await expect(queueOfferedRun(supervisorId)).rejects.toThrow(/once 50 requests have been reviewed/);
  });

  it("counts agreement per class and per week from the reviews, and offers a run on the company's own labels past 50 of them", async () => {
    const queue = (await listTaskQueue({ limit: 60 })).rows;
    expect(queue).toHaveLength(60);
    const before = new Map(queue.map((t) => [t.id, t.sentiment]));
    const relabelled = queue.slice(0, 20).map((t) => t.id);
    const confirmed = queue.slice(20, 49).map((t) => t.id);
    await reviewTasks({ taskIds: relabelled, label: "negative" }, supervisorId);
    await reviewTasks({ taskIds: confirmed, label: "confirm" }, supervisorId);

    let learning = (await modelsOverview()).learning!;
    expect(learning.since).toEqual({ reviewed: 49, changed: relabelled.filter((id) => before.get(id) !== "negative").length });
    expect(learning.offer).toBeNull(); // 49 < 50

    await reviewTasks({ taskIds: [queue[49].id], label: "positive" }, supervisorId);
    const overview = await modelsOverview();
    learning = overview.learning!;
    const reviewed = queue.slice(0, 50);
    const finalLabel = (id: number, i: number) => (i < 20 ? "negative" : i < 49 ? before.get(id)! : "positive");
    const keptExpected = reviewed.filter((t, i) => finalLabel(t.id, i) === before.get(t.id)).length;

    expect(learning.byClass.reduce((a, c) => a + c.predicted, 0)).toBe(50);
    expect(learning.byClass.reduce((a, c) => a + c.kept, 0)).toBe(keptExpected);
    const negative = learning.byClass.find((c) => c.label === "negative")!;
    expect(negative.labelled).toBe(20 + reviewed.slice(20, 49).filter((t) => before.get(t.id) === "negative").length);
    expect(negative.found).toBe(reviewed.filter((t, i) => finalLabel(t.id, i) === "negative" && before.get(t.id) === "negative").length);
    expect(learning.byWeek).toHaveLength(1);
    expect(learning.byWeek[0]).toMatchObject({ reviewed: 50, kept: keptExpected });
    expect(overview.versions.find((v) => v.id === activeId)!.agreement).toMatchObject({ reviewed: 50, kept: keptExpected });

    expect(learning.since.reviewed).toBe(NEW_LABELS_FOR_RETRAINING);
    expect(learning.offer).toMatchObject({ ownLabels: 50, ownDatasets: [], demoRows: 25, algorithm: overview.versions.find((v) => v.id === activeId)!.algorithm });

    // A review taken back counts for nothing: every figure is as it was before it.
    const [extra] = await reviewTasks({ taskIds: [queue[50].id], label: before.get(queue[50].id) === "negative" ? "positive" : "negative" }, supervisorId);
    await undoReviews({ reviewIds: [extra.reviewId] }, supervisorId);
    const afterUndo = await modelsOverview();
    expect(afterUndo.learning!.since).toEqual(learning.since);
    expect(afterUndo.learning!.byClass).toEqual(learning.byClass);
    expect(afterUndo.learning!.byWeek).toEqual(learning.byWeek);
    expect(afterUndo.versions.find((v) => v.id === activeId)!.agreement).toEqual(overview.versions.find((v) => v.id === activeId)!.agreement);
  });

  it("trains the offered run on the reviews plus a small demo prior and reports it on reviewed requests it did not learn from", async () => {
    const queued = await queueOfferedRun(supervisorId);
    expect(queued.trainSelection).toMatchObject({ includeCorrections: true, demoLimit: 25 });
    // The shipped model learns from the lexicon too; the offered run keeps that.
    expect(queued.params).toMatchObject({ lexicon: true });
    // 50 reviews + at most 25 demo rows (a label's share may round down by one), not 1,500.
    expect(queued.nTrain! + queued.nTest!).toBeLessThanOrEqual(75);
    expect(queued.nTrain! + queued.nTest!).toBeGreaterThanOrEqual(72);
    await drainTrainingQueue();
    const v = (await getModelVersion({ id: queued.id }))!;
    expect(v.status).toBe("succeeded");
    const metrics = v.metrics as { testSources: Record<string, number>; onReviewed: { n: number; accuracy: number; vsActive: { versionId: number; n: number } } };
    expect(metrics.testSources.corrections).toBeGreaterThan(0);
    expect(metrics.testSources.corrections + (metrics.testSources.demo ?? 0)).toBe(v.nTest);
    // Reviewed requests it did not learn from: the held-out ones (a text that is also a demo row it trained on is left out).
    expect(metrics.onReviewed.n).toBeGreaterThan(0);
    expect(metrics.onReviewed.n).toBeLessThanOrEqual(metrics.testSources.corrections);
    expect(metrics.onReviewed.vsActive.versionId).toBe(activeId);
    expect(metrics.onReviewed.vsActive.n).toBeGreaterThan(0);

    const row = (await modelsOverview()).versions.find((r) => r.id === v.id)!;
    expect(row.measuredOn.generated).not.toBe("all");
    expect(row.measuredOn.text).toContain(`${metrics.testSources.corrections} reviewed requests`);
    expect(row.onReviewed).toMatchObject({ n: metrics.onReviewed.n });
  });
});
