// Aggregates for the home dashboard, computed in SQL over the tasks' effective labels
// (a supervisor's correction has already replaced the model's label there).
import { and, gte, sql } from "drizzle-orm";
import { getDb, type Database } from "../client";
import { followUps, tasks } from "../schema";
import { localDay } from "./time-zone";

export async function volumeSince({ since }: { since: Date }, db: Database = getDb()) {
  const [row] = await db
    .select({
      total: sql<number>`count(*)`,
      negative: sql<number>`coalesce(sum(case when ${tasks.sentiment} = 'negative' then 1 else 0 end), 0)`,
      open: sql<number>`coalesce(sum(case when ${tasks.status} = 'open' then 1 else 0 end), 0)`,
    })
    .from(tasks)
    .where(gte(tasks.createdAt, since));
  return row;
}

/** `day`: the organisation's local day number (db/queries/time-zone.ts). */
export type DailySentiment = { day: number; negative: number; neutral: number; positive: number };

export async function dailySentiment({ since }: { since: Date }, db: Database = getDb()): Promise<DailySentiment[]> {
  const day = localDay(tasks.createdAt);
  const rows = await db
    .select({
      day,
      negative: sql<number>`sum(case when ${tasks.sentiment} = 'negative' then 1 else 0 end)`,
      neutral: sql<number>`sum(case when ${tasks.sentiment} = 'neutral' then 1 else 0 end)`,
      positive: sql<number>`sum(case when ${tasks.sentiment} = 'positive' then 1 else 0 end)`,
    })
    .from(tasks)
    .where(and(gte(tasks.createdAt, since)))
    .groupBy(day)
    .orderBy(day);
  return rows;
}

export async function openFollowUpCount(db: Database = getDb()): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)` })
    .from(followUps)
    .where(sql`${followUps.status} in ('open', 'in_progress')`);
  return row?.n ?? 0;
}
