// One task with everything its page shows, and the changes an agent makes to it.
import { and, desc, eq, inArray, isNotNull, sql } from "drizzle-orm";
import { getDb, type Database } from "../client";
import { categories, customerAccounts, predictions, reviews, tasks, users } from "../schema";

export async function getTaskDetail({ id }: { id: number }, db: Database = getDb()) {
  const [row] = await db
    .select({
      task: tasks,
      account: { id: customerAccounts.id, name: customerAccounts.name, email: customerAccounts.email, externalRef: customerAccounts.externalRef },
      category: { id: categories.id, name: categories.name },
      prediction: predictions,
      flaggedBy: sql<string | null>`(select ${users.name} from ${users} where ${users.id} = ${tasks.flaggedById})`,
    })
    .from(tasks)
    .innerJoin(customerAccounts, eq(customerAccounts.id, tasks.accountId))
    .innerJoin(categories, eq(categories.id, tasks.categoryId))
    .leftJoin(predictions, eq(predictions.id, tasks.latestPredictionId))
    .where(eq(tasks.id, id))
    .limit(1);
  return row;
}

export async function listTaskReviews({ taskId }: { taskId: number }, db: Database = getDb()) {
  return db
    .select({ id: reviews.id, labelBefore: reviews.labelBefore, labelAfter: reviews.labelAfter, note: reviews.note, createdAt: reviews.createdAt, reviewer: users.name, undoneAt: reviews.undoneAt })
    .from(reviews)
    .innerJoin(users, eq(users.id, reviews.reviewerId))
    .where(eq(reviews.taskId, taskId))
    .orderBy(desc(reviews.id));
}

/** Flags a task as wrongly predicted, by whom and why; or takes the flag away. */
export async function setTaskFlag(
  { id, flag }: { id: number; flag: { byId: number; reason: string } | null },
  db: Database = getDb(),
): Promise<boolean> {
  const values = flag ? { flaggedAt: new Date(), flaggedById: flag.byId, flagReason: flag.reason } : { flaggedAt: null, flaggedById: null, flagReason: null };
  const rows = await db.update(tasks).set(values).where(eq(tasks.id, id)).returning({ id: tasks.id });
  return rows.length > 0;
}

/** Who flagged each of these tasks and why, for those still flagged. */
export async function listTaskFlags({ taskIds }: { taskIds: number[] }, db: Database = getDb()) {
  if (taskIds.length === 0) return [];
  return db
    .select({ taskId: tasks.id, flaggedAt: tasks.flaggedAt, reason: tasks.flagReason, flaggedBy: users.name })
    .from(tasks)
    .leftJoin(users, eq(users.id, tasks.flaggedById))
    .where(and(inArray(tasks.id, taskIds), isNotNull(tasks.flaggedAt)));
}
