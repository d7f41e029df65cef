import { beforeAll, describe, expect, it } from "vitest";
import { count, eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { ensureDataset, insertExampleStatements } from "@/db/queries/datasets";
import { getActiveModelId, getModelVersion, updateModelVersion } from "@/db/queries/models";
import { auditLog, modelVersions, predictions, tasks } from "@/db/schema";
import { getActiveModel, invalidateActiveModel } from "@/lib/sentiment/active-model";
import { seedDemo } from "@/lib/demo/seed";
import { promoteModelVersion, queueTrainingRun } from "@/lib/training/runs";
import { HEARTBEAT_STALE_MS, drainTrainingQueue } from "@/lib/training/execute-runs";
import { useFreshDatabase, unique } from "../support/temp-db";
import { rowCount } from "../support/row-counts";

let demoDatasetId = 0;

beforeAll(async () => {
  await useFreshDatabase();
});

const n = rowCount;

describe("demo seed", () => {
  it("creates the categories, the shipped model as the active one and scored tasks; running again adds nothing", async () => {
    const report = await seedDemo({ tasks: 300, examples: 1500, quiet: true });
    expect(report.categories).toBe(10);
    expect(report.tasksCreated).toBe(300);
    expect(await n(tasks)).toBe(300);
    expect(await n(predictions)).toBe(300);
    const active = await getActiveModelId();
    expect(active).toBe(report.modelVersionId);
    const version = await getModelVersion({ id: active! });
    expect(version?.status).toBe("succeeded");
    // The shipped model, with the figure measured on real text it was never trained on, and where.
    expect(version?.name).toMatch(/^Shipped model/);
    const metrics = version?.metrics as { macroF1: number; testSource: string };
    expect(metrics.macroF1).toBeGreaterThanOrEqual(0.62);
    expect(metrics.testSource).toMatch(/none used in training/);
    const sentiments = await getDb().select({ s: tasks.sentiment, n: count() }).from(tasks).groupBy(tasks.sentiment);
    expect(sentiments.map((r) => r.s).sort()).toEqual(["negative", "neutral", "positive"]);

    const again = await seedDemo({ tasks: 300, quiet: true });
    expect(again).toMatchObject({ tasksCreated: 0, skippedTasks: true, modelVersionId: active });
    expect(await n(tasks)).toBe(300);
    demoDatasetId = (await ensureDataset({ name: "Demo examples", kind: "demo" })).id;
  });

  it("--reset starts over", async () => {
    const report = await seedDemo({ tasks: 120, examples: 900, reset: true, quiet: true });
    expect(report.tasksCreated).toBe(120);
    expect(await n(tasks)).toBe(120);
    expect(await n(modelVersions)).toBe(1);
    demoDatasetId = (await ensureDataset({ name: "Demo examples", kind: "demo" })).id;
  });
});

describe("training runs", () => {
  it("refuses a selection with one class or no rows, and writes nothing", async () => {
    const ds = await ensureDataset({ name: unique("one-class"), kind: "manual" });
    for (const s of insertExampleStatements([1, 2, 3, 4].map((i) => ({ datasetId: ds.id, text: `fine thanks ${i}`, label: "positive" })))) await s;
    const before = await n(modelVersions);
    await expect(
      queueTrainingRun({ algorithm: "nb", train: { datasetIds: [ds.id], includeCorrections: false }, test: { kind: "holdout", percent: 25 } }, null),
    ).rejects.toThrow(/only one label \(positive\)/);
    await expect(
      queueTrainingRun({ algorithm: "nb", train: { datasetIds: [99999], includeCorrections: false }, test: { kind: "holdout", percent: 25 } }, null),
    ).rejects.toThrow(/no examples/);
    await expect(
      queueTrainingRun({ algorithm: "magic", train: { datasetIds: [ds.id] }, test: { kind: "holdout", percent: 25 } }, null),
    ).rejects.toThrow(/Unknown algorithm/);
    expect(await n(modelVersions)).toBe(before);
  });

  it("refuses test data with labels the training data never shows", async () => {
    const ds = await ensureDataset({ name: unique("odd-labels"), kind: "manual" });
    for (const s of insertExampleStatements([{ datasetId: ds.id, text: "meh", label: "mixed" }])) await s;
    await expect(
      queueTrainingRun({ algorithm: "nb", train: { datasetIds: [demoDatasetId], includeCorrections: false }, test: { kind: "dataset", datasetIds: [ds.id] } }, null),
    ).rejects.toThrow(/labels the training data never shows: mixed/);
  });

  it("trains in the background, compares with the active model, and promotes on request", async () => {
    const activeBefore = await getActiveModelId();
    const queued = await queueTrainingRun(
      { algorithm: "cnb", train: { datasetIds: [demoDatasetId], includeCorrections: true }, test: { kind: "holdout", percent: 20, seed: 1 } },
      null,
    );
    expect(queued.status).toBe("queued");
    expect(await drainTrainingQueue()).toBe(1);
    const done = await getModelVersion({ id: queued.id });
    expect(done?.status).toBe("succeeded");
    expect(done?.progress).toBe(1);
    const metrics = done?.metrics as { macroF1: number; activeComparison: { versionId: number; macroF1: number } };
    expect(metrics.activeComparison.versionId).toBe(activeBefore);
    expect(done?.confusion).toHaveLength(3);
    // Training alone never changes the active model.
    expect(await getActiveModelId()).toBe(activeBefore);

    await promoteModelVersion(queued.id, null);
    invalidateActiveModel();
    expect((await getActiveModel())?.versionId).toBe(queued.id);

    // Roll back to the earlier version; both changes are in the audit log.
    await promoteModelVersion(activeBefore!, null);
    invalidateActiveModel();
    expect((await getActiveModel())?.versionId).toBe(activeBefore);
    const actions = (await getDb().select().from(auditLog)).map((a) => a.action);
    expect(actions).toEqual(expect.arrayContaining(["model.promote", "model.rollback"]));
  });

  it("a failing run is recorded as failed and leaves the active model alone", async () => {
    const activeBefore = await getActiveModelId();
    const ds = await ensureDataset({ name: unique("vanishing"), kind: "manual" });
    for (const s of insertExampleStatements(["good", "bad", "fine", "awful"].map((t, i) => ({ datasetId: ds.id, text: t, label: i % 2 ? "negative" : "positive" })))) await s;
    const queued = await queueTrainingRun({ algorithm: "nb", train: { datasetIds: [ds.id], includeCorrections: false }, test: { kind: "holdout", percent: 50 } }, null);
    // The data disappears between queueing and running: the run must fail cleanly.
    await getDb().$client.execute({ sql: "delete from examples where dataset_id = ?", args: [ds.id] });
    await drainTrainingQueue();
    const failed = await getModelVersion({ id: queued.id });
    expect(failed?.status).toBe("failed");
    expect(failed?.error).toMatch(/no examples/);
    expect(await getActiveModelId()).toBe(activeBefore);
    await expect(promoteModelVersion(queued.id, null)).rejects.toThrow(/has not finished training/);
  });

  it("a run left running by a killed process is run again once, and marked failed the second time, never left running", async () => {
    // Killed during its first attempt: back in the queue, and the next drain runs it to the end.
    const once = await queueTrainingRun({ algorithm: "nb", train: { datasetIds: [demoDatasetId], includeCorrections: false }, test: { kind: "holdout", percent: 20 } }, null);
    await updateModelVersion({ id: once.id, values: { status: "running", attempts: 1, heartbeatAt: new Date(Date.now() - HEARTBEAT_STALE_MS - 60_000) } });
    await drainTrainingQueue();
    expect(await getModelVersion({ id: once.id })).toMatchObject({ status: "succeeded", attempts: 2 });

    // Killed during its second attempt: failed.
    const queued = await queueTrainingRun({ algorithm: "nb", train: { datasetIds: [demoDatasetId], includeCorrections: false }, test: { kind: "holdout", percent: 20 } }, null);
    await updateModelVersion({ id: queued.id, values: { status: "running", attempts: 2, heartbeatAt: new Date(Date.now() - HEARTBEAT_STALE_MS - 60_000) } });
    await drainTrainingQueue();
    const row = await getModelVersion({ id: queued.id });
    expect(row?.status).toBe("failed");
    expect(row?.error).toMatch(/Interrupted/);
    const [stillRunning] = await getDb().select({ n: count() }).from(modelVersions).where(eq(modelVersions.status, "running"));
    expect(stillRunning.n).toBe(0);
  });
});
