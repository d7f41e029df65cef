// Model versions: training job rows, their artifacts and the active flag.
import { and, desc, eq, getTableColumns, lt, or, sql } from "drizzle-orm";
import { getDb, type Database } from "../client";
import { modelVersions, type ModelVersion } from "../schema";

export type NewModelVersion = typeof modelVersions.$inferInsert;
/** Everything but the (large) artifact, for lists and pages. */
export type ModelVersionSummary = Omit<ModelVersion, "artifact">;

// Every column but the artifact, which can be megabytes and is read only to load a model.
const { artifact: _artifact, ...summaryColumns } = getTableColumns(modelVersions);

export async function insertModelVersion(values: NewModelVersion, db: Database = getDb()): Promise<ModelVersionSummary> {
  const [row] = await db.insert(modelVersions).values(values).returning(summaryColumns);
  return row;
}

/**
 * Updates a version; with `whileRunning`, only if it is still running (returns whether it
 * was), and with `attempt` too, only under that claim: a run re-queued and claimed again
 * after this worker was taken for dead is the new claim's.
 */
export async function updateModelVersion(
  { id, values, whileRunning = false, attempt }: { id: number; values: Partial<NewModelVersion>; whileRunning?: boolean; attempt?: number },
  db: Database = getDb(),
): Promise<boolean> {
  const where = whileRunning
    ? and(eq(modelVersions.id, id), eq(modelVersions.status, "running"), attempt === undefined ? undefined : eq(modelVersions.attempts, attempt))
    : eq(modelVersions.id, id);
  const rows = await db.update(modelVersions).set(values).where(where).returning({ id: modelVersions.id });
  return rows.length > 0;
}

export async function getModelVersion({ id }: { id: number }, db: Database = getDb()): Promise<ModelVersionSummary | undefined> {
  const [row] = await db.select(summaryColumns).from(modelVersions).where(eq(modelVersions.id, id)).limit(1);
  return row;
}

export async function listModelVersions({ task = "sentiment", limit = 100 }: { task?: string; limit?: number } = {}, db: Database = getDb()) {
  return db.select(summaryColumns).from(modelVersions).where(eq(modelVersions.task, task)).orderBy(desc(modelVersions.id)).limit(limit);
}

/** The id of the active version: a tiny indexed read, cheap enough to poll every few seconds. */
export async function getActiveModelId({ task = "sentiment" }: { task?: string } = {}, db: Database = getDb()): Promise<number | null> {
  const [row] = await db
    .select({ id: modelVersions.id })
    .from(modelVersions)
    .where(and(eq(modelVersions.task, task), eq(modelVersions.active, true)))
    .limit(1);
  return row?.id ?? null;
}

export async function getModelArtifact({ id }: { id: number }, db: Database = getDb()): Promise<string | null> {
  const [row] = await db.select({ artifact: modelVersions.artifact }).from(modelVersions).where(eq(modelVersions.id, id)).limit(1);
  return row?.artifact ?? null;
}

/** Makes one succeeded version the active one, in a single transaction. */
export async function activateModelVersion({ id, task = "sentiment" }: { id: number; task?: string }, db: Database = getDb()) {
  await db.batch([
    db.update(modelVersions).set({ active: false }).where(and(eq(modelVersions.task, task), eq(modelVersions.active, true))),
    db
      .update(modelVersions)
      .set({ active: true, promotedAt: new Date() })
      .where(and(eq(modelVersions.id, id), eq(modelVersions.status, "succeeded"))),
  ]);
}

/** Claims the oldest queued job atomically, so two instances never run the same one. */
export async function claimQueuedModelVersion(db: Database = getDb()): Promise<ModelVersionSummary | undefined> {
  const now = new Date();
  const [row] = await db
    .update(modelVersions)
    .set({ status: "running", startedAt: now, heartbeatAt: now, progress: 0, attempts: sql`${modelVersions.attempts} + 1` })
    .where(
      eq(
        modelVersions.id,
        sql`(select ${modelVersions.id} from ${modelVersions} where ${modelVersions.status} = 'queued' order by ${modelVersions.id} limit 1)`,
      ),
    )
    .returning(summaryColumns);
  return row;
}

/** A running job's "still alive", written by its worker's heartbeat thread (lib/ops/heartbeats/thread.ts). */
export async function touchRunningVersion({ id, now }: { id: number; now: Date }, db: Database = getDb()): Promise<void> {
  await db.update(modelVersions).set({ heartbeatAt: now }).where(and(eq(modelVersions.id, id), eq(modelVersions.status, "running")));
}

/** Claims made before a run counts as failed when its worker dies (the first death re-queues it). */
export const MAX_TRAINING_ATTEMPTS = 2;

/**
 * Running jobs whose worker stopped sending heartbeats (process killed) go back to the
 * queue the first time, untouched, and become failed once they were claimed
 * MAX_TRAINING_ATTEMPTS times: a run that kills its worker must not kill every next one.
 */
export async function recoverStaleRunningVersions({ staleBefore }: { staleBefore: Date }, db: Database = getDb()): Promise<{ requeued: number[]; failed: number[] }> {
  const stale = and(eq(modelVersions.status, "running"), or(lt(modelVersions.heartbeatAt, staleBefore), sql`${modelVersions.heartbeatAt} is null`));
  const [failed, requeued] = await db.batch([
    db
      .update(modelVersions)
      .set({ status: "failed", error: "Interrupted: the training process stopped before finishing, twice.", finishedAt: new Date(), artifact: null })
      .where(and(stale, sql`${modelVersions.attempts} >= ${MAX_TRAINING_ATTEMPTS}`))
      .returning({ id: modelVersions.id }),
    db
      .update(modelVersions)
      .set({ status: "queued", progress: 0, progressMessage: "Waiting for a worker (the previous one stopped while running it)", startedAt: null, heartbeatAt: null, artifact: null })
      .where(stale)
      .returning({ id: modelVersions.id }),
  ]);
  return { failed: failed.map((r) => r.id), requeued: requeued.map((r) => r.id) };
}

/**
 * Puts a running job back in the queue on a clean stop (the worker's deadline), without
 * counting the claim: only a worker's death uses up an attempt. Returns whether it was running.
 */
export async function releaseRunningModelVersion({ id }: { id: number }, db: Database = getDb()): Promise<boolean> {
  const rows = await db
    .update(modelVersions)
    .set({
      status: "queued",
      progress: 0,
      progressMessage: "Waiting for a worker (the previous one stopped)",
      startedAt: null,
      heartbeatAt: null,
      artifact: null,
      attempts: sql`max(0, ${modelVersions.attempts} - 1)`,
    })
    .where(and(eq(modelVersions.id, id), eq(modelVersions.status, "running")))
    .returning({ id: modelVersions.id });
  return rows.length > 0;
}

/** Removes every model version (demo reset); predictions must be gone first. */
export async function deleteAllModelVersions(db: Database = getDb()): Promise<void> {
  await db.delete(modelVersions);
}
