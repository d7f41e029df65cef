// Satisfaction surveys of closed tasks (issue 20): one per task, rated once through its link.
import { and, desc, eq, gt, isNotNull, isNull, sql } from "drizzle-orm";
import { getDb, type Database } from "../client";
import { categories, satisfactionRatings, tasks, users, type SatisfactionRating } from "../schema";

/** The task's survey, made at its first close; null when it already had one (a reopened, closed again task). */
export async function insertSurvey({ taskId, expiresAt }: { taskId: number; expiresAt: Date }, db: Database = getDb()): Promise<number | null> {
  const [task] = await db.select({ agentId: tasks.assignedTo, categoryId: tasks.categoryId, sentiment: tasks.sentiment }).from(tasks).where(eq(tasks.id, taskId)).limit(1);
  if (!task) return null;
  const rows = await db
    .insert(satisfactionRatings)
    .values({ taskId, agentId: task.agentId, categoryId: task.categoryId, closingSentiment: task.sentiment, expiresAt })
    .onConflictDoNothing()
    .returning({ id: satisfactionRatings.id });
  return rows[0]?.id ?? null;
}

export async function getSurvey({ id }: { id: number }, db: Database = getDb()): Promise<SatisfactionRating | undefined> {
  const [row] = await db.select().from(satisfactionRatings).where(eq(satisfactionRatings.id, id)).limit(1);
  return row;
}

export async function surveyOfTask({ taskId }: { taskId: number }, db: Database = getDb()): Promise<SatisfactionRating | undefined> {
  const [row] = await db.select().from(satisfactionRatings).where(eq(satisfactionRatings.taskId, taskId)).limit(1);
  return row;
}

/** Records the rating once, while the link is valid: the statement is the claim, so two clicks cannot both count. */
export async function recordSurveyRating({ id, rating, now }: { id: number; rating: number; now: Date }, db: Database = getDb()): Promise<boolean> {
  const rows = await db
    .update(satisfactionRatings)
    .set({ rating, ratedAt: now })
    .where(and(eq(satisfactionRatings.id, id), isNull(satisfactionRatings.rating), gt(satisfactionRatings.expiresAt, now)))
    .returning({ id: satisfactionRatings.id });
  return rows.length > 0;
}

/**
 * Rated surveys grouped by `by` (agent, category or nothing): how many, the mean rating, and how
 * many ratings agree with the closing sentiment — 1–2 stars negative, 3 neutral, 4–5 positive.
 */
export async function ratingSummary({ by, since }: { by: "agent" | "category" | "all"; since?: Date }, db: Database = getDb()) {
  const agrees = sql<number>`sum(case when ${satisfactionRatings.closingSentiment} = (case when ${satisfactionRatings.rating} <= 2 then 'negative' when ${satisfactionRatings.rating} = 3 then 'neutral' else 'positive' end) then 1 else 0 end)`;
  const key = by === "agent" ? sql<string | null>`${users.name}` : by === "category" ? sql<string | null>`${categories.name}` : sql<string | null>`null`;
  return db
    .select({ key: key.as("key"), rated: sql<number>`count(*)`, mean: sql<number>`avg(${satisfactionRatings.rating})`, agrees, scored: sql<number>`count(${satisfactionRatings.closingSentiment})` })
    .from(satisfactionRatings)
    .leftJoin(users, eq(users.id, satisfactionRatings.agentId))
    .innerJoin(categories, eq(categories.id, satisfactionRatings.categoryId))
    .where(and(isNotNull(satisfactionRatings.rating), since ? gt(satisfactionRatings.ratedAt, since) : undefined))
    .groupBy(sql`key`)
    .orderBy(desc(sql`count(*)`));
}
