// Sentiment and emotion counts by category and period, read from task_daily_counts (kept
// exact by triggers on tasks, so a supervisor's correction is already counted). Days are
// UTC day numbers: days since 1970-01-01.
import { and, eq, gte, lte, ne, sql, type SQL, type SQLWrapper } from "drizzle-orm";
import { getDb, type Database } from "../client";
import { taskDailyCounts as c } from "../schema";

export const GRANULARITIES = ["day", "week", "month"] as const;
export type Granularity = (typeof GRANULARITIES)[number];

/**
 * The first day of the period holding `day` (a UTC day-number expression): the day itself,
 * its Monday, or the 1st of its month.
 */
export function periodStartOf(day: SQLWrapper, granularity: Granularity): SQL<number> {
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

/**
 * Scored tasks per category and period (period = first day of the period). Days are summed
 * first, so the period arithmetic (date functions, for months) runs once per day and
 * category rather than once per stored row.
 */
export async function sentimentByCategoryAndPeriod(
  { fromDay, toDay, granularity, categoryId }: DayRange & { granularity: Granularity; categoryId?: number },
  db: Database = getDb(),
): Promise<(SentimentCounts & { categoryId: number; period: number })[]> {
  const daily = db
    .select({
      day: c.day,
      categoryId: c.categoryId,
      negative: sentimentSums.negative.as("negative"),
      neutral: sentimentSums.neutral.as("neutral"),
      positive: sentimentSums.positive.as("positive"),
    })
    .from(c)
    .where(and(...inRange({ fromDay, toDay }), ne(c.sentiment, ""), categoryId ? eq(c.categoryId, categoryId) : undefined))
    .groupBy(c.day, c.categoryId)
    .as("daily");
  const period = periodStartOf(daily.day, granularity);
  return db
    .select({
      categoryId: daily.categoryId,
      period,
      negative: sql<number>`sum(${daily.negative})`,
      neutral: sql<number>`sum(${daily.neutral})`,
      positive: sql<number>`sum(${daily.positive})`,
    })
    .from(daily)
    .groupBy(daily.categoryId, period)
    .orderBy(period, daily.categoryId);
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

/** Tasks per period and emotion ("" = still pending), for one category or all; days summed first. */
export async function emotionByPeriod(
  { fromDay, toDay, granularity, categoryId }: DayRange & { granularity: Granularity; categoryId?: number },
  db: Database = getDb(),
): Promise<{ period: number; emotion: string; tasks: number }[]> {
  const daily = db
    .select({ day: c.day, emotion: c.emotion, tasks: sql<number>`sum(${c.tasks})`.as("tasks") })
    .from(c)
    .where(and(...inRange({ fromDay, toDay }), categoryId ? eq(c.categoryId, categoryId) : undefined))
    .groupBy(c.day, c.emotion)
    .as("daily");
  const period = periodStartOf(daily.day, granularity);
  return db
    .select({ period, emotion: daily.emotion, tasks: sql<number>`sum(${daily.tasks})` })
    .from(daily)
    .groupBy(period, daily.emotion)
    .having(sql`sum(${daily.tasks}) > 0`)
    .orderBy(period, daily.emotion);
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
