// Accounts with a series of negative requests, by either rule, and one account's page.
//
// Both rules count only scored requests made after the account's last closed follow-up:
// closing a follow-up settles the streak that opened it, and only a new one brings the
// account back. Accounts with an active follow-up are always listed (their severity may
// have dropped below the threshold since).
import { and, asc, desc, eq, gt, sql, type SQL } from "drizzle-orm";
import { getDb, type Database } from "../client";
import { accountStreaks, categories, customerAccounts, followUps, RECENT_NEGATIVES_KEPT, tasks, type Sentiment, type TaskStatus } from "../schema";
import { periodStartOf, type Granularity } from "./trends";
import { localDay } from "./time-zone";

export const AT_RISK_SORTS = ["severity", "recent"] as const;
export type AtRiskSort = (typeof AT_RISK_SORTS)[number];

export type AtRiskRow = {
  accountId: number;
  name: string;
  externalRef: string;
  email: string | null;
  /** Negative requests in the run (consecutive rule) or in the window (window rule). */
  severity: number;
  /** The first and the newest of those requests. */
  firstNegativeAt: Date | null;
  lastNegativeAt: Date | null;
  followUpId: number | null;
  followUpStatus: string | null;
  followUpMechanism: string | null;
  followUpOwner: string | null;
  followUpOpenedAt: Date | null;
};

type RawRow = {
  account_id: number;
  name: string;
  external_ref: string;
  email: string | null;
  severity: number;
  first_at: number | null;
  last_at: number | null;
  follow_up_id: number | null;
  follow_up_status: string | null;
  follow_up_mechanism: string | null;
  follow_up_owner: string | null;
  follow_up_opened_at: number | null;
  total: number;
};

const date = (ms: number | null) => (ms === null ? null : new Date(ms));

function toRows(raw: RawRow[]): { rows: AtRiskRow[]; total: number } {
  return {
    total: raw[0]?.total ?? 0,
    rows: raw.map((r) => ({
      accountId: r.account_id,
      name: r.name,
      externalRef: r.external_ref,
      email: r.email,
      severity: r.severity,
      firstNegativeAt: date(r.first_at),
      lastNegativeAt: date(r.last_at),
      followUpId: r.follow_up_id,
      followUpStatus: r.follow_up_status,
      followUpMechanism: r.follow_up_mechanism,
      followUpOwner: r.follow_up_owner,
      followUpOpenedAt: date(r.follow_up_opened_at),
    })),
  };
}

// The newest closure per account, and the active follow-ups with their owner's name.
const followUpContext = sql`
  closed as (
    select account_id, max(closed_at) as closed_at from follow_ups where status = 'closed' and closed_at is not null group by account_id
  ),
  active as (
    select f.account_id, f.id, f.status, f.mechanism, f.created_at, u.name as owner_name
    from follow_ups f left join users u on u.id = f.owner_id
    where f.status != 'closed'
  )`;

/**
 * Ranks the `scored` rows, then reads names and follow-ups for the one page it returns.
 * `scored` (and `counted`) are MATERIALIZED: inlined, SQLite would evaluate their
 * subqueries again in every clause that names a column.
 */
function ranked(threshold: number, sort: AtRiskSort, limit: number, offset: number): SQL {
  const order = (t: string) =>
    sql.raw(sort === "recent" ? `${t}.last_at desc nulls last, ${t}.severity desc, ${t}.account_id` : `${t}.severity desc, ${t}.last_at desc nulls last, ${t}.account_id`);
  return sql`,
    page as (
      select s.account_id, s.severity, s.first_at, s.last_at, count(*) over () as total
      from scored s
      where s.severity >= ${threshold} or s.account_id in (select account_id from active)
      order by ${order("s")}
      limit ${limit} offset ${offset}
    )
    select p.account_id, a.name, a.external_ref, a.email, p.severity, p.first_at, p.last_at,
      ac.id as follow_up_id, ac.status as follow_up_status, ac.mechanism as follow_up_mechanism,
      ac.owner_name as follow_up_owner, ac.created_at as follow_up_opened_at, p.total
    from page p
    join customer_accounts a on a.id = p.account_id
    left join active ac on ac.account_id = p.account_id
    order by ${order("p")}`;
}

/**
 * Rule "N consecutive negatives": each account's current run comes from account_streaks.
 * When a follow-up was closed during the run, only the run's requests after the closure
 * count (they are all negative: the run is the account's newest scored requests).
 */
export async function consecutiveNegativeAccounts(
  { minRun, sort = "severity", limit = 100, offset = 0 }: { minRun: number; sort?: AtRiskSort; limit?: number; offset?: number },
  db: Database = getDb(),
): Promise<{ rows: AtRiskRow[]; total: number }> {
  const afterClosure = (what: SQL) =>
    sql`(select ${what} from tasks t where t.account_id = st.account_id and t.sentiment = 'negative' and t.created_at > c.closed_at)`;
  const raw = await db.all<RawRow>(sql`
    with ${followUpContext},
    scored as materialized (
      select st.account_id,
        case when st.streak = 0 then 0
             when c.closed_at is null or c.closed_at < st.streak_started_at then st.streak
             else ${afterClosure(sql`count(*)`)} end as severity,
        case when st.streak = 0 then null
             when c.closed_at is null or c.closed_at < st.streak_started_at then st.streak_started_at
             else ${afterClosure(sql`min(t.created_at)`)} end as first_at,
        case when st.streak = 0 or c.closed_at >= st.last_negative_at then null else st.last_negative_at end as last_at
      from account_streaks st
      left join closed c on c.account_id = st.account_id
      where st.streak >= ${minRun} or st.account_id in (select account_id from active)
    )
    ${ranked(minRun, sort, limit, offset)}`);
  return toRows(raw);
}

const STAMP = 13; // digits per entry of account_streaks.recent_negatives
const stamp = (ms: number) => String(ms).padStart(STAMP, "0");
const entry = (i: number) => sql.raw(`substr(m.recent, ${STAMP * i + 1}, ${STAMP})`);

/**
 * How many of an account's newest negatives are at or after m.thr: the entries are newest
 * first, so this is a binary search for the first one before it (five comparisons for 20).
 */
function entriesSince(lo: number, hi: number): SQL {
  if (lo === hi) return sql.raw(String(lo));
  const mid = (lo + hi + 1) >> 1;
  return sql`(case when ${entry(mid - 1)} >= m.thr then ${entriesSince(mid, hi)} else ${entriesSince(lo, mid - 1)} end)`;
}

/**
 * Rule "at least K negatives within the last D days" (since = now - D days), for K up to
 * RECENT_NEGATIVES_KEPT: an account qualifies when its K-th newest negative (after its last
 * closure) is inside the window — one fixed-width text comparison per account, read from
 * account_streaks.recent_negatives, so a 90-day window costs what a 7-day one does. Only an
 * account with all its kept entries in the window is recounted from tasks.
 */
export async function windowedNegativeAccounts(
  { minNegatives, since, sort = "severity", limit = 100, offset = 0 }: { minNegatives: number; since: Date; sort?: AtRiskSort; limit?: number; offset?: number },
  db: Database = getDb(),
): Promise<{ rows: AtRiskRow[]; total: number }> {
  if (minNegatives > RECENT_NEGATIVES_KEPT) throw new RangeError(`at most ${RECENT_NEGATIVES_KEPT} negatives can be required`);
  const sinceMs = since.getTime();
  const exact = (what: SQL) =>
    sql`(select ${what} from tasks t where t.account_id = m.account_id and t.sentiment = 'negative' and t.created_at >= cast(m.thr as integer))`;
  const raw = await db.all<RawRow>(sql`
    with ${followUpContext},
    base as (
      select st.account_id, st.recent_negatives as recent,
        case when c.closed_at is null or c.closed_at < ${sinceMs} then ${stamp(sinceMs)} else printf('%013d', c.closed_at + 1) end as thr
      from account_streaks st
      left join closed c on c.account_id = st.account_id
    ),
    matched as (
      select m.account_id, m.recent, m.thr from base m
      where ${entry(minNegatives - 1)} >= m.thr or m.account_id in (select account_id from active)
    ),
    counted as materialized (
      select m.account_id, m.recent, m.thr, ${entriesSince(0, RECENT_NEGATIVES_KEPT)} as n from matched m
    ),
    scored as materialized (
      select m.account_id,
        case when m.n = ${RECENT_NEGATIVES_KEPT} then ${exact(sql`count(*)`)} else m.n end as severity,
        case when m.n = 0 then null
             when m.n = ${RECENT_NEGATIVES_KEPT} then ${exact(sql`min(t.created_at)`)}
             else cast(substr(m.recent, ${sql.raw(String(STAMP))} * (m.n - 1) + 1, ${sql.raw(String(STAMP))}) as integer) end as first_at,
        case when m.n = 0 then null else cast(substr(m.recent, 1, ${sql.raw(String(STAMP))}) as integer) end as last_at
      from counted m
    )
    ${ranked(minNegatives, sort, limit, offset)}`);
  return toRows(raw);
}

/** The account, its current run and when its last follow-up was closed. */
export async function accountRiskState({ accountId }: { accountId: number }, db: Database = getDb()) {
  const [row] = await db
    .select({
      account: customerAccounts,
      streak: accountStreaks.streak,
      streakStartedAt: accountStreaks.streakStartedAt,
      lastNegativeAt: accountStreaks.lastNegativeAt,
      lastClosedAt: sql<number | null>`(select max(${followUps.closedAt}) from ${followUps} where ${followUps.accountId} = ${customerAccounts.id} and ${followUps.status} = 'closed')`,
    })
    .from(customerAccounts)
    .leftJoin(accountStreaks, eq(accountStreaks.accountId, customerAccounts.id))
    .where(eq(customerAccounts.id, accountId))
    .limit(1);
  if (!row) return undefined;
  return { ...row, streak: row.streak ?? 0, lastClosedAt: date(row.lastClosedAt) };
}

/** The account's negative requests after a moment, oldest first: the run a follow-up is about. */
export async function negativeTasksAfter(
  { accountId, after, limit = 50 }: { accountId: number; after: Date | null; limit?: number },
  db: Database = getDb(),
): Promise<{ id: number; createdAt: Date }[]> {
  return db
    .select({ id: tasks.id, createdAt: tasks.createdAt })
    .from(tasks)
    .where(and(eq(tasks.accountId, accountId), eq(tasks.sentiment, "negative"), after ? gt(tasks.createdAt, after) : undefined))
    .orderBy(asc(tasks.createdAt), asc(tasks.id))
    .limit(limit);
}

/** One account's requests per period and sentiment, over its whole history. */
export async function accountSentimentByPeriod(
  { accountId, granularity }: { accountId: number; granularity: Granularity },
  db: Database = getDb(),
): Promise<{ period: number; negative: number; neutral: number; positive: number; unscored: number }[]> {
  const period = periodStartOf(localDay(tasks.createdAt), granularity);
  const n = (s: Sentiment) => sql<number>`sum(case when ${tasks.sentiment} = ${s} then 1 else 0 end)`;
  return db
    .select({ period, negative: n("negative"), neutral: n("neutral"), positive: n("positive"), unscored: sql<number>`sum(case when ${tasks.sentiment} is null then 1 else 0 end)` })
    .from(tasks)
    .where(eq(tasks.accountId, accountId))
    .groupBy(period)
    .orderBy(period);
}

export type AccountTaskRow = {
  id: number;
  text: string;
  sentiment: Sentiment | null;
  emotion: string | null;
  status: TaskStatus;
  reviewed: boolean;
  createdAt: Date;
  categoryName: string;
};

/** The account's requests, newest first, and how many it has in all. */
export async function listAccountTasks(
  { accountId, limit = 100 }: { accountId: number; limit?: number },
  db: Database = getDb(),
): Promise<{ rows: AccountTaskRow[]; total: number }> {
  const [rows, [{ total }]] = await Promise.all([
    db
      .select({
        id: tasks.id,
        text: tasks.text,
        sentiment: tasks.sentiment,
        emotion: tasks.emotion,
        status: tasks.status,
        reviewed: tasks.reviewed,
        createdAt: tasks.createdAt,
        categoryName: categories.name,
      })
      .from(tasks)
      .innerJoin(categories, eq(categories.id, tasks.categoryId))
      .where(eq(tasks.accountId, accountId))
      .orderBy(desc(tasks.createdAt), desc(tasks.id))
      .limit(limit),
    db.select({ total: sql<number>`count(*)` }).from(tasks).where(eq(tasks.accountId, accountId)),
  ]);
  return { rows, total };
}
