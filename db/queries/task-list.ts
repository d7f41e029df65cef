// The task queue with filters, three orders and keyset pagination: each page starts
// after the last row of the previous one, so page 1,000 costs what page 1 costs.
import { and, asc, desc, eq, gt, gte, isNotNull, isNull, lt, ne, or, sql, type SQL, type SQLWrapper } from "drizzle-orm";
import { getDb, type Database } from "../client";
import { trendCondition, type SentimentTrend } from "../conversation-trend";
import { referenceQuery } from "../reference";
import { categories, customerAccounts, tasks, users, type Priority, type Sentiment, type TaskStatus } from "../schema";
import { taskSummaryColumns } from "./task-columns";
import { latestCustomerText } from "./conversations";

export const TASK_SORTS = ["newest", "negative", "uncertain", "priority"] as const;
export type TaskSort = (typeof TASK_SORTS)[number];

export type TaskFilter = {
  categoryId?: number;
  sentiment?: Sentiment;
  /** An emotion label, or "pending" for tasks whose emotion is not known yet. */
  emotion?: string;
  status?: TaskStatus;
  accountId?: number;
  from?: Date;
  to?: Date;
  q?: string;
  flagged?: boolean;
  reviewed?: boolean;
  priority?: Priority;
  /** An owner's user id, or "none" for unassigned tasks. */
  owner?: number | "none";
  /** true: the SLA was breached; false: it was not (yet). */
  breached?: boolean;
  /** Opening vs latest customer message (db/conversation-trend.ts). */
  trend?: SentimentTrend;
  /** Leaves closed tasks out: the queues of work still to do (My queue, Unassigned). */
  unfinished?: boolean;
};

export type TaskCursor = { v: number; id: number };

export type TaskRow = {
  id: number;
  /** The opening request. */
  text: string;
  /**
   * The customer message the current label is about: the latest one (db/queries/conversations.ts
   * latestCustomerText). What a reviewer must read before confirming the label.
   */
  labelledText: string;
  status: TaskStatus;
  channel: string;
  sentiment: Sentiment | null;
  confidence: number | null;
  negativeScore: number | null;
  emotion: string | null;
  reviewed: boolean;
  flaggedAt: Date | null;
  createdAt: Date;
  accountId: number;
  accountName: string;
  categoryName: string;
  priority: Priority;
  priorityReasons: string[];
  ownerId: number | null;
  ownerName: string | null;
  slaDueAt: Date | null;
  slaBreachedAt: Date | null;
  slaFirstResponseBreachedAt: Date | null;
  slaResolutionBreachedAt: Date | null;
  slaResolutionFrom: Date | null;
  firstResponseAt: Date | null;
  tags: string[];
  /** null while the conversation has one customer message (db/conversation-trend.ts). */
  openingSentiment: Sentiment | null;
  accountEmail: string | null;
};

/**
 * The queue's default order as one number: priority rank, then the SLA deadline (no clock
 * last). The same expression as the tasks_queue_idx index (migration 0007), so the planner
 * reads the order from it; rank × 10^13 stays far below 2^53.
 */
export const QUEUE_KEY = sql<number>`(case ${tasks.priority} when 'urgent' then 0 when 'high' then 1 when 'normal' then 2 else 3 end) * 10000000000000 + coalesce(${tasks.slaDueAt}, 9999999999999)`;

/**
 * The text search matches LIKE '%q%' (ASCII letters in any case), as it always has. LIKE
 * alone is fast when many requests match, because the list stops at its first page, and
 * slow when few do, because then it reads every row (0.6–0.8 s at 1M tasks). The trigram
 * index (migration 0006: every three-character sequence of every text, case-folded, row
 * ids only) finds the requests that hold all of q's trigrams, a superset of LIKE's matches
 * which LIKE then narrows. Reading that superset costs about 3 µs a row, so it serves
 * searches with at most SPARSE_MATCHES candidates; a search with more has matches dense
 * enough for the plain scan to fill a page early. Text under three characters has no
 * trigram and is always scanned.
 */
const SPARSE_MATCHES = 5_000;

/** FTS5 query for rows holding every trigram of q: quoted strings, quotes doubled. */
function trigramQuery(q: string): string | null {
  const chars = [...q.toLowerCase()];
  const trigrams = new Set<string>();
  for (let i = 0; i + 3 <= chars.length; i++) trigrams.add(chars.slice(i, i + 3).join(""));
  return trigrams.size === 0 ? null : [...trigrams].map((t) => `"${t.replace(/"/g, '""')}"`).join(" AND ");
}

async function fewIndexMatches(match: string, db: Database): Promise<boolean> {
  const [row] = await db.all<{ n: number }>(
    sql`select count(*) as n from (select rowid from tasks_text_search where tasks_text_search match ${match} limit ${SPARSE_MATCHES + 1})`,
  );
  return row.n <= SPARSE_MATCHES;
}

const likePattern = (q: string) => `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/**
 * What a search box finds (issue 20): the reference ("REQ-003001"), the customer's name (any
 * part), e-mail or external reference, the task's external id, or words of the opening text.
 * The customer side is one uncorrelated sub-query over the accounts (the planner runs it once);
 * with few text matches, the candidates are those rows' ids, so the list reads no other row.
 */
function searchMatches(q: string, indexMatch: string | null): SQL {
  const reference = referenceQuery(q);
  const customer = sql`${tasks.accountId} in (select ${customerAccounts.id} from ${customerAccounts} where ${customerAccounts.email} = ${q.toLowerCase()} or ${customerAccounts.externalRef} = ${q} or ${customerAccounts.name} like ${likePattern(q)} escape '\\')`;
  const like = sql`${tasks.text} like ${likePattern(q)} escape '\\'`;
  const any = sql.join([like, customer, sql`${tasks.externalId} = ${q}`, ...(reference ? [sql`${tasks.id} = ${reference}`] : [])], sql` or `);
  if (indexMatch === null) return sql`(${any})`;
  const candidates = sql`select rowid from tasks_text_search where tasks_text_search match ${indexMatch}
    union all select ${tasks.id} from ${tasks} where ${customer}
    union all select ${tasks.id} from ${tasks} where ${tasks.externalId} = ${q}${reference ? sql` union all select ${reference}` : sql``}`;
  return sql`${tasks.id} in (${candidates}) and (${any})`;
}

function filterConditions(f: TaskFilter, indexMatch: string | null): (SQL | undefined)[] {
  return [
    f.categoryId ? eq(tasks.categoryId, f.categoryId) : undefined,
    f.sentiment ? eq(tasks.sentiment, f.sentiment) : undefined,
    f.emotion === "pending" ? isNull(tasks.emotion) : f.emotion ? eq(tasks.emotion, f.emotion) : undefined,
    f.status ? eq(tasks.status, f.status) : undefined,
    f.unfinished ? ne(tasks.status, "closed") : undefined,
    f.accountId ? eq(tasks.accountId, f.accountId) : undefined,
    f.from ? gte(tasks.createdAt, f.from) : undefined,
    f.to ? lt(tasks.createdAt, f.to) : undefined,
    f.q ? searchMatches(f.q, indexMatch) : undefined,
    f.trend ? trendCondition(f.trend) : undefined,
    f.flagged === true ? isNotNull(tasks.flaggedAt) : f.flagged === false ? isNull(tasks.flaggedAt) : undefined,
    f.reviewed !== undefined ? eq(tasks.reviewed, f.reviewed) : undefined,
    f.priority ? eq(tasks.priority, f.priority) : undefined,
    f.owner === "none" ? isNull(tasks.assignedTo) : f.owner ? eq(tasks.assignedTo, f.owner) : undefined,
    f.breached === true ? isNotNull(tasks.slaBreachedAt) : f.breached === false ? isNull(tasks.slaBreachedAt) : undefined,
  ];
}

/**
 * One order of the queue: by `key` in `direction`, ties by id the same way. After a cursor,
 * the rows whose (key, id) come after the cursor's; `cursorKey` is its key as the column holds it.
 */
function keyset(key: SQLWrapper, direction: "asc" | "desc", cursor: TaskCursor | undefined, cursorKey: unknown = cursor?.v) {
  const after = direction === "asc" ? gt : lt;
  const by = direction === "asc" ? asc : desc;
  return {
    where: cursor ? or(after(key, cursorKey), and(eq(key, cursorKey), after(tasks.id, cursor.id))) : undefined,
    by: [by(key), by(tasks.id)],
  };
}

function order(sort: TaskSort, cursor?: TaskCursor) {
  switch (sort) {
    case "negative": {
      const { where, by } = keyset(tasks.negativeScore, "desc", cursor);
      return { where: [isNotNull(tasks.negativeScore), where], by, key: (r: TaskRow) => r.negativeScore ?? 0 };
    }
    case "uncertain": {
      const { where, by } = keyset(tasks.confidence, "asc", cursor);
      return { where: [isNotNull(tasks.confidence), where], by, key: (r: TaskRow) => r.confidence ?? 0 };
    }
    case "priority": {
      const { where, by } = keyset(QUEUE_KEY, "asc", cursor);
      return { where: [where], by, key: queueKey };
    }
    default: {
      const { where, by } = keyset(tasks.createdAt, "desc", cursor, cursor && new Date(cursor.v));
      return { where: [where], by, key: (r: TaskRow) => r.createdAt.getTime() };
    }
  }
}

const rowColumns = {
  ...taskSummaryColumns,
  labelledText: latestCustomerText,
  negativeScore: tasks.negativeScore,
  flaggedAt: tasks.flaggedAt,
  accountName: customerAccounts.name,
  accountEmail: customerAccounts.email,
  categoryName: categories.name,
  ownerId: tasks.assignedTo,
  ownerName: users.name,
  openingSentiment: tasks.openingSentiment,
};

const RANK: Record<Priority, number> = { urgent: 0, high: 1, normal: 2, low: 3 };
/** QUEUE_KEY computed from a row, for the next page's cursor. */
function queueKey(r: TaskRow): number {
  return RANK[r.priority] * 10_000_000_000_000 + (r.slaDueAt?.getTime() ?? 9_999_999_999_999);
}

/** One task in the list's shape. */
/** The queue's rows: each task with its account, category and owner. */
function rowsQuery(db: Database) {
  return db
    .select(rowColumns)
    .from(tasks)
    .innerJoin(customerAccounts, eq(customerAccounts.id, tasks.accountId))
    .innerJoin(categories, eq(categories.id, tasks.categoryId))
    .leftJoin(users, eq(users.id, tasks.assignedTo));
}

export async function getTaskRow({ id }: { id: number }, db: Database = getDb()): Promise<TaskRow | undefined> {
  const [row] = await rowsQuery(db).where(eq(tasks.id, id)).limit(1);
  return row;
}

export async function findTasks(
  { filter = {}, sort = "newest", cursor, limit = 50 }: { filter?: TaskFilter; sort?: TaskSort; cursor?: TaskCursor; limit?: number },
  db: Database = getDb(),
): Promise<{ rows: TaskRow[]; next: TaskCursor | null }> {
  const o = order(sort, cursor);
  const match = filter.q ? trigramQuery(filter.q) : null;
  const indexMatch = match !== null && (await fewIndexMatches(match, db)) ? match : null;
  const rows = await rowsQuery(db)
    .where(and(...filterConditions(filter, indexMatch), ...o.where))
    .orderBy(...o.by)
    .limit(limit + 1);
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return { rows: page, next: rows.length > limit && last ? { v: o.key(last), id: last.id } : null };
}
