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

/** Updates a version; with `whileRunning`, only if it is still running (returns whether it was). */
export async function updateModelVersion(
  { id, values, whileRunning = false }: { id: number; values: Partial<NewModelVersion>; whileRunning?: boolean },
  db: Database = getDb(),
): Promise<boolean> {
  const where = whileRunning ? and(eq(modelVersions.id, id), eq(modelVersions.status, "running")) : eq(modelVersions.id, id);
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
    .set({ status: "running", startedAt: now, heartbeatAt: now, progress: 0 })
    .where(
      eq(
        modelVersions.id,
        sql`(select ${modelVersions.id} from ${modelVersions} where ${modelVersions.status} = 'queued' order by ${modelVersions.id} limit 1)`,
      ),
    )
    .returning(summaryColumns);
  return row;
}

/** Running jobs whose worker stopped sending heartbeats (process killed, restart) become failed. */
export async function failStaleRunningVersions({ staleBefore }: { staleBefore: Date }, db: Database = getDb()): Promise<number> {
  const rows = await db
    .update(modelVersions)
    .set({ status: "failed", error: "Interrupted: the training process stopped before finishing.", finishedAt: new Date() })
    .where(
      and(
        eq(modelVersions.status, "running"),
        or(lt(modelVersions.heartbeatAt, staleBefore), sql`${modelVersions.heartbeatAt} is null`),
      ),
    )
    .returning({ id: modelVersions.id });
  return rows.length;
}

/** Removes every model version (demo reset); predictions must be gone first. */
export async function deleteAllModelVersions(db: Database = getDb()): Promise<void> {
  await db.delete(modelVersions);
}
