// Sentiment and emotion counts by category and period, read from task_daily_counts (kept
// exact by triggers on tasks, so a supervisor's correction is already counted). Days are
// UTC day numbers: days since 1970-01-01.
import { and, eq, gte, lte, ne, sql, type SQL } from "drizzle-orm";
import { getDb, type Database } from "../client";
import { taskDailyCounts as c } from "../schema";

export const GRANULARITIES = ["day", "week", "month"] as const;
export type Granularity = (typeof GRANULARITIES)[number];

/**
 * The first day of the period holding `day` (a UTC day-number expression): the day itself,
 * its Monday, or the 1st of its month.
 */
export function periodStartOf(day: SQL | typeof c.day, granularity: Granularity): SQL<number> {
  switch (granularity) {
    case "day":
      return sql<number>`${day}`;
    case "week":
      // Day 0 (1970-01-01) was a Thursday: (day + 3) % 7 is 0 on Mondays.
      return sql<number>`(${day} - (${day} + 3) % 7)`;
    case "month":
      return sql<number>`cast(julianday(date(${day} * 86400, 'unixepoch', 'start of month')) - 2440587.5 as integer)`;
  }
}

const tasksWith = (sentiment: string) => sql<number>`coalesce(sum(case when ${c.sentiment} = ${sentiment} then ${c.tasks} end), 0)`;
const sentimentSums = { negative: tasksWith("negative"), neutral: tasksWith("neutral"), positive: tasksWith("positive") };

export type DayRange = { fromDay: number; toDay: number };
export type SentimentCounts = { negative: number; neutral: number; positive: number };

const inRange = ({ fromDay, toDay }: DayRange) => [gte(c.day, fromDay), lte(c.day, toDay)];

/** Scored tasks per category and period (period = first day of the period). */
export async function sentimentByCategoryAndPeriod(
  { fromDay, toDay, granularity, categoryId }: DayRange & { granularity: Granularity; categoryId?: number },
  db: Database = getDb(),
): Promise<(SentimentCounts & { categoryId: number; period: number })[]> {
  const period = periodStartOf(c.day, granularity);
  return db
    .select({ categoryId: c.categoryId, period, ...sentimentSums })
    .from(c)
    .where(and(...inRange({ fromDay, toDay }), ne(c.sentiment, ""), categoryId ? eq(c.categoryId, categoryId) : undefined))
    .groupBy(c.categoryId, period)
    .orderBy(period, c.categoryId);
}

/** Scored tasks per category over a whole range. */
export async function sentimentByCategory({ fromDay, toDay }: DayRange, db: Database = getDb()): Promise<(SentimentCounts & { categoryId: number })[]> {
  return db
    .select({ categoryId: c.categoryId, ...sentimentSums })
    .from(c)
    .where(and(...inRange({ fromDay, toDay }), ne(c.sentiment, "")))
    .groupBy(c.categoryId)
    .orderBy(c.categoryId);
}

/** Tasks per period and emotion ("" = still pending), for one category or all. */
export async function emotionByPeriod(
  { fromDay, toDay, granularity, categoryId }: DayRange & { granularity: Granularity; categoryId?: number },
  db: Database = getDb(),
): Promise<{ period: number; emotion: string; tasks: number }[]> {
  const period = periodStartOf(c.day, granularity);
  return db
    .select({ period, emotion: c.emotion, tasks: sql<number>`sum(${c.tasks})` })
    .from(c)
    .where(and(...inRange({ fromDay, toDay }), categoryId ? eq(c.categoryId, categoryId) : undefined))
    .groupBy(period, c.emotion)
    .having(sql`sum(${c.tasks}) > 0`)
    .orderBy(period, c.emotion);
}

/** Tasks per category and emotion ("" = still pending) over a whole range. */
export async function emotionByCategory({ fromDay, toDay }: DayRange, db: Database = getDb()): Promise<{ categoryId: number; emotion: string; tasks: number }[]> {
  return db
    .select({ categoryId: c.categoryId, emotion: c.emotion, tasks: sql<number>`sum(${c.tasks})` })
    .from(c)
    .where(and(...inRange({ fromDay, toDay })))
    .groupBy(c.categoryId, c.emotion)
    .having(sql`sum(${c.tasks}) > 0`)
    .orderBy(c.categoryId, c.emotion);
}
