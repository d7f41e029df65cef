// A new version is compared with the active one on test rows the active one did not learn
// from: otherwise a hold-out drawn again after corrections were added (or a time split of
// data the active model was trained on) flatters the active model.
import { beforeAll, describe, expect, it } from "vitest";
import { ensureDataset } from "@/db/queries/datasets";
import { getActiveModelId, getModelVersion } from "@/db/queries/models";
import { reviewTasks } from "@/lib/tasks/reviews";
import { listTaskQueue } from "@/lib/tasks/queue";
import { holdoutSplit, type LabelledRow } from "@/lib/training/split";
import { buildSplit, promoteModelVersion, queueTrainingRun } from "@/lib/training/runs";
import { drainTrainingQueue } from "@/lib/training/execute-runs";
import { trainingRunSchema } from "@/lib/training/selection";
import { compareVersions } from "@/lib/training/compare";
import { createUser } from "@/lib/admin/users";
import { createRng } from "@/models/random";
import { unique } from "../support/temp-db";
import { freshDemoDatabase } from "../support/demo-db";

type Comparison = { versionId: number; nCompared: number; nSeenByActive: number; overlapChecked: boolean; accuracy: number; thisVersion: { accuracy: number } };

let demoId = 0;
let activeId = 0;
let shippedId = 0;

beforeAll(async () => {
  await freshDemoDatabase({ tasks: 200, examples: 1500 });
  demoId = (await ensureDataset({ name: "Demo examples", kind: "demo" })).id;
  shippedId = (await getActiveModelId())!;
  // The shipped model learnt none of the company's data; these tests need an active version
  // that did (80 % of the demo rows), as a company's own retrained version would.
  const own = await queueTrainingRun(
    { name: "Demo data", algorithm: "nb", train: { datasetIds: [demoId], includeCorrections: false }, test: { kind: "holdout", percent: 20, seed: 42 } },
    null,
  );
  await drainTrainingQueue();
  await promoteModelVersion(own.id, null);
  activeId = (await getActiveModelId())!;
});

async function trainAndCompare(input: object): Promise<{ nTest: number; cmp: Comparison; selection: object }> {
  const queued = await queueTrainingRun({ algorithm: "nb", ...input }, null);
  await drainTrainingQueue();
  const v = (await getModelVersion({ id: queued.id }))!;
  expect(v.status).toBe("succeeded");
  return { nTest: v.nTest!, cmp: (v.metrics as { activeComparison: Comparison }).activeComparison, selection: input };
}

/** Test texts of a run's selection that the active version was trained on, computed here from both selections. */
async function seenByActive(selection: object): Promise<number> {
  const active = (await getModelVersion({ id: activeId }))!;
  const activeTrain = new Set((await buildSplit(trainingRunSchema.parse({ algorithm: "nb", train: active.trainSelection, test: active.testSelection }))).train.map((r) => r.text));
  const mine = await buildSplit(trainingRunSchema.parse({ algorithm: "nb", ...selection }));
  return mine.test.filter((r) => activeTrain.has(r.text)).length;
}

describe("hold-out split", () => {
  const rows = (n: number, from = 0): LabelledRow[] =>
    Array.from({ length: n }, (_, i) => ({ id: from + i, text: `text number ${from + i}`, label: ["negative", "neutral", "positive"][(from + i) % 3], occurredAt: null }));

  it("is stratified, and a text stays on its side when other rows are added", () => {
    const before = holdoutSplit(rows(900), 20, 42);
    for (const label of ["negative", "neutral", "positive"]) expect(before.test.filter((r) => r.label === label)).toHaveLength(60);
    const after = holdoutSplit([...rows(900), ...rows(60, 5000)], 20, 42);
    const stayed = before.test.filter((r) => after.test.some((a) => a.text === r.text)).length;
    expect(stayed / before.test.length).toBeGreaterThan(0.9);
  });

  it("puts copies of one text on the same side", () => {
    const rng = createRng(3);
    const base = rows(300);
    const copies = base.slice(0, 50).map((r, i) => ({ ...r, id: 10_000 + i }));
    const split = holdoutSplit([...base, ...copies].sort(() => rng() - 0.5), 30, 7);
    const testTexts = new Set(split.test.map((r) => r.text));
    expect(split.train.filter((r) => testTexts.has(r.text))).toHaveLength(0);
  });
});

describe("comparison with the active version", () => {
  it("after corrections, the same hold-out finds (nearly) the active version's own test rows, and leaves out any it trained on", async () => {
    const supervisor = await createUser({ email: `${unique("sup")}@example.test`, name: "S", password: "supervisor-pass-1", role: "supervisor" }, null);
    const ids = (await listTaskQueue({ limit: 40 })).rows.map((r) => r.id);
    await reviewTasks({ taskIds: ids, label: "negative" }, supervisor.id);
    const selection = { train: { datasetIds: [demoId], includeCorrections: true }, test: { kind: "holdout", percent: 20, seed: 42 } };
    const { nTest, cmp } = await trainAndCompare(selection);
    expect(cmp.versionId).toBe(activeId);
    expect(cmp.overlapChecked).toBe(true);
    expect(cmp.nSeenByActive).toBe(await seenByActive(selection));
    expect(cmp.nSeenByActive + cmp.nCompared).toBe(nTest);
    // Drawing the hold-out again at random would put ~80 % of these rows in the active version's training data.
    expect(cmp.nSeenByActive).toBeLessThan(nTest * 0.1);
  });

  it("a time split over data the active version learnt from is compared on the rows it never saw", async () => {
    const active = (await getModelVersion({ id: activeId }))!;
    const splitAt = new Date(Date.now() - 30 * 86_400_000).toISOString().slice(0, 10);
    const selection = { train: { datasetIds: [demoId], includeCorrections: false }, test: { kind: "time", splitAt } };
    const { nTest, cmp } = await trainAndCompare(selection);
    expect(active.testSelection).toMatchObject({ kind: "holdout" });
    expect(cmp.nSeenByActive).toBe(await seenByActive(selection));
    expect(cmp.nSeenByActive).toBeGreaterThan(nTest / 2); // most of them: the active version trained on 80 % of the demo rows
    expect(cmp.nCompared).toBe(nTest - cmp.nSeenByActive);
    expect(cmp.thisVersion.accuracy).toBeGreaterThan(0);
  });

  it("refuses a test dataset that is also a training dataset, and queues nothing", async () => {
    const before = (await getActiveModelId())!;
    await expect(
      queueTrainingRun({ algorithm: "nb", train: { datasetIds: [demoId], includeCorrections: false }, test: { kind: "dataset", datasetIds: [demoId] } }, null),
    ).rejects.toThrow(/also a training dataset/);
    expect(await getActiveModelId()).toBe(before);
  });

  it("compares another version with the shipped one on the other's test data, and says why not the other way round", async () => {
    const fromOwn = await compareVersions(activeId, shippedId);
    expect(fromOwn.nCompared).toBeGreaterThan(0);
    expect(fromOwn.theirs.macroF1).toBeGreaterThan(0);
    await expect(compareVersions(shippedId, activeId)).rejects.toThrow(new RegExp(`v${shippedId} shipped with the product .* compare from v${activeId}'s page instead`));
  });
});
