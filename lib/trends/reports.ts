// Reputation by task category over time, and the emotion mix: date ranges, periods,
// shares, net score ((positive - negative) / scored), the change against the previous
// period, and drill-down links to the task list. Counting happens in SQL
// (db/queries/trends.ts); this module turns a few hundred aggregate rows into views.
// Days are UTC days throughout, as in the task list's from/to filters.
import { z } from "zod";
import { listCategories } from "@/db/queries/catalog";
import {
  emotionByCategory,
  emotionByPeriod,
  GRANULARITIES,
  sentimentByCategory,
  sentimentByCategoryAndPeriod,
  type Granularity,
  type SentimentCounts,
} from "@/db/queries/trends";
import type { Sentiment } from "@/db/schema";
import { toCsv } from "@/lib/platform/csv-writer";
import { NO_CLEAR_EMOTION } from "@/models/emotion/labels";
import { DAY_MS, dayOf, isoDay, parseIsoDay } from "@/lib/platform/days";
import { orgClock } from "@/lib/platform/time-zone";
import { AppError, parseOrThrow, type FieldErrors } from "@/lib/platform/errors";

export { GRANULARITIES, type Granularity };

export const DEFAULT_RANGE_DAYS = 28;
export const MAX_RANGE_DAYS = 3 * 366;
export const MAX_DAILY_RANGE_DAYS = 366;
/** A category needs this many scored requests in both periods before its change is ranked. */
export const MIN_TASKS_FOR_CHANGE = 5;

// ---- days and periods ------------------------------------------------------------------

export { dayOf, isoDay };
/** For days the query has already checked (isoDate below). */
const dayNumber = (s: string) => parseIsoDay(s) as number;

/** The last day of the period starting at `start`. */
export function periodEnd(start: number, granularity: Granularity): number {
  if (granularity === "day") return start;
  if (granularity === "week") return start + 6;
  const d = new Date(start * DAY_MS);
  return dayOf(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1)) - 1;
}

/** The first day of the period holding `day` (same rule as the SQL in db/queries/trends.ts). */
export function periodStart(day: number, granularity: Granularity): number {
  if (granularity === "day") return day;
  if (granularity === "week") return day - (((day + 3) % 7) + 7) % 7;
  const d = new Date(day * DAY_MS);
  return dayOf(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1));
}

export type Period = {
  start: number;
  from: string;
  to: string;
  label: string;
  /** The range holds only some of its days (it starts or ends mid-week or mid-month). */
  partial: boolean;
};

/**
 * The periods covering [fromDay, toDay], clipped to it. A clipped period keeps its calendar
 * name and says "(partial)": its counts are of fewer days than a whole period's, and a week
 * named by the range's first day ("w/c" a Wednesday) would pass for a whole one.
 */
export function periodsIn(fromDay: number, toDay: number, granularity: Granularity): Period[] {
  const out: Period[] = [];
  for (let start = periodStart(fromDay, granularity); start <= toDay; start = periodEnd(start, granularity) + 1) {
    const end = periodEnd(start, granularity);
    const from = Math.max(start, fromDay);
    const to = Math.min(end, toDay);
    const partial = from > start || to < end;
    const name = granularity === "month" ? isoDay(start).slice(0, 7) : granularity === "week" ? `w/c ${isoDay(start)}` : isoDay(start);
    out.push({ start, from: isoDay(from), to: isoDay(to), label: partial ? `${name} (partial)` : name, partial });
  }
  return out;
}

// ---- the query -------------------------------------------------------------------------

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "Use a date like 2025-03-31.").refine((s) => parseIsoDay(s) !== null, "Not a real date.");
const blank = (v: unknown) => (v === "" || v === null ? undefined : v);

export const trendQuerySchema = z.object({
  from: z.preprocess(blank, isoDate.optional()),
  to: z.preprocess(blank, isoDate.optional()),
  granularity: z.preprocess(blank, z.enum(GRANULARITIES).default("week")),
  category: z.preprocess(blank, z.coerce.number().int().positive().optional()),
});

export type TrendRange = {
  from: string;
  to: string;
  fromDay: number;
  toDay: number;
  days: number;
  granularity: Granularity;
  categoryId?: number;
  /** The range of the same length just before this one. */
  previous: { from: string; to: string; fromDay: number; toDay: number };
};

/**
 * For pages: the query's range, or the default range with the problem to show when the
 * query is not valid (the page still renders, with the form's message).
 */
export function trendRangeOrDefault(input: unknown, today?: number): { range: TrendRange; problem: { message: string; fieldErrors?: FieldErrors } | null } {
  try {
    return { range: parseTrendQuery(input, new Date(), today), problem: null };
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    return { range: parseTrendQuery({}, new Date(), today), problem: { message: error.message, fieldErrors: error.details?.fieldErrors } };
  }
}

/**
 * Validates from / to / granularity / category; the default is the last four weeks, by week.
 * `today`: the organisation's current day (lib/platform/time-zone.ts), UTC's when not given.
 */
export function parseTrendQuery(input: unknown, now = new Date(), today = dayOf(now.getTime())): TrendRange {
  const q = parseOrThrow(trendQuerySchema, input ?? {}, "validation:trends", "The date range is not valid.");
  const toDay = q.to ? dayNumber(q.to) : q.from ? Math.max(dayNumber(q.from), today) : today;
  const fromDay = q.from ? dayNumber(q.from) : toDay - DEFAULT_RANGE_DAYS + 1;
  if (fromDay > toDay) throw new AppError("validation:trends", "The start date is after the end date.", { fieldErrors: { from: "Must be on or before the end date." } });
  const days = toDay - fromDay + 1;
  if (days > MAX_RANGE_DAYS) throw new AppError("validation:trends", "Choose a range of at most three years.", { fieldErrors: { from: "At most three years." } });
  if (q.granularity === "day" && days > MAX_DAILY_RANGE_DAYS) {
    throw new AppError("validation:trends", "Ranges over a year are shown by week or by month.", { fieldErrors: { granularity: "Choose week or month." } });
  }
  return {
    from: isoDay(fromDay),
    to: isoDay(toDay),
    fromDay,
    toDay,
    days,
    granularity: q.granularity,
    categoryId: q.category,
    previous: { from: isoDay(fromDay - days), to: isoDay(fromDay - 1), fromDay: fromDay - days, toDay: fromDay - 1 },
  };
}

/** parseTrendQuery counting days in the organisation's time zone: for pages, CSV files and the API. */
export async function parseOrgTrendQuery(input: unknown): Promise<TrendRange> {
  const clock = await orgClock();
  return parseTrendQuery(input, new Date(), clock.dayOf(Date.now()));
}

/** trendRangeOrDefault in the organisation's time zone. */
export async function orgTrendRangeOrDefault(input: unknown) {
  const clock = await orgClock();
  return trendRangeOrDefault(input, clock.dayOf(Date.now()));
}

/** The query string that reproduces a range (for forms, exports and links). */
export function rangeQuery(r: TrendRange, extra: Record<string, string | number | undefined> = {}): string {
  const params = new URLSearchParams({ from: r.from, to: r.to, granularity: r.granularity });
  if (r.categoryId) params.set("category", String(r.categoryId));
  for (const [k, v] of Object.entries(extra)) if (v !== undefined && v !== "") params.set(k, String(v));
  return params.toString();
}

/** The task list behind a number. Its `to` is the last day, as here (lib/tasks/queue.ts taskQueryFromPage). */
export function tasksHref(f: { from: string; to: string; categoryId?: number; sentiment?: Sentiment; emotion?: string; accountId?: number }): string {
  const params = new URLSearchParams();
  if (f.categoryId) params.set("category", String(f.categoryId));
  if (f.accountId) params.set("account", String(f.accountId));
  if (f.sentiment) params.set("sentiment", f.sentiment);
  if (f.emotion) params.set("emotion", f.emotion);
  params.set("from", f.from);
  params.set("to", f.to);
  return `/tasks?${params}`;
}

// ---- sentiment -------------------------------------------------------------------------

export type Mix = SentimentCounts & {
  total: number;
  negativeShare: number | null;
  neutralShare: number | null;
  positiveShare: number | null;
  /** (positive - negative) / total, in [-1, 1]; null without scored requests. */
  net: number | null;
};

export function mixOf(c: SentimentCounts): Mix {
  const total = c.negative + c.neutral + c.positive;
  const share = (n: number) => (total ? n / total : null);
  return {
    negative: c.negative,
    neutral: c.neutral,
    positive: c.positive,
    total,
    negativeShare: share(c.negative),
    neutralShare: share(c.neutral),
    positiveShare: share(c.positive),
    net: total ? (c.positive - c.negative) / total : null,
  };
}

const add = (a: SentimentCounts, b: SentimentCounts): SentimentCounts => ({
  negative: a.negative + b.negative,
  neutral: a.neutral + b.neutral,
  positive: a.positive + b.positive,
});
const ZERO: SentimentCounts = { negative: 0, neutral: 0, positive: 0 };
const diff = (a: number | null, b: number | null) => (a === null || b === null ? null : a - b);

export type CategoryTrend = {
  categoryId: number;
  name: string;
  current: Mix;
  previous: Mix;
  /** Change of the net score and of the negative share against the previous period. */
  netChange: number | null;
  negativeShareChange: number | null;
};

export type PeriodTrend = Period & Mix & { netChange: number | null };

export async function sentimentTrends(range: TrendRange) {
  const [categoryRows, current, previous, series] = await Promise.all([
    listCategories(),
    sentimentByCategory(range),
    sentimentByCategory(range.previous),
    sentimentByCategoryAndPeriod({ fromDay: range.fromDay, toDay: range.toDay, granularity: range.granularity }),
  ]);
  const categories = categoryRows.map((c) => ({ id: c.id, name: c.name }));
  const currentBy = new Map(current.map((r) => [r.categoryId, r]));
  const previousBy = new Map(previous.map((r) => [r.categoryId, r]));

  const byCategory: CategoryTrend[] = categories.map((c) => {
    const cur = mixOf(currentBy.get(c.id) ?? ZERO);
    const prev = mixOf(previousBy.get(c.id) ?? ZERO);
    const comparable = cur.total >= MIN_TASKS_FOR_CHANGE && prev.total >= MIN_TASKS_FOR_CHANGE;
    return {
      categoryId: c.id,
      name: c.name,
      current: cur,
      previous: prev,
      netChange: comparable ? diff(cur.net, prev.net) : null,
      negativeShareChange: comparable ? diff(cur.negativeShare, prev.negativeShare) : null,
    };
  });
  const worsened = byCategory
    .filter((c) => c.netChange !== null && c.netChange < 0)
    .sort((a, b) => a.netChange! - b.netChange! || a.name.localeCompare(b.name))
    .slice(0, 3);

  const overall = {
    current: mixOf(current.reduce(add, ZERO)),
    previous: mixOf(previous.reduce(add, ZERO)),
  };

  // Per period: for the chosen category (or all of them together), and each category's net score.
  const periods = periodsIn(range.fromDay, range.toDay, range.granularity);
  const cell = new Map(series.map((r) => [`${r.period}:${r.categoryId}`, r]));
  const scoped = (p: Period) =>
    range.categoryId ? cell.get(`${p.start}:${range.categoryId}`) ?? ZERO : categories.reduce((acc, c) => add(acc, cell.get(`${p.start}:${c.id}`) ?? ZERO), ZERO);
  let before: Mix | null = null;
  const overTime: PeriodTrend[] = periods.map((p) => {
    const mix = mixOf(scoped(p));
    const row = { ...p, ...mix, netChange: before ? diff(mix.net, before.net) : null };
    before = mix;
    return row;
  });
  const netByCategory = periods.map((p) => ({
    period: p,
    values: categories.map((c) => {
      const mix = mixOf(cell.get(`${p.start}:${c.id}`) ?? ZERO);
      return { categoryId: c.id, name: c.name, net: mix.net, total: mix.total };
    }),
  }));

  return { range, categories, overall, byCategory, worsened, overTime, netByCategory };
}

export type SentimentTrends = Awaited<ReturnType<typeof sentimentTrends>>;

const round = (v: number | null, digits = 4) => (v === null ? null : Number(v.toFixed(digits)));

export function categoryTrendsCsv(t: SentimentTrends): string {
  const header = [
    "category", "from", "to", "scored_requests", "negative", "neutral", "positive",
    "negative_share", "neutral_share", "positive_share", "net_score",
    "previous_from", "previous_to", "previous_scored_requests", "previous_net_score", "net_score_change", "negative_share_change",
  ];
  return toCsv(
    header,
    t.byCategory.map((c) => [
      c.name, t.range.from, t.range.to, c.current.total, c.current.negative, c.current.neutral, c.current.positive,
      round(c.current.negativeShare), round(c.current.neutralShare), round(c.current.positiveShare), round(c.current.net),
      t.range.previous.from, t.range.previous.to, c.previous.total, round(c.previous.net), round(c.netChange), round(c.negativeShareChange),
    ]),
  );
}

export function periodTrendsCsv(t: SentimentTrends, scopeName: string): string {
  const header = ["scope", "granularity", "period_from", "period_to", "scored_requests", "negative", "neutral", "positive", "negative_share", "neutral_share", "positive_share", "net_score", "net_score_change"];
  return toCsv(
    header,
    t.overTime.map((p) => [
      scopeName, t.range.granularity, p.from, p.to, p.total, p.negative, p.neutral, p.positive,
      round(p.negativeShare), round(p.neutralShare), round(p.positiveShare), round(p.net), round(p.netChange),
    ]),
  );
}

// ---- emotions --------------------------------------------------------------------------

export const PENDING = "pending";
export { NO_CLEAR_EMOTION };

/**
 * `labelled`: requests with a clear emotion, the base of every share. Requests the model
 * read as "no clear emotion" (neutral: most plain questions and requests) and those still
 * waiting for the emotion service are counted apart, so neither becomes the biggest slice.
 */
export type EmotionMix = { labelled: number; pending: number; noClear: number; counts: Record<string, number> };

/** Shares of requests with a clear emotion only. */
export const emotionShare = (m: EmotionMix, emotion: string) => (m.labelled ? (m.counts[emotion] ?? 0) / m.labelled : null);

function emptyMix(): EmotionMix {
  return { labelled: 0, pending: 0, noClear: 0, counts: {} };
}

function addEmotion(m: EmotionMix, emotion: string, n: number) {
  if (emotion === "") m.pending += n;
  else if (emotion === NO_CLEAR_EMOTION) m.noClear += n;
  else {
    m.labelled += n;
    m.counts[emotion] = (m.counts[emotion] ?? 0) + n;
  }
}

export async function emotionTrends(range: TrendRange) {
  const [categoryRows, overTimeRows, byCategoryRows] = await Promise.all([
    listCategories(),
    emotionByPeriod({ fromDay: range.fromDay, toDay: range.toDay, granularity: range.granularity, categoryId: range.categoryId }),
    emotionByCategory(range),
  ]);
  const categories = categoryRows.map((c) => ({ id: c.id, name: c.name }));
  const overall = emptyMix();
  const perCategory = new Map<number, EmotionMix>();
  for (const r of byCategoryRows) {
    if (!perCategory.has(r.categoryId)) perCategory.set(r.categoryId, emptyMix());
    addEmotion(perCategory.get(r.categoryId)!, r.emotion, r.tasks);
    if (!range.categoryId || r.categoryId === range.categoryId) addEmotion(overall, r.emotion, r.tasks);
  }
  // Whatever labels the emotion model produced, most frequent first.
  const labels = Object.keys(overall.counts).sort((a, b) => overall.counts[b] - overall.counts[a] || a.localeCompare(b));
  for (const m of perCategory.values()) for (const e of Object.keys(m.counts)) if (!labels.includes(e)) labels.push(e);

  const byPeriod = new Map<number, EmotionMix>();
  for (const r of overTimeRows) {
    if (!byPeriod.has(r.period)) byPeriod.set(r.period, emptyMix());
    addEmotion(byPeriod.get(r.period)!, r.emotion, r.tasks);
  }
  const overTime = periodsIn(range.fromDay, range.toDay, range.granularity).map((p) => ({ ...p, mix: byPeriod.get(p.start) ?? emptyMix() }));
  const byCategory = categories.map((c) => {
    const mix = perCategory.get(c.id) ?? emptyMix();
    const top = Object.entries(mix.counts)
      .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
      .slice(0, 3)
      .map(([emotion, n]) => ({ emotion, tasks: n, share: n / mix.labelled }));
    return { categoryId: c.id, name: c.name, mix, top };
  });
  return { range, categories, labels, overall, overTime, byCategory };
}

export type EmotionTrends = Awaited<ReturnType<typeof emotionTrends>>;

export function emotionPeriodsCsv(t: EmotionTrends, scopeName: string): string {
  const header = ["scope", "granularity", "period_from", "period_to", "labelled", PENDING, "no_clear_emotion", ...t.labels, ...t.labels.map((l) => `${l}_share`)];
  return toCsv(
    header,
    t.overTime.map((p) => [
      scopeName, t.range.granularity, p.from, p.to, p.mix.labelled, p.mix.pending, p.mix.noClear,
      ...t.labels.map((l) => p.mix.counts[l] ?? 0),
      ...t.labels.map((l) => round(emotionShare(p.mix, l))),
    ]),
  );
}

export function emotionCategoriesCsv(t: EmotionTrends): string {
  const header = ["category", "from", "to", "labelled", PENDING, "no_clear_emotion", ...t.labels, "top_emotion", "top_emotion_share", "second_emotion", "third_emotion"];
  return toCsv(
    header,
    t.byCategory.map((c) => [
      c.name, t.range.from, t.range.to, c.mix.labelled, c.mix.pending, c.mix.noClear,
      ...t.labels.map((l) => c.mix.counts[l] ?? 0),
      c.top[0]?.emotion, round(c.top[0]?.share ?? null), c.top[1]?.emotion, c.top[2]?.emotion,
    ]),
  );
}
