// Fills in emotions that were left pending because the emotion service could not
// answer when the request arrived (or because the data was bulk-loaded). Called
// every few seconds by the worker; cheap when there is nothing to do (one indexed
// query) and when the service is down (the breaker answers at once).
import { listPendingEmotions, markEmotionsFailed, saveEmotions, type PendingEmotion } from "@/db/queries/emotions";
import { logger } from "@/lib/platform/logger";
import { runRules } from "@/lib/support/rules";
import { refreshPriorities } from "@/lib/support/task-priority";
import { defaultEmotionClient, type EmotionClient, type EmotionResult } from "./client";

export interface BackfillOptions {
  /** Predictions per request to the service (default 32, the server's batch limit). */
  batchSize?: number;
  /** Stop after this many batches (default: until the backlog is empty). */
  maxBatches?: number;
  /** Default: the client for EMOTION_INFERENCE_URL. */
  client?: Pick<EmotionClient, "classifyDetailed"> | null;
}

/**
 * Classifies pending predictions oldest first and stores the results; returns how
 * many were filled. Stops at the first unavailability, leaving the rest pending for
 * the next call. A text the service refuses outright is marked "failed" so it cannot
 * block the backlog.
 */
export async function backfillPendingEmotions(options: BackfillOptions = {}): Promise<number> {
  const batchSize = Math.max(1, Math.floor(options.batchSize ?? 32));
  const maxBatches = options.maxBatches ?? Infinity;
  const client = options.client === undefined ? defaultEmotionClient() : options.client;
  if (!client) return 0;

  let filled = 0;
  for (let batch = 0; batch < maxBatches; batch++) {
    const pending = await listPendingEmotions(batchSize);
    if (pending.length === 0) break;
    const outcome = await client.classifyDetailed(pending.map((p) => p.text));
    if (outcome.ok) {
      filled += await saveEmotions(toUpdates(pending, outcome.results));
      await rescored(pending);
    } else if (outcome.reason === "rejected") {
      const result = await isolateRejected(client, pending);
      filled += result.filled;
      if (result.stopped) break;
    } else break;
    if (pending.length < batchSize) break;
  }
  if (filled > 0) logger.info("emotions backfilled", { filled });
  return filled;
}

/** One bad text fails its whole batch: retry one by one, so only the bad ones are marked failed. */
async function isolateRejected(client: Pick<EmotionClient, "classifyDetailed">, pending: PendingEmotion[]): Promise<{ filled: number; stopped: boolean }> {
  let filled = 0;
  const failed: number[] = [];
  for (const row of pending) {
    const outcome = await client.classifyDetailed([row.text]);
    if (outcome.ok) {
      filled += await saveEmotions(toUpdates([row], outcome.results));
      await rescored([row]);
    }
    else if (outcome.reason === "rejected") failed.push(row.predictionId);
    else {
      await markEmotionsFailed(failed, null);
      return { filled, stopped: true };
    }
  }
  if (failed.length) logger.warn("emotion service refused some texts; marked failed", { predictionIds: failed.slice(0, 20), count: failed.length });
  await markEmotionsFailed(failed, null);
  return { filled, stopped: false };
}

/**
 * An emotion that arrives later re-scores the task — when it is the emotion of the task's
 * latest customer message (the opening request's, or a follow-up's): its priority and the
 * rules look again. An earlier message's emotion changes only that message.
 */
async function rescored(rows: PendingEmotion[]): Promise<void> {
  const taskIds = [...new Set(rows.filter((r) => r.latest).map((r) => r.taskId))];
  if (taskIds.length === 0) return;
  await refreshPriorities(taskIds, "emotion arrived");
  await runRules(taskIds, "re-scored");
}

function toUpdates(rows: PendingEmotion[], results: EmotionResult[]) {
  return rows.map((row, i) => ({ predictionId: row.predictionId, taskId: row.taskId, emotion: results[i].label, scores: results[i].scores, model: results[i].model }));
}
