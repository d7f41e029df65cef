// Tasks (customer requests) and their predictions.
import { and, desc, eq, lt, or, sql } from "drizzle-orm";
import { getDb, type Database, type Executor } from "../client";
import {
  categories,
  customerAccounts,
  followUps,
  predictions,
  reviews,
  tasks,
  type Sentiment,
  type TaskStatus,
} from "../schema";

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

export type TaskListItem = {
  id: number;
  text: string;
  status: TaskStatus;
  channel: string;
  sentiment: Sentiment | null;
  confidence: number | null;
  emotion: string | null;
  reviewed: boolean;
  createdAt: Date;
  accountName: string;
  categoryName: string;
};

/** Newest first, keyset-paginated on (created_at, id) so deep pages stay as fast as the first. */
export async function listTasks(
  { limit = 50, before }: { limit?: number; before?: { createdAt: Date; id: number } } = {},
  db: Database = getDb(),
): Promise<TaskListItem[]> {
  const where = before
    ? or(lt(tasks.createdAt, before.createdAt), and(eq(tasks.createdAt, before.createdAt), lt(tasks.id, before.id)))
    : undefined;
  return db
    .select({
      id: tasks.id,
      text: tasks.text,
      status: tasks.status,
      channel: tasks.channel,
      sentiment: tasks.sentiment,
      confidence: tasks.confidence,
      emotion: tasks.emotion,
      reviewed: tasks.reviewed,
      createdAt: tasks.createdAt,
      accountName: customerAccounts.name,
      categoryName: categories.name,
    })
    .from(tasks)
    .innerJoin(customerAccounts, eq(customerAccounts.id, tasks.accountId))
    .innerJoin(categories, eq(categories.id, tasks.categoryId))
    .where(where)
    .orderBy(desc(tasks.createdAt), desc(tasks.id))
    .limit(limit);
}

/** Removes every task-side row (demo reset). Users, API keys and the audit log stay. */
export async function deleteAllTaskData(db: Database = getDb()): Promise<void> {
  await db.batch([
    db.delete(reviews),
    db.delete(followUps),
    db.delete(predictions),
    db.delete(tasks),
    db.delete(customerAccounts),
  ]);
}
