// Training runs are job rows in model_versions: queued by a supervisor (or the CLI,
// or first start), claimed and executed by a worker, promoted or rolled back.
// A failed run never touches the active model: only promoteModelVersion changes it.
import { Worker } from "node:worker_threads";
import path from "node:path";
import { readDatabaseConfig } from "@/db/config";
import { insertAuditEntry } from "@/db/queries/audit";
import { datasetKinds, ensureDataset, selectExamples, type DatasetKind } from "@/db/queries/datasets";
import {
  activateModelVersion,
  claimQueuedModelVersion,
  recoverStaleRunningVersions,
  getActiveModelId,
  getModelArtifact,
  getModelVersion,
  insertModelVersion,
  updateModelVersion,
  type ModelVersionSummary,
} from "@/db/queries/models";
import { AppError, parseOrThrow } from "@/lib/errors";
import { logger } from "@/lib/logger";
import { emitEvent } from "@/lib/webhooks";
import { invalidateActiveModel } from "@/lib/sentiment/active-model";
import { ALGORITHMS, ModelInputError, loadClassifierAsync, trainClassifierAsync, type Algorithm, type TextClassifier } from "@/models/classifier";
import { resolveParams } from "@/models/algorithms";
import { evaluate } from "@/models/evaluation";
import { trainingRunSchema, type TrainingRunInput } from "./selection";
import { sampleDemoRows } from "./demo-prior";
import { evaluateOnReviewed } from "./reviewed-evaluation";
import { splitRows, type LabelledRow, type Split } from "./split";

export const CORRECTIONS_DATASET = "Supervisor corrections";
/** How often a running job's process reports that it is alive (see startHeartbeat). */
export const HEARTBEAT_EVERY_MS = 5_000;
/**
 * A running job that has not reported for this long is considered dead (process killed):
 * the next worker that looks puts it back in the queue, or marks it failed if it was
 * interrupted before (db/queries/models.ts, recoverStaleRunningVersions). Twelve missed heartbeats: a loaded
 * machine delays one, not a minute of them.
 */
export const HEARTBEAT_STALE_MS = 60_000;

// Fitting is synchronous and can take minutes (logreg, tree), so the job's own thread
// cannot write heartbeats while it fits. This thread, with its own connection, keeps
// heartbeat_at fresh for as long as the process lives; a SIGKILL stops it with the
// process, so a restarted worker recognises the dead run within HEARTBEAT_STALE_MS.
// (Before, the stale limit had to exceed the longest fit — 15 minutes — and a run
// interrupted by a crash stayed "running" that long after the restart.)
const HEARTBEAT_THREAD = `
const { workerData } = require("node:worker_threads");
const { createClient } = require("node:module").createRequire(workerData.resolveFrom)("@libsql/client");
const open = () => createClient({ url: workerData.url, authToken: workerData.authToken, timeout: 10000 });
let client = open();
setInterval(() => {
  client
    .execute({ sql: "update model_versions set heartbeat_at = ? where id = ? and status = 'running'", args: [Date.now(), workerData.id] })
    .catch(() => {
      // A statement that failed (busy) leaves its connection unable to commit, so the next
      // heartbeat there would keep the write lock from everyone (db/lock-wait.ts): start afresh.
      try {
        client.close();
        client = open();
      } catch {
        // Try again at the next beat.
      }
    });
}, workerData.everyMs);
`;

function startHeartbeat(versionId: number): () => void {
  try {
    const { url, authToken } = readDatabaseConfig();
    const thread = new Worker(HEARTBEAT_THREAD, {
      eval: true,
      workerData: { url, authToken, id: versionId, everyMs: HEARTBEAT_EVERY_MS, resolveFrom: path.join(process.cwd(), "package.json") },
    });
    thread.unref();
    thread.on("error", (error) => logger.warn("training heartbeat thread failed", { modelVersionId: versionId, error }));
    return () => void thread.terminate();
  } catch (error) {
    // Without the thread the run still reports between its phases.
    logger.warn("training heartbeat thread did not start", { modelVersionId: versionId, error });
    return () => {};
  }
}

export function parseTrainingRun(input: unknown): TrainingRunInput {
  const run = parseOrThrow(trainingRunSchema, input, "validation:training_run", "The training run is not valid.");
  if (!ALGORITHMS.some((a) => a.id === run.algorithm)) {
    throw new AppError("validation:algorithm", `Unknown algorithm "${run.algorithm}".`, { fieldErrors: { algorithm: "Unknown algorithm." } });
  }
  try {
    run.params = resolveParams(run.algorithm as Algorithm, run.params);
  } catch (error) {
    if (error instanceof ModelInputError) throw new AppError("validation:params", `Invalid parameters: ${error.message}.`);
    throw error;
  }
  return run;
}

/** The labelled rows a run's training selection covers, before any split. */
async function selectTrainingRows(run: TrainingRunInput): Promise<{ rows: LabelledRow[]; datasetIds: number[]; kinds: Map<number, DatasetKind> }> {
  const datasetIds = [...run.train.datasetIds];
  if (run.train.includeCorrections) {
    const corrections = await ensureDataset({ name: CORRECTIONS_DATASET, kind: "corrections" });
    if (!datasetIds.includes(corrections.id)) datasetIds.push(corrections.id);
  }
  let rows: LabelledRow[] = await selectExamples({
    datasetIds,
    categoryIds: run.train.categoryIds,
    from: run.train.from,
    to: run.train.to,
  });
  const kinds = await datasetKinds({ ids: [...datasetIds, ...(run.test.kind === "dataset" ? run.test.datasetIds : [])] });
  if (run.train.demoLimit !== undefined) {
    const isDemo = (r: LabelledRow) => kinds.get(r.datasetId!) === "demo";
    rows = [...rows.filter((r) => !isDemo(r)), ...sampleDemoRows(rows.filter(isDemo), run.train.demoLimit)];
  }
  return { rows, datasetIds, kinds };
}

/** Loads the rows a run selects and splits them; throws a clear AppError for a selection that cannot train. */
export async function buildSplit(run: TrainingRunInput): Promise<Split & { kinds: Map<number, DatasetKind> }> {
  const { rows, datasetIds, kinds } = await selectTrainingRows(run);
  if (run.test.kind === "dataset") {
    const both = run.test.datasetIds.filter((id) => datasetIds.includes(id));
    if (both.length) {
      throw new AppError(
        "validation:test_overlap",
        "A test dataset is also a training dataset: the model would be tested on examples it learnt from. Choose another test dataset, or a hold-out.",
        { fieldErrors: { "test.datasetIds": "Choose a dataset the model does not train on." } },
      );
    }
  }
  const separate = run.test.kind === "dataset" ? await selectExamples({ datasetIds: run.test.datasetIds }) : [];
  const split = splitRows(rows, run.test, separate);
  if (split.train.length === 0) throw new AppError("validation:train_empty", "The training selection has no examples.");
  const trainLabels = new Set(split.train.map((r) => r.label));
  if (trainLabels.size < 2) {
    throw new AppError("validation:train_one_class", `The training selection has only one label (${[...trainLabels][0]}); it needs at least two.`);
  }
  if (split.test.length === 0) throw new AppError("validation:test_empty", "The test selection has no examples.");
  const unseen = [...new Set(split.test.map((r) => r.label))].filter((l) => !trainLabels.has(l));
  if (unseen.length) {
    throw new AppError("validation:test_labels", `The test data has labels the training data never shows: ${unseen.join(", ")}.`);
  }
  return { ...split, kinds };
}

/** How many test rows came from each kind of dataset: says whether a figure was measured on generated demo text. */
function sourcesOf(rows: LabelledRow[], kinds: Map<number, DatasetKind>): Partial<Record<DatasetKind, number>> {
  const out: Partial<Record<DatasetKind, number>> = {};
  for (const r of rows) {
    const kind = kinds.get(r.datasetId!) ?? "manual";
    out[kind] = (out[kind] ?? 0) + 1;
  }
  return out;
}

/** Every request a supervisor reviewed, with its final label (the corrections dataset). */
async function reviewedRows(): Promise<LabelledRow[]> {
  const corrections = await ensureDataset({ name: CORRECTIONS_DATASET, kind: "corrections" });
  return selectExamples({ datasetIds: [corrections.id] });
}

/**
 * The texts a finished version was trained on, rebuilt from its stored selection on
 * today's data. Exact while that data is unchanged; after rows were added, a hold-out can
 * differ at its boundary by a few rows (see holdoutSplit). Null when the selection can no
 * longer be rebuilt.
 */
export async function trainingTextsOf(versionId: number): Promise<Set<string> | null> {
  const v = await getModelVersion({ id: versionId });
  if (!v?.trainSelection || !v.testSelection) return null;
  // The shipped model was trained on none of the company's data: every test row is unseen by it.
  if (typeof (v.trainSelection as { source?: unknown }).source === "string") return new Set();
  try {
    const run = parseTrainingRun({ name: v.name, algorithm: v.algorithm, params: v.params, train: v.trainSelection, test: v.testSelection });
    return new Set((await buildSplit(run)).train.map((r) => r.text));
  } catch (error) {
    logger.warn("could not rebuild the active model's training rows", { modelVersionId: versionId, error });
    return null;
  }
}

/** Validates and queues a run. Nothing is written when the selection cannot train. */
export async function queueTrainingRun(input: unknown, authorId: number | null): Promise<ModelVersionSummary> {
  const run = parseTrainingRun(input);
  const split = await buildSplit(run);
  const version = await insertModelVersion({
    task: "sentiment",
    name: run.name || `${run.algorithm} ${new Date().toISOString().slice(0, 16).replace("T", " ")}`,
    algorithm: run.algorithm,
    params: run.params,
    trainSelection: run.train as unknown as Record<string, unknown>,
    testSelection: run.test as unknown as Record<string, unknown>,
    nTrain: split.train.length,
    nTest: split.test.length,
    authorId,
    status: "queued",
    progressMessage: "Waiting for a worker",
  });
  await insertAuditEntry({ actorId: authorId, action: "model.train", target: `model:${version.id}`, details: { algorithm: run.algorithm } });
  return version;
}

type Progress = (fraction: number, message: string) => Promise<void>;

function evaluationOf(classifier: TextClassifier, test: LabelledRow[]) {
  const predicted = classifier.predictBatch(test.map((r) => r.text)).map((p) => p.label);
  return evaluate(test.map((r) => r.label), predicted, classifier.labels);
}

/** Trains, evaluates next to the active model on the same test rows, and stores the result. */
export async function executeTrainingRun(version: ModelVersionSummary, progress: Progress): Promise<void> {
  const run = parseTrainingRun({
    name: version.name,
    algorithm: version.algorithm,
    params: version.params,
    train: version.trainSelection,
    test: version.testSelection,
  });
  await progress(0.05, "Loading examples");
  const split = await buildSplit(run);
  await progress(0.15, `Training ${run.algorithm} on ${split.train.length} examples`);
  const started = performance.now();
  const classifier = await trainClassifierAsync(
    split.train.map((r) => r.text),
    split.train.map((r) => r.label),
    { algorithm: run.algorithm as Algorithm, params: run.params },
  );
  const trainMs = Math.round(performance.now() - started);
  try {
    await progress(0.75, `Evaluating on ${split.test.length} test examples`);
    const metrics = evaluationOf(classifier, split.test);
    let activeComparison: Record<string, unknown> | null = null;
    const reviewed = await reviewedRows();
    const trainedOn = new Set(split.train.map((r) => r.text));
    let onReviewed = evaluateOnReviewed(reviewed, trainedOn, classifier, null);
    const activeId = await getActiveModelId({ task: "sentiment" });
    if (activeId !== null && activeId !== version.id) {
      const artifact = await getModelArtifact({ id: activeId });
      if (artifact) {
        await progress(0.85, "Evaluating the active model on the same test data");
        // Test rows the active model learnt from would flatter it (a hold-out drawn again
        // after corrections were added mixes its training rows into the test set): both
        // models are compared on the test rows it never saw.
        const seenByActive = await trainingTextsOf(activeId);
        const fair = seenByActive === null ? split.test : split.test.filter((r) => !seenByActive.has(r.text));
        const active = await loadClassifierAsync(artifact);
        try {
          onReviewed = evaluateOnReviewed(reviewed, trainedOn, classifier, { versionId: activeId, classifier: active, trainedOn: seenByActive });
          const a = fair.length > 0 ? evaluationOf(active, fair) : null;
          const mine = fair.length === split.test.length ? metrics : fair.length > 0 ? evaluationOf(classifier, fair) : null;
          if (a && mine) {
            activeComparison = {
              versionId: activeId,
              accuracy: a.accuracy,
              macroF1: a.macroF1,
              perClass: a.perClass,
              confusion: a.confusion,
              labels: a.labels,
              nCompared: fair.length,
              nSeenByActive: split.test.length - fair.length,
              overlapChecked: seenByActive !== null,
              thisVersion: { accuracy: mine.accuracy, macroF1: mine.macroF1, perClass: mine.perClass },
            };
          }
        } finally {
          active.dispose?.();
        }
      }
    }
    await progress(0.95, "Saving the model");
    const stored = await updateModelVersion({
      whileRunning: true,
      attempt: version.attempts,
      id: version.id,
      values: {
        status: "succeeded",
        progress: 1,
        progressMessage: "Done",
        artifact: classifier.serialize(),
        labels: classifier.labels,
        metrics: {
          accuracy: metrics.accuracy,
          macroF1: metrics.macroF1,
          perClass: metrics.perClass,
          trainMs,
          topFeatures: classifier.topFeatures(12),
          activeComparison,
          // What the figures above were measured on (rows per kind of dataset), and the
          // figure on the company's own reviewed requests this version did not learn from.
          testSources: sourcesOf(split.test, split.kinds),
          onReviewed,
        },
        confusion: metrics.confusion,
        nTrain: split.train.length,
        nTest: split.test.length,
        finishedAt: new Date(),
        error: null,
      },
    });
    // Declared dead meanwhile (no heartbeat): the failure stands, the late result is dropped.
    if (!stored) throw new AppError("conflict:training_run", "The run was marked interrupted before it finished.");
  } finally {
    classifier.dispose?.();
  }
}

/** Runs one claimed job to its end, recording failure instead of throwing. */
export async function runClaimedJob(version: ModelVersionSummary): Promise<"succeeded" | "failed"> {
  const progress: Progress = async (fraction, message) => {
    await updateModelVersion({ id: version.id, values: { progress: fraction, progressMessage: message, heartbeatAt: new Date() } });
  };
  const stopHeartbeat = startHeartbeat(version.id);
  try {
    await executeTrainingRun(version, progress);
    stopHeartbeat();
    logger.info("training run succeeded", { modelVersionId: version.id });
    await emitEvent("training_run.finished", { training_run_id: version.id, status: "succeeded" });
    return "succeeded";
  } catch (error) {
    stopHeartbeat();
    const message = error instanceof AppError ? error.message : error instanceof Error ? `Training failed: ${error.message}` : "Training failed.";
    logger.warn("training run failed", { modelVersionId: version.id, error });
    await updateModelVersion({
      id: version.id,
      values: { status: "failed", error: message, finishedAt: new Date(), progressMessage: "Failed", artifact: null },
    });
    await emitEvent("training_run.finished", { training_run_id: version.id, status: "failed", error: message });
    return "failed";
  }
}

/** Claims and runs queued jobs until none is left. Returns how many ran. */
export async function drainTrainingQueue(options: { signal?: AbortSignal; onJob?: (id: number | null) => void } = {}): Promise<number> {
  const recovered = await recoverStaleRunningVersions({ staleBefore: new Date(Date.now() - HEARTBEAT_STALE_MS) });
  if (recovered.requeued.length) logger.warn("training runs interrupted by a stopped worker put back in the queue", { modelVersionIds: recovered.requeued });
  if (recovered.failed.length) logger.error("training runs interrupted a second time marked failed", { modelVersionIds: recovered.failed });
  let n = 0;
  for (;;) {
    if (options.signal) {
      // Training blocks the event loop for long stretches, and a signal's handler runs only
      // when the loop turns: give it that turn before deciding to claim another job.
      await new Promise((resolve) => setImmediate(resolve));
      if (options.signal.aborted) return n;
    }
    const job = await claimQueuedModelVersion();
    if (!job) return n;
    options.onJob?.(job.id);
    logger.info("training run claimed", { modelVersionId: job.id });
    try {
      await runClaimedJob(job);
    } finally {
      options.onJob?.(null);
    }
    n++;
  }
}

/** Makes a succeeded version the active model (a promotion or a roll-back), audited. */
export async function promoteModelVersion(id: number, actorId: number | null): Promise<ModelVersionSummary> {
  const version = await getModelVersion({ id });
  if (!version) throw new AppError("not_found:model", `Model version ${id} does not exist.`);
  if (version.status !== "succeeded") throw new AppError("conflict:model", `Model version ${id} has not finished training (${version.status}).`);
  const previous = await getActiveModelId({ task: version.task });
  await activateModelVersion({ id, task: version.task });
  await insertAuditEntry({
    actorId,
    action: previous !== null && previous > id ? "model.rollback" : "model.promote",
    target: `model:${id}`,
    details: { previous },
  });
  invalidateActiveModel();
  await emitEvent("model.promoted", { model_version_id: id, previous_version_id: previous, algorithm: version.algorithm });
  return (await getModelVersion({ id }))!;
}
