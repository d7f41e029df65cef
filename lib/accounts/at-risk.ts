// At-risk accounts: customers with a series of negative requests, by a rule the supervisor
// chooses — N consecutive negatives, or at least K negatives within D days — ranked by
// severity (how many) and recency (how lately). Requests before the account's last closed
// follow-up no longer count, so a settled account returns only with a new series.
import { z } from "zod";
import {
  accountRiskState,
  accountSentimentByPeriod,
  AT_RISK_SORTS,
  consecutiveNegativeAccounts,
  listAccountTasks,
  negativeTasksAfter,
  windowedNegativeAccounts,
  type AtRiskRow,
} from "@/db/queries/at-risk";
import { listAccountFollowUps, listFollowUpOwners } from "@/db/queries/follow-ups";
import type { Granularity } from "@/db/queries/trends";
import { RECENT_NEGATIVES_KEPT } from "@/db/schema";
import { toCsv } from "@/lib/platform/csv-writer";
import { AppError, parseOrThrow } from "@/lib/platform/errors";
import { periodEnd, periodsIn } from "@/lib/trends/reports";
import { DAY_MS } from "@/lib/platform/days";
import { orgClock } from "@/lib/platform/time-zone";

export const AT_RISK_RULES = ["consecutive", "window"] as const;
export const PAGE_SIZE = 50;

const blank = (v: unknown) => (v === "" || v === null ? undefined : v);
const int = (min: number, max: number, fallback: number, label: string) =>
  z.preprocess(blank, z.coerce.number({ message: `${label} must be a number.` }).int(`${label} must be a whole number.`).min(min, `${label} is at least ${min}.`).max(max, `${label} is at most ${max}.`).default(fallback));

export const atRiskQuerySchema = z.object({
  rule: z.preprocess(blank, z.enum(AT_RISK_RULES).default("consecutive")),
  /** Consecutive rule: run length. */
  n: int(2, 50, 3, "Consecutive negatives"),
  /** Window rule: negatives within `days` days. */
  k: int(2, RECENT_NEGATIVES_KEPT, 4, "Negatives"),
  days: int(1, 365, 14, "Days"),
  sort: z.preprocess(blank, z.enum(AT_RISK_SORTS).default("severity")),
  page: int(1, 10_000, 1, "Page"),
});
export type AtRiskQuery = z.infer<typeof atRiskQuerySchema>;

export function parseAtRiskQuery(input: unknown): AtRiskQuery {
  return parseOrThrow(atRiskQuerySchema, input ?? {}, "validation:at_risk", "The rule is not valid.");
}

export function describeRule(q: AtRiskQuery): string {
  return q.rule === "consecutive" ? `${q.n} or more negative requests in a row` : `at least ${q.k} negative requests within ${q.days} days`;
}

/** The ranked list for a rule; `limit` overrides the page size (exports). */
export async function atRiskAccounts(input: unknown, { now = new Date(), limit }: { now?: Date; limit?: number } = {}) {
  const query = parseAtRiskQuery(input);
  const size = limit ?? PAGE_SIZE;
  const offset = limit ? 0 : (query.page - 1) * PAGE_SIZE;
  const result =
    query.rule === "consecutive"
      ? await consecutiveNegativeAccounts({ minRun: query.n, sort: query.sort, limit: size, offset })
      : await windowedNegativeAccounts({ minNegatives: query.k, since: new Date(now.getTime() - query.days * DAY_MS), sort: query.sort, limit: size, offset });
  const threshold = query.rule === "consecutive" ? query.n : query.k;
  return {
    query,
    rule: describeRule(query),
    threshold,
    total: result.total,
    pages: Math.max(1, Math.ceil(result.total / PAGE_SIZE)),
    rows: result.rows.map((r) => ({ ...r, matches: r.severity >= threshold })),
  };
}

export type AtRiskList = Awaited<ReturnType<typeof atRiskAccounts>>;

/** The query string of a rule (links between pages, exports). */
export function atRiskQueryString(q: AtRiskQuery, extra: Record<string, string | number> = {}): string {
  const params = new URLSearchParams({ rule: q.rule, n: String(q.n), k: String(q.k), days: String(q.days), sort: q.sort });
  for (const [key, value] of Object.entries(extra)) params.set(key, String(value));
  return params.toString();
}

/** `dateText`: the organisation clock's `iso` (lib/platform/time-zone.ts); UTC without. */
export function atRiskCsv(list: AtRiskList, dateText?: (d: Date) => string): string {
  const header = ["account_id", "account_ref", "account_name", "rule", "severity", "matches_rule", "first_negative_at", "last_negative_at", "follow_up_id", "follow_up_status", "follow_up_mechanism", "follow_up_owner", "follow_up_opened_at"];
  return toCsv(
    header,
    list.rows.map((r: AtRiskRow & { matches: boolean }) => [
      r.accountId, r.externalRef, r.name, list.rule, r.severity, r.matches ? "yes" : "no", r.firstNegativeAt, r.lastNegativeAt,
      r.followUpId, r.followUpStatus, r.followUpMechanism, r.followUpOwner, r.followUpOpenedAt,
    ]),
    { dateText },
  );
}

// ---- one account -----------------------------------------------------------------------

/**
 * The account's current run of negatives, counting only requests after its last closed
 * follow-up: the requests, how many, and when it started. Empty when the newest scored
 * request is not negative.
 */
export async function currentRun(accountId: number) {
  const state = await accountRiskState({ accountId });
  if (!state) throw new AppError("not_found:account", `Account ${accountId} does not exist.`);
  if (state.streak === 0 || !state.streakStartedAt) return { state, length: 0, tasks: [] as { id: number; createdAt: Date }[] };
  // Every negative from the run's first request on belongs to the run.
  const runFrom = new Date(state.streakStartedAt.getTime() - 1);
  const after = state.lastClosedAt && state.lastClosedAt > runFrom ? state.lastClosedAt : runFrom;
  const tasks = await negativeTasksAfter({ accountId, after, limit: 200 });
  return { state, length: tasks.length, tasks };
}

/** Period size for an account's timeline: days for a few weeks of history, weeks for months, months beyond. */
function timelineGranularity(spanDays: number): Granularity {
  return spanDays > 200 ? "month" : spanDays > 28 ? "week" : "day";
}

export async function accountOverview(accountId: number) {
  const [run, { rows: tasks, total }, followUps, owners, weekly] = await Promise.all([
    currentRun(accountId),
    listAccountTasks({ accountId, limit: 100 }),
    listAccountFollowUps({ accountId }),
    listFollowUpOwners(),
    accountSentimentByPeriod({ accountId, granularity: "week" }),
  ]);
  const granularity = timelineGranularity(weekly.length ? weekly[weekly.length - 1].period - weekly[0].period : 0);
  const series = granularity === "week" ? weekly : await accountSentimentByPeriod({ accountId, granularity });
  // Every period from the first request to the newest, quiet ones included, so the time axis is true.
  const byPeriod = new Map(series.map((p) => [p.period, p]));
  const timeline = series.length
    ? periodsIn(series[0].period, periodEnd(series[series.length - 1].period, granularity), granularity).map((p) => {
        const counts = byPeriod.get(p.start) ?? { negative: 0, neutral: 0, positive: 0, unscored: 0 };
        return { ...p, negative: counts.negative, neutral: counts.neutral, positive: counts.positive, unscored: counts.unscored };
      })
    : [];
  const newestScored = tasks.find((t) => t.sentiment !== null) ?? null;
  return {
    account: run.state.account,
    run: {
      length: run.length,
      taskIds: run.tasks.map((t) => t.id),
      startedAt: run.tasks[0]?.createdAt ?? null,
      lastAt: run.tasks.at(-1)?.createdAt ?? null,
      // Why there is no series: a closed follow-up settled the negatives before it, or the
      // newest scored request is simply not negative.
      emptyBecause: run.length ? null : newestScored?.sentiment === "negative" && run.state.lastClosedAt ? ("settled" as const) : ("not_negative" as const),
    },
    lastClosedAt: run.state.lastClosedAt,
    tasks,
    taskTotal: total,
    timeline,
    granularity,
    followUps,
    activeFollowUp: followUps.find((f) => f.status !== "closed") ?? null,
    owners,
  };
}


/** Every request of the account (up to 100,000), newest first, as CSV. */
export async function accountTasksCsv(accountId: number): Promise<string> {
  if (!(await accountRiskState({ accountId }))) throw new AppError("not_found:account", `Account ${accountId} does not exist.`);
  const { rows } = await listAccountTasks({ accountId, limit: 100_000 });
  const header = ["task_id", "received_at", "category", "sentiment", "reviewed", "emotion", "status", "text"];
  const clock = await orgClock();
  return toCsv(header, rows.map((t) => [t.id, t.createdAt, t.categoryName, t.sentiment, t.reviewed ? "yes" : "no", t.emotion ?? "pending", t.status, t.text]), { dateText: clock.iso });
}
