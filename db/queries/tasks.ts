// Tasks (customer requests) and their predictions.
import { eq, sql } from "drizzle-orm";
import { getDb, type Database, type Executor } from "../client";
import { customerAccounts, followUps, predictions, reviews, satisfactionRatings, taskEvents, taskMessages, tasks } from "../schema";

export type NewTask = typeof tasks.$inferInsert;
export type NewPrediction = typeof predictions.$inferInsert;

export async function countTasks(db: Database = getDb()): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)` }).from(tasks);
  return row?.n ?? 0;
}

/** The highest ids in use; bulk loads assign ids themselves to link tasks and predictions without a read-back. */
export async function maxTaskAndPredictionIds(db: Executor = getDb()): Promise<{ task: number; prediction: number }> {
  const [t] = await db.select({ m: sql<number>`coalesce(max(${tasks.id}), 0)` }).from(tasks);
  const [p] = await db.select({ m: sql<number>`coalesce(max(${predictions.id}), 0)` }).from(predictions);
  return { task: t.m, prediction: p.m };
}

/** Insert statements for tasks and their predictions (ids set by the caller), chunked under SQLite's parameter limit. */
export function bulkInsertStatements(taskRows: NewTask[], predictionRows: NewPrediction[], db: Executor = getDb()) {
  const statements = [];
  for (let i = 0; i < taskRows.length; i += 1500) statements.push(db.insert(tasks).values(taskRows.slice(i, i + 1500)));
  for (let i = 0; i < predictionRows.length; i += 1500) statements.push(db.insert(predictions).values(predictionRows.slice(i, i + 1500)));
  return statements;
}

/** Removes every task-side row (demo reset). Users, API keys and the audit log stay. */
export async function deleteAllTaskData(db: Database = getDb()): Promise<void> {
  await db.batch([
    db.delete(reviews),
    db.delete(followUps),
    db.delete(satisfactionRatings),
    db.delete(taskMessages),
    db.delete(taskEvents),
    db.delete(predictions),
    db.delete(taskEvents),
    db.delete(tasks),
    db.delete(customerAccounts),
  ]);
}

export async function findTaskByExternalId({ externalId }: { externalId: string }, db: Database = getDb()) {
  const [row] = await db.select().from(tasks).where(eq(tasks.externalId, externalId)).limit(1);
  return row;
}

/**
 * Inserts one task and its first prediction atomically; returns their ids.
 * One `batch` (a single implicit transaction run in one call) rather than an interactive
 * transaction: within one process an open interactive transaction would make every other
 * write wait on a lock that the waiting itself keeps from being released.
 */
export async function insertTaskWithPrediction(
  { task, prediction }: { task: Omit<NewTask, "latestPredictionId">; prediction: Omit<NewPrediction, "taskId"> },
  db: Database = getDb(),
): Promise<{ taskId: number; predictionId: number }> {
  // Inside the batch no other writer can interleave, so the newest ids are ours.
  const newestTask = sql`(select max(${tasks.id}) from ${tasks})`;
  const newestPrediction = sql`(select max(${predictions.id}) from ${predictions})`;
  const [[t], [p]] = await db.batch([
    db.insert(tasks).values(task).returning({ id: tasks.id }),
    db.insert(predictions).values({ ...prediction, taskId: newestTask }).returning({ id: predictions.id }),
    db.update(tasks).set({ latestPredictionId: newestPrediction }).where(eq(tasks.id, newestTask)),
  ]);
  return { taskId: t.id, predictionId: p.id };
}
