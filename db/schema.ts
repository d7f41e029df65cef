// The whole data model (ARCHITECTURE.md "Data model"). Timestamps are integer
// milliseconds since the epoch; JSON columns hold small structured values
// (scores, selections, metrics) that are always read whole.
import { sql } from "drizzle-orm";
import {
  index,
  integer,
  primaryKey,
  real,
  sqliteTable,
  text,
  type SQLiteColumnBuilderBase,
  uniqueIndex,
} from "drizzle-orm/sqlite-core";

export const ROLES = ["agent", "supervisor", "admin"] as const;
export type Role = (typeof ROLES)[number];

export const SENTIMENTS = ["negative", "neutral", "positive"] as const;
export type Sentiment = (typeof SENTIMENTS)[number];

export const TASK_STATUSES = ["open", "read", "replied", "closed"] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

export const CHANNELS = ["email", "web", "phone", "chat", "api"] as const;
export type Channel = (typeof CHANNELS)[number];

export const EMOTION_STATUSES = ["pending", "done", "failed"] as const;
export const MODEL_STATUSES = ["queued", "running", "succeeded", "failed"] as const;
export type ModelStatus = (typeof MODEL_STATUSES)[number];
export const FOLLOW_UP_MECHANISMS = ["call", "email", "credit", "escalation"] as const;
export const FOLLOW_UP_STATUSES = ["open", "in_progress", "resolved", "closed"] as const;
/** The level of support a task needs, most urgent first (issue 19). */
export const PRIORITIES = ["urgent", "high", "normal", "low"] as const;
export type Priority = (typeof PRIORITIES)[number];
/** Who set a task's priority: re-scoring recomputes only "computed" ones. */
export const PRIORITY_SOURCES = ["computed", "manual", "rule"] as const;
export type PrioritySource = (typeof PRIORITY_SOURCES)[number];

type Columns = Record<string, SQLiteColumnBuilderBase>;

// Now, in the integer milliseconds every timestamp column holds.
const NOW_MS = sql`(cast(unixepoch('subsec') * 1000 as integer))`;

/** The columns, then when the row was made and last changed (most tables end with these). */
function withTimestamps<T extends Columns>(columns: T) {
  return {
    ...columns,
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull().default(NOW_MS),
    updatedAt: integer("updated_at", { mode: "timestamp_ms" }).notNull().default(NOW_MS).$onUpdate(() => new Date()),
  };
}

/** A table of things with their own row id: the id first, then its columns, then the timestamps. */
function entity<T extends Columns>(columns: T) {
  return withTimestamps({ id: integer("id").primaryKey({ autoIncrement: true }), ...columns });
}

export const users = sqliteTable("users", entity({
  email: text("email").notNull().unique(),
  name: text("name").notNull(),
  passwordHash: text("password_hash"),
  role: text("role", { enum: ROLES }).notNull().default("agent"),
  active: integer("active", { mode: "boolean" }).notNull().default(true),
  lastSignInAt: integer("last_sign_in_at", { mode: "timestamp_ms" }),
  // Made by a first single sign-on with an unknown e-mail (AUTH_SSO_UNKNOWN_USERS=pending):
  // inactive until an admin activates the account, which clears the flag.
  approvalPending: integer("approval_pending", { mode: "boolean" }).notNull().default(false),
  // Sign-out sets it: a session cookie issued (signed in) at or before this time is refused
  // (lib/auth/current-role.ts), so a copied cookie is worthless once its owner signed out.
  sessionsValidAfter: integer("sessions_valid_after", { mode: "timestamp_ms" }),
}));
export type User = typeof users.$inferSelect;

// Single sign-on identities linked to a user: the identity provider's issuer and its
// stable subject (`sub`), which is what a later sign-in is matched on. The e-mail only
// links the first sign-in, and only when the provider says it is verified.
export const userIdentities = sqliteTable(
  "user_identities",
  entity({
    userId: integer("user_id").notNull().references(() => users.id, { onDelete: "cascade" }),
    provider: text("provider").notNull(), // the next-auth provider id: oidc, google, microsoft-entra-id
    issuer: text("issuer").notNull(),
    subject: text("subject").notNull(),
    email: text("email").notNull(), // as the provider sent it at the last sign-in
    lastSignInAt: integer("last_sign_in_at", { mode: "timestamp_ms" }),
  }),
  (t) => [uniqueIndex("user_identities_issuer_subject_idx").on(t.issuer, t.subject), index("user_identities_user_idx").on(t.userId)],
);
export type UserIdentity = typeof userIdentities.$inferSelect;

// Failed sign-ins per key ("email:<address>" or "ip:<address>"), shared by every
// app instance so throttling holds behind a load balancer.
// `failures` counts the attempts of the window (an attempt is counted when it is let in,
// before its password is checked, and taken back on success); `nextAttemptAt` is the
// earliest the next one is let in (lib/auth/throttle.ts).
export const loginThrottle = sqliteTable("login_throttle", withTimestamps({
  key: text("key").primaryKey(),
  failures: integer("failures").notNull().default(0),
  lastFailureAt: integer("last_failure_at", { mode: "timestamp_ms" }).notNull(),
  nextAttemptAt: integer("next_attempt_at", { mode: "timestamp_ms" }),
}));

// Request-rate limits shared by every web process and app instance (lib/api/rate-limit.ts):
// one row per limited key ("key:<api key id>", "feedback:<address>", …) holding the
// bucket's theoretical arrival time in ms (the generic cell rate algorithm); a row whose
// time has passed is the same as no row, and the worker prunes those.
export const rateLimits = sqliteTable(
  "rate_limits",
  withTimestamps({
    key: text("key").primaryKey(),
    readyAt: real("ready_at").notNull(),
  }),
  (t) => [index("rate_limits_ready_idx").on(t.readyAt)],
);

// Idempotency-Key of API POSTs (lib/api/idempotency.ts): the first request with a key
// claims the row; its 2xx answer is stored and replayed to a retry with the same body for
// 24 h. `status` is null while the first request is still being answered.
export const idempotencyKeys = sqliteTable(
  "idempotency_keys",
  withTimestamps({
    caller: text("caller").notNull(),
    key: text("key").notNull(),
    requestHash: text("request_hash").notNull(),
    status: integer("status"),
    response: text("response"),
    expiresAt: integer("expires_at", { mode: "timestamp_ms" }).notNull(),
  }),
  (t) => [primaryKey({ columns: [t.caller, t.key] }), index("idempotency_keys_expires_idx").on(t.expiresAt)],
);
export type IdempotencyKey = typeof idempotencyKeys.$inferSelect;

// Each running worker process (scripts/worker.ts) writes its row every few seconds, and
// deletes it when it stops cleanly; /api/ready reports the worker down when no row is
// fresh (lib/ops/readiness.ts). Rows of killed workers are pruned by the next one.
export const workerHeartbeats = sqliteTable("worker_heartbeats", withTimestamps({
  id: text("id").primaryKey(),
  pid: integer("pid").notNull(),
  beatAt: integer("beat_at", { mode: "timestamp_ms" }).notNull(),
}));

export const customerAccounts = sqliteTable(
  "customer_accounts",
  entity({
    externalRef: text("external_ref").notNull().unique(),
    name: text("name").notNull(),
    email: text("email"),
  }),
  (t) => [index("customer_accounts_email_idx").on(t.email), index("customer_accounts_name_idx").on(t.name)],
);
export type CustomerAccount = typeof customerAccounts.$inferSelect;

export const categories = sqliteTable("categories", entity({
  name: text("name").notNull().unique(),
  slug: text("slug").notNull().unique(),
  description: text("description").notNull().default(""),
}));
export type Category = typeof categories.$inferSelect;

export const modelVersions = sqliteTable(
  "model_versions",
  entity({
    // "sentiment" today; the built-in emotion model can be versioned the same way.
    task: text("task").notNull().default("sentiment"),
    name: text("name").notNull(),
    algorithm: text("algorithm").notNull(),
    params: text("params", { mode: "json" }).$type<Record<string, unknown>>().notNull().default({}),
    trainSelection: text("train_selection", { mode: "json" }).$type<Record<string, unknown>>().notNull().default({}),
    testSelection: text("test_selection", { mode: "json" }).$type<Record<string, unknown>>().notNull().default({}),
    labels: text("labels", { mode: "json" }).$type<string[]>(),
    metrics: text("metrics", { mode: "json" }).$type<Record<string, unknown>>(),
    confusion: text("confusion", { mode: "json" }).$type<number[][]>(),
    nTrain: integer("n_train"),
    nTest: integer("n_test"),
    status: text("status", { enum: MODEL_STATUSES }).notNull().default("queued"),
    progress: real("progress").notNull().default(0),
    progressMessage: text("progress_message"),
    artifact: text("artifact"),
    active: integer("active", { mode: "boolean" }).notNull().default(false),
    authorId: integer("author_id").references(() => users.id),
    error: text("error"),
    startedAt: integer("started_at", { mode: "timestamp_ms" }),
    heartbeatAt: integer("heartbeat_at", { mode: "timestamp_ms" }),
    finishedAt: integer("finished_at", { mode: "timestamp_ms" }),
    promotedAt: integer("promoted_at", { mode: "timestamp_ms" }),
    // How many times a worker claimed the run: one interrupted by a dead worker goes back
    // to the queue once (attempts 1), and is marked failed the second time.
    attempts: integer("attempts").notNull().default(0),
  }),
  (t) => [
    index("model_versions_task_active_idx").on(t.task, t.active),
    index("model_versions_status_idx").on(t.status),
    // At most one active version per task, enforced by the database.
    uniqueIndex("model_versions_one_active_idx").on(t.task).where(sql`${t.active} = 1`),
  ],
);
export type ModelVersion = typeof modelVersions.$inferSelect;

export const tasks = sqliteTable(
  "tasks",
  entity({
    accountId: integer("account_id").notNull().references(() => customerAccounts.id),
    categoryId: integer("category_id").notNull().references(() => categories.id),
    channel: text("channel", { enum: CHANNELS }).notNull().default("web"),
    text: text("text").notNull(),
    status: text("status", { enum: TASK_STATUSES }).notNull().default("open"),
    assignedTo: integer("assigned_to").references(() => users.id),
    externalId: text("external_id").unique(),
    // The effective labels, copied from the latest prediction or the latest review,
    // so list filters and trend aggregates never join the prediction history.
    sentiment: text("sentiment", { enum: SENTIMENTS }),
    confidence: real("confidence"),
    // Probability of "negative" (1 for a supervisor's negative), for "most negative first".
    negativeScore: real("negative_score"),
    emotion: text("emotion"),
    reviewed: integer("reviewed", { mode: "boolean" }).notNull().default(false),
    flaggedAt: integer("flagged_at", { mode: "timestamp_ms" }),
    // Who flagged the prediction as wrong, and why (kept after a review clears flagged_at,
    // so an undone review brings the flag back whole).
    flaggedById: integer("flagged_by_id").references(() => users.id),
    flagReason: text("flag_reason"),
    latestPredictionId: integer("latest_prediction_id"),
    // The level of support (lib/support/priority.ts) and why, in words shown on the task page.
    priority: text("priority", { enum: PRIORITIES }).notNull().default("normal"),
    priorityReasons: text("priority_reasons", { mode: "json" }).$type<string[]>().notNull().default([]),
    prioritySource: text("priority_source", { enum: PRIORITY_SOURCES }).notNull().default("computed"),
    /** The first time an agent replied or closed it (the first-response target's clock stops). */
    firstResponseAt: integer("first_response_at", { mode: "timestamp_ms" }),
    /**
     * The next SLA deadline of the clocks still running (lib/support/sla.ts slaDueAt): first
     * response until there is one or it is missed, and resolution until closed or missed; null
     * once closed or both are missed. The worker's sweep reads it by index (tasks_sla_due_idx).
     */
    slaDueAt: integer("sla_due_at", { mode: "timestamp_ms" }),
    /** The first missed target of any clock (the list's "breached" filter). */
    slaBreachedAt: integer("sla_breached_at", { mode: "timestamp_ms" }),
    /** Each clock's miss, set once by whichever process claims it. */
    slaFirstResponseBreachedAt: integer("sla_first_response_breached_at", { mode: "timestamp_ms" }),
    slaResolutionBreachedAt: integer("sla_resolution_breached_at", { mode: "timestamp_ms" }),
    /** Where the resolution clock counts from: the arrival (null), or the latest reopening. */
    slaResolutionFrom: integer("sla_resolution_from", { mode: "timestamp_ms" }),
    tags: text("tags", { mode: "json" }).$type<string[]>().notNull().default([]),
    /**
     * The opening message's label, frozen when the customer's first follow-up arrives (issue 20);
     * null while the conversation has one customer message, whose label is then `sentiment`'s.
     * The trend (lib/conversations/trend.ts) compares it with `sentiment`, the latest message's.
     */
    openingSentiment: text("opening_sentiment", { enum: SENTIMENTS }),
  }),
  (t) => [
    index("tasks_created_idx").on(t.createdAt, t.id),
    // Only conversations with a follow-up can have improved or worsened: the trend filter reads them here.
    index("tasks_conversation_trend_idx").on(t.openingSentiment, t.sentiment, t.createdAt).where(sql`${t.openingSentiment} is not null`),
    index("tasks_account_created_idx").on(t.accountId, t.createdAt),
    index("tasks_category_created_idx").on(t.categoryId, t.createdAt),
    index("tasks_status_created_idx").on(t.status, t.createdAt),
    index("tasks_sentiment_created_idx").on(t.sentiment, t.createdAt),
    index("tasks_review_queue_idx").on(t.reviewed, t.confidence, t.id),
    index("tasks_flagged_idx").on(t.flaggedAt),
    index("tasks_confidence_id_idx").on(t.confidence, t.id),
    index("tasks_negative_id_idx").on(t.negativeScore, t.id),
    // One account's negatives in time order, read from the index alone: the recent_negatives
    // triggers and the at-risk recounts (db/queries/at-risk.ts).
    index("tasks_account_sentiment_created_idx").on(t.accountId, t.sentiment, t.createdAt),
    // Only tasks with a running clock are in it, so the SLA sweep reads the due ones directly.
    index("tasks_sla_due_idx").on(t.slaDueAt).where(sql`${t.slaDueAt} is not null`),
    index("tasks_owner_status_idx").on(t.assignedTo, t.status),
    // Tasks whose priority was never computed (made before migration 0007, or bulk-loaded):
    // the worker's backfill reads them from here, and the index is empty once it is done.
    index("tasks_priority_pending_idx").on(t.id).where(sql`${t.priorityReasons} = '[]'`),
    // The queue's default order: priority, then time left (db/queries/task-list.ts QUEUE_KEY).
    index("tasks_queue_idx").on(
      sql`(case ${t.priority} when 'urgent' then 0 when 'high' then 1 when 'normal' then 2 else 3 end) * 10000000000000 + coalesce(${t.slaDueAt}, 9999999999999)`,
      t.id,
    ),
  ],
);
export type Task = typeof tasks.$inferSelect;

export const MESSAGE_AUTHORS = ["customer", "agent"] as const;
export type MessageAuthor = (typeof MESSAGE_AUTHORS)[number];
/**
 * A task's conversation (issue 20): the customer's opening request and follow-ups, the agents'
 * replies and internal notes. Customer messages carry their own labels; the latest one's are
 * also the task's (tasks.sentiment …), and a trigger keeps that message in step when the task's
 * labels change (a review, the emotion backfill) — see migration 0010. A trigger on tasks
 * also writes the opening message, so every writer (form, API, import, seed) makes one.
 */
export const taskMessages = sqliteTable(
  "task_messages",
  entity({
    // A deleted task takes its conversation with it.
    taskId: integer("task_id").notNull().references(() => tasks.id, { onDelete: "cascade" }),
    author: text("author", { enum: MESSAGE_AUTHORS }).notNull(),
    /** The agent who wrote it (null for the customer, or an API key without a user). */
    authorId: integer("author_id").references(() => users.id),
    channel: text("channel", { enum: CHANNELS }).notNull().default("web"),
    text: text("text").notNull(),
    /** An agent's note for colleagues: shown in the portal, never e-mailed. */
    internal: integer("internal", { mode: "boolean" }).notNull().default(false),
    sentiment: text("sentiment", { enum: SENTIMENTS }),
    confidence: real("confidence"),
    emotion: text("emotion"),
    /** The e-mail's Message-ID (with angle brackets): ours for replies, the sender's for inbound mail. */
    emailMessageId: text("email_message_id"),
    /** The outbox row that carries an agent's reply (its delivery state is shown beside it). */
    emailOutboxId: integer("email_outbox_id"),
  }),
  (t) => [
    index("task_messages_task_idx").on(t.taskId, t.id),
    // Threading looks a reply's In-Reply-To / References up here; one row per e-mail (retried webhooks).
    uniqueIndex("task_messages_email_idx").on(t.emailMessageId).where(sql`${t.emailMessageId} is not null`),
  ],
);
export type TaskMessage = typeof taskMessages.$inferSelect;

/**
 * One satisfaction survey per closed task (issue 20): the customer's 1–5 rating through a signed,
 * one-use, expiring link (lib/conversations/satisfaction.ts), beside what the model predicted.
 */
export const satisfactionRatings = sqliteTable(
  "satisfaction_ratings",
  entity({
    taskId: integer("task_id").notNull().references(() => tasks.id, { onDelete: "cascade" }),
    /** Who owned the task when it was closed (ratings per agent). */
    agentId: integer("agent_id").references(() => users.id),
    categoryId: integer("category_id").notNull().references(() => categories.id),
    /** The task's sentiment when it was closed: the prediction the rating is compared with. */
    closingSentiment: text("closing_sentiment", { enum: SENTIMENTS }),
    expiresAt: integer("expires_at", { mode: "timestamp_ms" }).notNull(),
    rating: integer("rating"),
    ratedAt: integer("rated_at", { mode: "timestamp_ms" }),
  }),
  (t) => [
    uniqueIndex("satisfaction_ratings_task_idx").on(t.taskId),
    index("satisfaction_ratings_agent_idx").on(t.agentId, t.ratedAt),
    index("satisfaction_ratings_rated_idx").on(t.ratedAt),
  ],
);
export type SatisfactionRating = typeof satisfactionRatings.$inferSelect;

/**
 * What happened to a task besides its text and labels: priority changes, assignments, rule
 * firings, SLA breaches, status changes. A rule fires at most once per task: the unique
 * index is the claim that keeps two processes from notifying twice.
 */
export const TASK_EVENT_KINDS = ["priority", "assigned", "status", "escalated", "sla_breached", "tagged"] as const;
export type TaskEventKind = (typeof TASK_EVENT_KINDS)[number];
export const taskEvents = sqliteTable(
  "task_events",
  entity({
    taskId: integer("task_id").notNull().references(() => tasks.id),
    kind: text("kind", { enum: TASK_EVENT_KINDS }).notNull(),
    actorId: integer("actor_id").references(() => users.id),
    ruleId: integer("rule_id"),
    /** One sentence for the timeline, written when it happened. */
    summary: text("summary").notNull(),
    details: text("details", { mode: "json" }).$type<Record<string, unknown>>().notNull().default({}),
  }),
  (t) => [
    index("task_events_task_idx").on(t.taskId, t.id),
    uniqueIndex("task_events_rule_once_idx").on(t.ruleId, t.taskId).where(sql`${t.ruleId} is not null`),
    // One breach per clock: details.clock is "first_response" or "resolution:<clock start ms>"
    // (a reopened task's fresh resolution clock is another clock).
    uniqueIndex("task_events_breach_once_idx").on(t.taskId, sql`json_extract(${t.details}, '$.clock')`).where(sql`${t.kind} = 'sla_breached'`),
    index("task_events_kind_created_idx").on(t.kind, t.createdAt),
  ],
);
export type TaskEvent = typeof taskEvents.$inferSelect;

/** Conditions and actions of an escalation rule, as lib/support/rules.ts validates them. */
export type RuleConditions = {
  sentiments?: Sentiment[];
  minConfidence?: number;
  emotions?: string[];
  priorities?: Priority[];
  categoryIds?: number[];
  channels?: Channel[];
  accountAtRisk?: boolean;
  phrases?: string[];
  waitingMinutes?: number;
};
export type RuleActions = {
  setPriority?: Priority;
  assignTo?: number;
  webhook?: boolean;
  emails?: string[];
  addTag?: string;
};

export const escalationRules = sqliteTable(
  "escalation_rules",
  entity({
    name: text("name").notNull(),
    active: integer("active", { mode: "boolean" }).notNull().default(true),
    conditions: text("conditions", { mode: "json" }).$type<RuleConditions>().notNull(),
    actions: text("actions", { mode: "json" }).$type<RuleActions>().notNull(),
    authorId: integer("author_id").references(() => users.id),
  }),
  (t) => [index("escalation_rules_active_idx").on(t.active)],
);
export type EscalationRule = typeof escalationRules.$inferSelect;

/** First-response and resolution targets per priority, in minutes (seeded by the migration). */
export const slaTargets = sqliteTable("sla_targets", withTimestamps({
  priority: text("priority", { enum: PRIORITIES }).primaryKey(),
  firstResponseMinutes: real("first_response_minutes").notNull(),
  resolutionMinutes: real("resolution_minutes").notNull(),
}));
export type SlaTarget = typeof slaTargets.$inferSelect;

/** Per category: hand new tasks to active agents in turn. */
export const categoryRouting = sqliteTable("category_routing", withTimestamps({
  categoryId: integer("category_id").primaryKey().references(() => categories.id),
  roundRobin: integer("round_robin", { mode: "boolean" }).notNull().default(false),
  lastAssignedTo: integer("last_assigned_to").references(() => users.id),
}));

/**
 * Settings of the organisation as a whole (lib/org-settings.ts): one row per key, its value as
 * JSON, e.g. where SLA and escalation alerts go and the organisation's time zone.
 */
export const orgSettings = sqliteTable("org_settings", withTimestamps({
  key: text("key").primaryKey(),
  value: text("value", { mode: "json" }).$type<unknown>().notNull(),
  updatedById: integer("updated_by_id").references(() => users.id),
}));

/**
 * The organisation time zone's offsets from UTC (lib/platform/time-zone.ts writes them when an admin
 * picks a zone): from `starts_at` (ms) on, local time is UTC + offset_minutes. The trend
 * triggers read it to file each request under its local calendar day; empty means UTC.
 */
export const orgDayOffsets = sqliteTable("org_day_offsets", {
  startsAt: integer("starts_at").primaryKey(),
  offsetMinutes: integer("offset_minutes").notNull(),
});

export const EMAIL_STATUSES = ["pending", "sent", "failed"] as const;
/**
 * Outgoing e-mail (lib/mail/): rows make a message survive restarts and let the worker retry
 * it like a webhook delivery.
 */
export const emailOutbox = sqliteTable(
  "email_outbox",
  entity({
    to: text("to", { mode: "json" }).$type<string[]>().notNull(),
    subject: text("subject").notNull(),
    body: text("body").notNull(),
    /** What made it, e.g. "task.escalated" (for the log and the admin's view). */
    reason: text("reason").notNull().default(""),
    /** Threading headers of a reply to a customer: Message-ID, In-Reply-To, References (issue 20). */
    headers: text("headers", { mode: "json" }).$type<Record<string, string>>().notNull().default({}),
    status: text("status", { enum: EMAIL_STATUSES }).notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: integer("next_attempt_at", { mode: "timestamp_ms" }).notNull(),
    lastError: text("last_error"),
    sentAt: integer("sent_at", { mode: "timestamp_ms" }),
  }),
  (t) => [index("email_outbox_due_idx").on(t.status, t.nextAttemptAt)],
);
export type OutgoingEmail = typeof emailOutbox.$inferSelect;

// Derived tables, kept exact by SQLite triggers on tasks (see migration 0002): every
// writer — the app, imports, the seed, reviews, the emotion backfill — updates them
// without knowing they exist. They hold counts only, so they carry no timestamps.

/**
 * Tasks per UTC day, category, effective sentiment and emotion: the trends and emotion
 * pages read a few thousand of these rows instead of scanning millions of tasks.
 * '' stands for "not scored yet" (sentiment) and "pending" (emotion), because NULLs
 * never match in a primary key.
 */
export const taskDailyCounts = sqliteTable(
  "task_daily_counts",
  {
    /** Days since 1970-01-01 UTC (created_at / 86 400 000). */
    day: integer("day").notNull(),
    categoryId: integer("category_id").notNull(),
    sentiment: text("sentiment").notNull().default(""),
    emotion: text("emotion").notNull().default(""),
    tasks: integer("tasks").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.day, t.categoryId, t.sentiment, t.emotion] })],
);
export type TaskDailyCount = typeof taskDailyCounts.$inferSelect;

/**
 * Each account's current run of negative requests: the negatives after its newest
 * neutral or positive request (scored requests only, in created_at order).
 */
export const accountStreaks = sqliteTable(
  "account_streaks",
  {
    accountId: integer("account_id").primaryKey(),
    streak: integer("streak").notNull().default(0),
    /** created_at of the run's first and newest request; null while the run is empty. */
    streakStartedAt: integer("streak_started_at", { mode: "timestamp_ms" }),
    lastNegativeAt: integer("last_negative_at", { mode: "timestamp_ms" }),
    /**
     * created_at of the account's newest negative requests (at most RECENT_NEGATIVES_KEPT),
     * newest first, each as 13 zero-padded digits, concatenated. Fixed width makes text
     * order equal number order, so "at least K negatives since T" is one substr comparison
     * of the K-th entry per account, whatever the window's length.
     */
    recentNegatives: text("recent_negatives").notNull().default(""),
  },
  (t) => [index("account_streaks_streak_idx").on(t.streak, t.lastNegativeAt)],
);
export type AccountStreak = typeof accountStreaks.$inferSelect;
/** How many negative timestamps account_streaks.recent_negatives keeps (the migration's triggers use the same number). */
export const RECENT_NEGATIVES_KEPT = 20;

export const predictions = sqliteTable(
  "predictions",
  entity({
    taskId: integer("task_id").notNull().references(() => tasks.id),
    /**
     * The customer message whose text was scored: set for a follow-up's prediction (issue 20);
     * null for the task's opening text (tasks.text) — every prediction made before
     * conversations, and bulk loads. Reviews' training examples and the emotion backfill read
     * the text through it. No foreign key, like tasks.latest_prediction_id: messages go only
     * with their task, and a key would make each message deletion search this table.
     */
    messageId: integer("message_id"),
    modelVersionId: integer("model_version_id").references(() => modelVersions.id),
    sentiment: text("sentiment", { enum: SENTIMENTS }).notNull(),
    scores: text("scores", { mode: "json" }).$type<Record<string, number>>().notNull(),
    confidence: real("confidence").notNull(),
    explanation: text("explanation", { mode: "json" }).$type<unknown[]>(),
    emotion: text("emotion"),
    emotionScores: text("emotion_scores", { mode: "json" }).$type<Record<string, number>>(),
    emotionStatus: text("emotion_status", { enum: EMOTION_STATUSES }).notNull().default("pending"),
    emotionModel: text("emotion_model"),
  }),
  (t) => [
    index("predictions_task_created_idx").on(t.taskId, t.createdAt),
    index("predictions_created_idx").on(t.createdAt),
    index("predictions_emotion_status_idx").on(t.emotionStatus),
    index("predictions_model_idx").on(t.modelVersionId),
  ],
);
export type Prediction = typeof predictions.$inferSelect;

// An audit trail: rows are never deleted. An undo only stamps undone_at / undone_by_id on the
// rows it takes back; they stay in the history, marked undone, and no longer count.
export const reviews = sqliteTable(
  "reviews",
  entity({
    predictionId: integer("prediction_id").notNull().references(() => predictions.id),
    taskId: integer("task_id").notNull().references(() => tasks.id),
    reviewerId: integer("reviewer_id").notNull().references(() => users.id),
    labelBefore: text("label_before", { enum: SENTIMENTS }).notNull(),
    labelAfter: text("label_after", { enum: SENTIMENTS }).notNull(),
    note: text("note"),
    /** The task's flagged_at when it was reviewed (a review clears it; an undo puts it back). */
    flaggedAtBefore: integer("flagged_at_before", { mode: "timestamp_ms" }),
    undoneAt: integer("undone_at", { mode: "timestamp_ms" }),
    undoneById: integer("undone_by_id").references(() => users.id),
  }),
  (t) => [
    index("reviews_task_idx").on(t.taskId, t.id),
    index("reviews_reviewer_idx").on(t.reviewerId, t.createdAt),
    index("reviews_created_idx").on(t.createdAt),
  ],
);
export type Review = typeof reviews.$inferSelect;

export const DATASET_KINDS = ["demo", "import", "corrections", "manual"] as const;

export const datasets = sqliteTable("datasets", entity({
  name: text("name").notNull().unique(),
  description: text("description").notNull().default(""),
  kind: text("kind", { enum: DATASET_KINDS }).notNull().default("manual"),
  authorId: integer("author_id").references(() => users.id),
}));
export type Dataset = typeof datasets.$inferSelect;

export const examples = sqliteTable(
  "examples",
  entity({
    datasetId: integer("dataset_id").notNull().references(() => datasets.id),
    text: text("text").notNull(),
    label: text("label").notNull(),
    categoryId: integer("category_id").references(() => categories.id),
    sourceTaskId: integer("source_task_id").references(() => tasks.id),
    occurredAt: integer("occurred_at", { mode: "timestamp_ms" }),
  }),
  (t) => [
    index("examples_dataset_idx").on(t.datasetId, t.occurredAt),
    index("examples_source_task_idx").on(t.sourceTaskId),
  ],
);
export type Example = typeof examples.$inferSelect;

export const followUps = sqliteTable(
  "follow_ups",
  entity({
    accountId: integer("account_id").notNull().references(() => customerAccounts.id),
    // The negative streak that opened it: task ids and the rule that matched.
    reason: text("reason", { mode: "json" }).$type<Record<string, unknown>>().notNull().default({}),
    ownerId: integer("owner_id").references(() => users.id),
    mechanism: text("mechanism", { enum: FOLLOW_UP_MECHANISMS }).notNull().default("call"),
    status: text("status", { enum: FOLLOW_UP_STATUSES }).notNull().default("open"),
    notes: text("notes").notNull().default(""),
    closedAt: integer("closed_at", { mode: "timestamp_ms" }),
  }),
  (t) => [index("follow_ups_account_idx").on(t.accountId, t.createdAt), index("follow_ups_status_idx").on(t.status)],
);
export type FollowUp = typeof followUps.$inferSelect;

export const API_SCOPES = ["predict", "tasks:read", "tasks:write", "review", "train", "trends:read", "rules"] as const;
export type ApiScope = (typeof API_SCOPES)[number];

export const apiKeys = sqliteTable("api_keys", entity({
  name: text("name").notNull(),
  prefix: text("prefix").notNull().unique(),
  hash: text("hash").notNull(),
  scopes: text("scopes", { mode: "json" }).$type<ApiScope[]>().notNull(),
  authorId: integer("author_id").references(() => users.id),
  lastUsedAt: integer("last_used_at", { mode: "timestamp_ms" }),
  revokedAt: integer("revoked_at", { mode: "timestamp_ms" }),
}));
export type ApiKey = typeof apiKeys.$inferSelect;

export const auditLog = sqliteTable(
  "audit_log",
  entity({
    actorId: integer("actor_id").references(() => users.id),
    action: text("action").notNull(),
    target: text("target"),
    details: text("details", { mode: "json" }).$type<Record<string, unknown>>().notNull().default({}),
  }),
  (t) => [index("audit_log_created_idx").on(t.createdAt), index("audit_log_action_idx").on(t.action)],
);
export type AuditEntry = typeof auditLog.$inferSelect;

export const WEBHOOK_EVENTS = ["account.at_risk", "training_run.finished", "model.promoted", "task.escalated", "task.sla_breached"] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];
export const DELIVERY_STATUSES = ["pending", "delivered", "failed"] as const;

// Outgoing notifications to other systems. The signing secret is stored encrypted
// (AES-256-GCM under a key derived from AUTH_SECRET, lib/platform/secret-box.ts), since the HMAC
// needs it back; it is shown to the admin once and never returned again.
export const webhooks = sqliteTable("webhooks", entity({
  url: text("url").notNull(),
  events: text("events", { mode: "json" }).$type<WebhookEvent[]>().notNull(),
  secret: text("secret").notNull(),
  active: integer("active", { mode: "boolean" }).notNull().default(true),
  authorId: integer("author_id").references(() => users.id),
}));
export type Webhook = typeof webhooks.$inferSelect;

export const webhookDeliveries = sqliteTable(
  "webhook_deliveries",
  entity({
    webhookId: integer("webhook_id").notNull().references(() => webhooks.id),
    event: text("event", { enum: WEBHOOK_EVENTS }).notNull(),
    payload: text("payload", { mode: "json" }).$type<Record<string, unknown>>().notNull(),
    status: text("status", { enum: DELIVERY_STATUSES }).notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: integer("next_attempt_at", { mode: "timestamp_ms" }).notNull(),
    responseStatus: integer("response_status"),
    lastError: text("last_error"),
    deliveredAt: integer("delivered_at", { mode: "timestamp_ms" }),
  }),
  (t) => [index("webhook_deliveries_due_idx").on(t.status, t.nextAttemptAt), index("webhook_deliveries_webhook_idx").on(t.webhookId, t.id)],
);
export type WebhookDelivery = typeof webhookDeliveries.$inferSelect;
