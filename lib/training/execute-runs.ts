// The worker side of training runs: claims queued runs (lib/training/runs.ts queues them),
// trains, evaluates next to the active model on the same test rows and stores the result,
// with a heartbeat thread so a run whose worker died is noticed. Only the worker process
// (lib/ops/worker-loop.ts) and the CLI import this module.
import { ensureDataset, selectExamples, type DatasetKind } from "@/db/queries/datasets";
import {
  claimQueuedModelVersion,
  getActiveModelId,
  getModelArtifact,
  recoverStaleRunningVersions,
  updateModelVersion,
  type ModelVersionSummary,
} from "@/db/queries/models";
import { AppError } from "@/lib/platform/errors";
import { startHeartbeatThread } from "@/lib/ops/heartbeats/start-thread";
import { logger } from "@/lib/platform/logger";
import { emitEvent } from "@/lib/admin/webhooks";
import { loadClassifierAsync, trainClassifierAsync, type TextClassifier } from "@/models/classifier";
import { evaluate } from "@/models/evaluation";
import { evaluateOnReviewed } from "./reviewed-evaluation";
import { buildSplit, CORRECTIONS_DATASET, parseTrainingRun, trainingTextsOf, trainOptionsOf } from "./runs";
import type { LabelledRow } from "./split";

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
// cannot write heartbeats while it fits. A heartbeat thread with its own connection
// (lib/ops/heartbeats/thread.ts) keeps heartbeat_at fresh for as long as the process lives; a
// SIGKILL stops it with the process, so a restarted worker recognises the dead run within
// HEARTBEAT_STALE_MS. (Before, the stale limit had to exceed the longest fit — 15 minutes —
// and a run interrupted by a crash stayed "running" that long after the restart.)
function startHeartbeat(versionId: number): () => void {
  try {
    const thread = startHeartbeatThread(
      { kind: "training-run", modelVersionId: versionId },
      { everyMs: HEARTBEAT_EVERY_MS, onError: (error) => logger.warn("training heartbeat thread failed", { modelVersionId: versionId, error }) },
    );
    return () => void thread.stop();
  } catch (error) {
    // Without the thread the run still reports between its phases.
    logger.warn("training heartbeat thread did not start", { modelVersionId: versionId, error });
    return () => {};
  }
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
    trainOptionsOf(run, { rows: split.train, kinds: split.kinds }),
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
