// The level of support: priorities, owners, SLA clocks and each task's timeline (issue 19).
import { and, asc, desc, eq, inArray, isNull, lte, sql, type SQL } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import type { SQLiteColumn } from "drizzle-orm/sqlite-core";
import { getDb, type Database } from "../client";
import { latestCustomerText } from "./conversations";
import { emailInsert, type NewEmail } from "./email-outbox";
import { deliveriesInsert, type WebhookEventRow } from "./webhooks";
import {
  accountStreaks,
  categories,
  categoryRouting,
  slaTargets,
  taskEvents,
  tasks,
  users,
  type Priority,
  type PrioritySource,
  type SlaTarget,
  type TaskEventKind,
  type TaskStatus,
} from "../schema";
import { taskSummaryColumns } from "./task-columns";

/** What the priority and the rules look at, for a set of tasks. */
export const factColumns = {
  ...taskSummaryColumns,
  // The rules' phrases look at what the customer said last, like the labels.
  text: latestCustomerText,
  categoryId: tasks.categoryId,
  categorySlug: categories.slug,
  streak: sql<number>`coalesce(${accountStreaks.streak}, 0)`,
  prioritySource: tasks.prioritySource,
  assignedTo: tasks.assignedTo,
};
export type TaskFacts = {
  id: number;
  text: string;
  status: TaskStatus;
  channel: (typeof tasks.$inferSelect)["channel"];
  sentiment: (typeof tasks.$inferSelect)["sentiment"];
  confidence: number | null;
  emotion: string | null;
  reviewed: boolean;
  categoryId: number;
  categorySlug: string;
  accountId: number;
  streak: number;
  priority: Priority;
  priorityReasons: string[];
  prioritySource: PrioritySource;
  assignedTo: number | null;
  tags: string[];
  createdAt: Date;
  firstResponseAt: Date | null;
  slaDueAt: Date | null;
  slaBreachedAt: Date | null;
  slaFirstResponseBreachedAt: Date | null;
  slaResolutionBreachedAt: Date | null;
  slaResolutionFrom: Date | null;
};

function factsQuery(db: Database) {
  return db
    .select(factColumns)
    .from(tasks)
    .innerJoin(categories, eq(categories.id, tasks.categoryId))
    .leftJoin(accountStreaks, eq(accountStreaks.accountId, tasks.accountId));
}

export async function taskFacts({ taskIds }: { taskIds: number[] }, db: Database = getDb()): Promise<TaskFacts[]> {
  if (taskIds.length === 0) return [];
  return factsQuery(db).where(inArray(tasks.id, taskIds)).orderBy(asc(tasks.id));
}

/** Tasks whose priority was never computed (tasks_priority_pending_idx), oldest first. */
export async function tasksWithoutPriority({ limit }: { limit: number }, db: Database = getDb()): Promise<TaskFacts[]> {
  return factsQuery(db).where(sql`${tasks.priorityReasons} = '[]'`).orderBy(asc(tasks.id)).limit(limit);
}

/** Tasks created in [from, to), in pages by id: the dry run and the timer's candidates. */
export async function taskFactsPage(
  { from, to, afterId = 0, limit = 2000, openOnly = false }: { from?: Date; to?: Date; afterId?: number; limit?: number; openOnly?: boolean },
  db: Database = getDb(),
): Promise<TaskFacts[]> {
  return factsQuery(db)
    .where(
      and(
        sql`${tasks.id} > ${afterId}`,
        from ? sql`${tasks.createdAt} >= ${from.getTime()}` : undefined,
        to ? sql`${tasks.createdAt} < ${to.getTime()}` : undefined,
        openOnly ? sql`${tasks.status} <> 'closed' and ${tasks.firstResponseAt} is null` : undefined,
      ),
    )
    .orderBy(asc(tasks.id))
    .limit(limit);
}

const sameAs = (column: SQLiteColumn, value: unknown) => (value === null ? isNull(column) : eq(column, value));

/**
 * The task still as it was read, in everything its SLA deadline is computed from
 * (runningClocks in lib/support/sla.ts). A writer that moves the deadline checks this in its
 * statement: otherwise a deadline computed just before another process claimed a first-response
 * miss would put that clock's past deadline back, and the next sweep would take it for the
 * resolution clock's and claim that as missed, hours early.
 */
function clockAsRead(t: TaskFacts) {
  return and(
    eq(tasks.priority, t.priority),
    eq(tasks.status, t.status),
    sameAs(tasks.firstResponseAt, t.firstResponseAt),
    sameAs(tasks.slaFirstResponseBreachedAt, t.slaFirstResponseBreachedAt),
    sameAs(tasks.slaResolutionBreachedAt, t.slaResolutionBreachedAt),
    sameAs(tasks.slaResolutionFrom, t.slaResolutionFrom),
    sameAs(tasks.slaDueAt, t.slaDueAt),
  );
}

/** Contention on one task's clock lasts a statement or two; this many rounds is far beyond it. */
const CLOCK_ATTEMPTS = 10;

/**
 * Reads a task and writes `change(task)` while it is still as read (clockAsRead); when another
 * process changed it in between, reads it again. The task as read for the write that landed;
 * null when there is no such task.
 */
async function updateWithClock(id: number, change: (t: TaskFacts) => Partial<typeof tasks.$inferInsert>, db: Database): Promise<TaskFacts | null> {
  for (let attempt = 0; attempt < CLOCK_ATTEMPTS; attempt++) {
    const [t] = await taskFacts({ taskIds: [id] }, db);
    if (!t) return null;
    const rows = await db.update(tasks).set(change(t)).where(and(eq(tasks.id, id), clockAsRead(t))).returning({ id: tasks.id });
    if (rows.length > 0) return t;
  }
  throw new Error(`Task ${id} kept changing while its SLA deadline was being moved.`);
}

type PriorityChange = { id: number; priority: Priority; reasons: string[]; source: PrioritySource };
/** A computed priority; `clock`: the running clock's new deadline, computed from the task as `read`. */
export type PriorityUpdate = PriorityChange & { clock?: { read: TaskFacts; dueAt: Date | null } };

/**
 * Stores computed priorities. `whileComputed` leaves alone a task whose priority a person or a
 * rule set meanwhile (the check is in the statement, so a concurrent manual change wins). An
 * update with a clock is stored only while the task is as read (clockAsRead); the caller reads
 * again for the ids not returned.
 */
export async function storePriorities({ updates, whileComputed }: { updates: PriorityUpdate[]; whileComputed: boolean }, db: Database = getDb()): Promise<number[]> {
  if (updates.length === 0) return [];
  const statements = updates.map((u) =>
    db
      .update(tasks)
      .set({ priority: u.priority, priorityReasons: u.reasons, prioritySource: u.source, ...(u.clock ? { slaDueAt: u.clock.dueAt } : {}) })
      .where(and(eq(tasks.id, u.id), whileComputed ? eq(tasks.prioritySource, "computed") : undefined, u.clock ? clockAsRead(u.clock.read) : undefined))
      .returning({ id: tasks.id }),
  );
  const results = await db.batch(statements as [(typeof statements)[number], ...(typeof statements)[number][]]);
  return results.flatMap((r) => r.map((x) => x.id));
}

export async function listSlaTargets(db: Database = getDb()): Promise<SlaTarget[]> {
  return db.select().from(slaTargets);
}

export async function saveSlaTargets(rows: { priority: Priority; firstResponseMinutes: number; resolutionMinutes: number }[], db: Database = getDb()): Promise<void> {
  const statements = rows.map((r) =>
    db
      .insert(slaTargets)
      .values(r)
      .onConflictDoUpdate({ target: slaTargets.priority, set: { firstResponseMinutes: r.firstResponseMinutes, resolutionMinutes: r.resolutionMinutes } }),
  );
  if (statements.length) await db.batch(statements as [(typeof statements)[number], ...(typeof statements)[number][]]);
}

export type NewTaskEvent = { taskId: number; kind: TaskEventKind; summary: string; actorId?: number | null; ruleId?: number | null; details?: Record<string, unknown> };

export async function insertTaskEvents(events: NewTaskEvent[], db: Database = getDb()): Promise<void> {
  if (events.length === 0) return;
  await db.insert(taskEvents).values(events.map((e) => ({ ...e, details: e.details ?? {} })));
}

/**
 * What announces a claimed firing (lib/support/notify.ts builds it): the e-mail for the outbox
 * and the webhook event, either absent.
 */
export type Announcement = { email: NewEmail | null; webhook: WebhookEventRow | null };

/** A timeline row's INSERT, written only while `when` holds. */
function taskEventInsert(e: NewTaskEvent, when: SQL): SQL {
  return sql`insert into ${taskEvents} (task_id, kind, actor_id, rule_id, summary, details)
    select ${e.taskId}, ${e.kind}, ${e.actorId ?? null}, ${e.ruleId ?? null}, ${e.summary}, ${JSON.stringify(e.details ?? {})}
    where ${when}`;
}

/**
 * The writes a claim implies (timeline rows, the e-mail, the webhook deliveries), each written
 * only while `unclaimed` holds. They go in the claim's batch, BEFORE the claim, on the claim's
 * own condition: a libSQL batch is one transaction that holds the write lock from its first
 * statement, so the condition reads the same in every statement until the claim itself, and the
 * process that loses the claim writes none of them. A crash or a failed statement rolls back the
 * claim with them: a firing is either claimed with all of it or not at all, and is then fired by
 * the next run.
 */
function claimedWrites(db: Database, { events, announcement }: { events: NewTaskEvent[]; announcement: Announcement | null }, unclaimed: SQL): BatchItem<"sqlite">[] {
  return [
    ...events.map((e) => db.run(taskEventInsert(e, unclaimed))),
    ...(announcement?.email ? [db.run(emailInsert(announcement.email, unclaimed))] : []),
    ...(announcement?.webhook ? [db.run(deliveriesInsert(announcement.webhook, unclaimed))] : []),
  ];
}

/** Runs the statements as one batch (one transaction); returns the RETURNING rows of the claim, statement `claimAt`. */
async function claimInBatch(db: Database, statements: BatchItem<"sqlite">[], claimAt: number): Promise<unknown[]> {
  const results = await db.batch(statements as [BatchItem<"sqlite">, ...BatchItem<"sqlite">[]]);
  return results[claimAt] as unknown[];
}

/** What a rule's actions set on the task it fires on. */
export type RuleChange = Partial<Pick<typeof tasks.$inferInsert, "priority" | "priorityReasons" | "prioritySource" | "slaDueAt" | "assignedTo" | "tags">>;

/**
 * Records that a rule fired on a task, with everything the firing does, unless it already has:
 * the rule's timeline row under the unique index on (rule_id, task_id) is the claim, so exactly
 * one caller wins, whichever process it runs in, and one batch writes the claim, `change` to the
 * task, the further timeline rows and the announcement (claimedWrites). With `asRead` (a firing
 * that sets the priority, so moves the SLA deadline computed from the task as read) the firing
 * also needs the task still as read (clockAsRead); false then may mean it changed (the caller
 * reads it again; firedRuleIds tells the two apart).
 */
export async function claimRuleFiring(
  { event, asRead, change, events = [], announcement = null }: { event: NewTaskEvent & { ruleId: number }; asRead?: TaskFacts; change?: RuleChange; events?: NewTaskEvent[]; announcement?: Announcement | null },
  db: Database = getDb(),
): Promise<boolean> {
  const fired = sql`exists (select 1 from ${taskEvents} where ${taskEvents.ruleId} = ${event.ruleId} and ${taskEvents.taskId} = ${event.taskId})`;
  const unclaimed = asRead ? sql`not ${fired} and exists (select 1 from ${tasks} where ${and(eq(tasks.id, event.taskId), clockAsRead(asRead))})` : sql`not ${fired}`;
  const writes = claimedWrites(db, { events, announcement }, unclaimed);
  const claim = db.all(sql`${taskEventInsert(event, unclaimed)} on conflict do nothing returning id`);
  // The task's change follows the claim, since it may change what `unclaimed` reads. SQLite's
  // changes() is the row count of the connection's previous INSERT/UPDATE/DELETE, here the
  // claim's (a batch runs its statements in order on one connection): 1 only if it won.
  const apply = change && Object.keys(change).length > 0 ? [db.update(tasks).set(change).where(and(eq(tasks.id, event.taskId), sql`changes() = 1`))] : [];
  const claimed = await claimInBatch(db, [...writes, claim, ...apply], writes.length);
  return claimed.length > 0;
}

/** The rules that have fired on the task. */
export async function firedRuleIds({ taskId }: { taskId: number }, db: Database = getDb()): Promise<number[]> {
  const rows = await db
    .select({ ruleId: taskEvents.ruleId })
    .from(taskEvents)
    .where(and(eq(taskEvents.taskId, taskId), sql`${taskEvents.ruleId} is not null`));
  return rows.map((r) => r.ruleId!);
}

export async function listTaskEvents({ taskId }: { taskId: number }, db: Database = getDb()) {
  return db
    .select({ id: taskEvents.id, kind: taskEvents.kind, summary: taskEvents.summary, ruleId: taskEvents.ruleId, actor: users.name, createdAt: taskEvents.createdAt })
    .from(taskEvents)
    .leftJoin(users, eq(users.id, taskEvents.actorId))
    .where(eq(taskEvents.taskId, taskId))
    .orderBy(desc(taskEvents.id));
}

/** Tasks whose clock has run out, soonest first, read from tasks_sla_due_idx (then their facts by id). */
export async function dueSlaTasks({ now, limit = 100 }: { now: Date; limit?: number }, db: Database = getDb()): Promise<(TaskFacts & { slaDueAt: Date })[]> {
  const due = await db
    .select({ id: tasks.id })
    .from(tasks)
    .where(and(sql`${tasks.slaDueAt} is not null`, lte(tasks.slaDueAt, now)))
    .orderBy(asc(tasks.slaDueAt))
    .limit(limit);
  if (due.length === 0) return [];
  // A second read: another process may have claimed a breach in between and moved the task to
  // its next deadline, which has not run out; such a task is no longer due.
  const facts = await taskFacts({ taskIds: due.map((d) => d.id) }, db);
  return facts.filter((t): t is TaskFacts & { slaDueAt: Date } => t.slaDueAt !== null && t.slaDueAt <= now).sort((a, b) => a.slaDueAt.getTime() - b.slaDueAt.getTime());
}

/**
 * Records that one clock of a task missed its target and moves the task to its next deadline,
 * in one statement that only one process can win (it needs the task as read, clockAsRead; its
 * deadline run out by `now`; that clock not yet missed): the winner gets the row back. The read
 * may be stale: after another process claimed the first response, the task shows the resolution
 * clock with its deadline still ahead, and without the `sla_due_at <= now` check that clock would
 * be claimed as missed hours early. `breach`: its timeline row and announcement, written in the
 * claim's batch on the claim's condition (claimedWrites), so only by the winner and never without
 * the claim.
 */
export async function claimSlaBreach(
  {
    task,
    clock,
    now,
    nextDue,
    breach,
  }: { task: TaskFacts; clock: "first response" | "resolution"; now: Date; nextDue: Date | null; breach?: { event: NewTaskEvent; announcement: Announcement | null } },
  db: Database = getDb(),
) {
  const column = clock === "first response" ? tasks.slaFirstResponseBreachedAt : tasks.slaResolutionBreachedAt;
  const claimable = and(eq(tasks.id, task.id), clockAsRead(task), lte(tasks.slaDueAt, now), isNull(column));
  const writes = breach ? claimedWrites(db, { events: [breach.event], announcement: breach.announcement }, sql`exists (select 1 from ${tasks} where ${claimable})`) : [];
  const claim = db
    .update(tasks)
    .set({
      ...(clock === "first response" ? { slaFirstResponseBreachedAt: now } : { slaResolutionBreachedAt: now }),
      slaBreachedAt: sql`coalesce(${tasks.slaBreachedAt}, ${now.getTime()})`,
      slaDueAt: nextDue,
    })
    .where(claimable)
    .returning({ id: tasks.id });
  const [row] = (await claimInBatch(db, [...writes, claim], writes.length)) as { id: number }[];
  return row ?? null;
}

/** Sets the owner; with `onlyIfUnassigned` ("take"), only while nobody owns it. Returns the ids changed. */
export async function setOwner(
  { taskIds, ownerId, onlyIfUnassigned = false }: { taskIds: number[]; ownerId: number | null; onlyIfUnassigned?: boolean },
  db: Database = getDb(),
): Promise<number[]> {
  if (taskIds.length === 0) return [];
  const rows = await db
    .update(tasks)
    .set({ assignedTo: ownerId })
    .where(and(inArray(tasks.id, taskIds), onlyIfUnassigned ? isNull(tasks.assignedTo) : undefined))
    .returning({ id: tasks.id });
  return rows.map((r) => r.id);
}

export async function activeUser({ id }: { id: number }, db: Database = getDb()) {
  const [row] = await db.select({ id: users.id, name: users.name, email: users.email, role: users.role }).from(users).where(and(eq(users.id, id), eq(users.active, true))).limit(1);
  return row ?? null;
}

/** People tasks can be assigned to: active staff, by name. */
export async function assignableUsers(db: Database = getDb()) {
  return db.select({ id: users.id, name: users.name, email: users.email, role: users.role }).from(users).where(eq(users.active, true)).orderBy(asc(users.name));
}

export async function supervisorEmails(db: Database = getDb()): Promise<string[]> {
  const rows = await db.select({ email: users.email }).from(users).where(and(eq(users.active, true), inArray(users.role, ["supervisor", "admin"])));
  return rows.map((r) => r.email);
}

/** Sets the priority; a running clock moves to `nextDue` of the task with it (updateWithClock). False when there is no such task. */
export async function setTaskPriority(
  { id, priority, reasons, source, nextDue }: PriorityChange & { nextDue: (t: TaskFacts) => Date | null },
  db: Database = getDb(),
): Promise<boolean> {
  const done = await updateWithClock(
    id,
    (t) => ({ priority, priorityReasons: reasons, prioritySource: source, ...(t.slaDueAt ? { slaDueAt: nextDue({ ...t, priority }) } : {}) }),
    db,
  );
  return done !== null;
}

/** The account's current run of negative requests (account_streaks, kept by triggers). */
export async function accountStreak({ accountId }: { accountId: number }, db: Database = getDb()): Promise<number> {
  const [row] = await db.select({ streak: accountStreaks.streak }).from(accountStreaks).where(eq(accountStreaks.accountId, accountId)).limit(1);
  return row?.streak ?? 0;
}

export async function listRouting(db: Database = getDb()) {
  return db.select().from(categoryRouting);
}

export async function setRoundRobin({ categoryId, roundRobin }: { categoryId: number; roundRobin: boolean }, db: Database = getDb()): Promise<void> {
  await db.insert(categoryRouting).values({ categoryId, roundRobin }).onConflictDoUpdate({ target: categoryRouting.categoryId, set: { roundRobin } });
}

export async function routingFor({ categoryId }: { categoryId: number }, db: Database = getDb()) {
  const [row] = await db.select().from(categoryRouting).where(eq(categoryRouting.categoryId, categoryId)).limit(1);
  return row ?? null;
}

/** Moves the category's turn from `previous` to `next`; false when another process moved it first. */
export async function advanceTurn({ categoryId, previous, next }: { categoryId: number; previous: number | null; next: number }, db: Database = getDb()): Promise<boolean> {
  const rows = await db
    .update(categoryRouting)
    .set({ lastAssignedTo: next })
    .where(and(eq(categoryRouting.categoryId, categoryId), previous === null ? isNull(categoryRouting.lastAssignedTo) : eq(categoryRouting.lastAssignedTo, previous)))
    .returning({ id: categoryRouting.categoryId });
  return rows.length > 0;
}

export async function activeAgentIds(db: Database = getDb()): Promise<number[]> {
  const rows = await db.select({ id: users.id }).from(users).where(and(eq(users.active, true), eq(users.role, "agent"))).orderBy(asc(users.id));
  return rows.map((r) => r.id);
}

/**
 * Sets the status, marks the first response (reply or close) and moves the SLA clock
 * (updateWithClock); see lib/support/ownership.ts. Reopening a closed task starts a fresh
 * resolution clock from now (`reopened`). Null when there is no such task.
 */
export async function recordStatusClock(
  { id, status, now, nextDue }: { id: number; status: TaskStatus; now: Date; nextDue: (t: TaskFacts) => Date | null },
  db: Database = getDb(),
): Promise<{ reopened: boolean } | null> {
  const reopens = (t: TaskFacts) => t.status === "closed" && status !== "closed";
  const t = await updateWithClock(
    id,
    (t) => {
      const firstResponseAt = t.firstResponseAt ?? (status === "replied" || status === "closed" ? now : null);
      if (reopens(t)) {
        const after = { ...t, status, firstResponseAt, slaResolutionFrom: now, slaResolutionBreachedAt: null };
        return { status, firstResponseAt, slaResolutionFrom: now, slaResolutionBreachedAt: null, slaDueAt: nextDue(after) };
      }
      // Only a running clock moves: a task made before clocks existed has none.
      return { status, firstResponseAt, slaDueAt: t.slaDueAt ? nextDue({ ...t, status, firstResponseAt }) : null };
    },
    db,
  );
  return t ? { reopened: reopens(t) } : null;
}

/** The latest escalations and breaches across tasks: where notifications are seen in the app. */
export async function recentAlerts({ limit = 20 }: { limit?: number } = {}, db: Database = getDb()) {
  return db
    .select({ id: taskEvents.id, taskId: taskEvents.taskId, kind: taskEvents.kind, summary: taskEvents.summary, createdAt: taskEvents.createdAt })
    .from(taskEvents)
    .where(inArray(taskEvents.kind, ["escalated", "sla_breached"]))
    .orderBy(desc(taskEvents.id))
    .limit(limit);
}

/** Open (not closed) tasks per priority, for the dashboard. */
export async function openTasksByPriority(db: Database = getDb()): Promise<Record<Priority, number>> {
  const rows = await db
    .select({ priority: tasks.priority, n: sql<number>`count(*)` })
    .from(tasks)
    .where(sql`${tasks.status} <> 'closed'`)
    .groupBy(tasks.priority);
  const out: Record<Priority, number> = { urgent: 0, high: 0, normal: 0, low: 0 };
  for (const r of rows) out[r.priority] = r.n;
  return out;
}

export async function breachesSince({ since }: { since: Date }, db: Database = getDb()): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)` })
    .from(taskEvents)
    .where(and(eq(taskEvents.kind, "sla_breached"), sql`${taskEvents.createdAt} >= ${since.getTime()}`));
  return row?.n ?? 0;
}

/** First-response times (ms) of requests created since a moment, with their owner and category. */
export async function firstResponseTimes({ since, until }: { since: Date; until?: Date }, db: Database = getDb()) {
  return db
    .select({ ms: sql<number>`${tasks.firstResponseAt} - ${tasks.createdAt}`, owner: users.name, categoryId: tasks.categoryId, category: categories.name })
    .from(tasks)
    .innerJoin(categories, eq(categories.id, tasks.categoryId))
    .leftJoin(users, eq(users.id, tasks.assignedTo))
    .where(and(sql`${tasks.createdAt} >= ${since.getTime()}`, until ? sql`${tasks.createdAt} < ${until.getTime()}` : undefined, sql`${tasks.firstResponseAt} is not null`));
}
