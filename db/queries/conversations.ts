// A task's conversation: its messages, a customer's follow-up (scored, and the task's labels
// with it), an agent's reply or note, and e-mail threading look-ups.
import { and, asc, desc, eq, inArray, ne, sql, type SQL } from "drizzle-orm";
import { getDb, type Database } from "../client";
import { predictions, taskMessages, tasks, users, type TaskMessage } from "../schema";
import type { NewPrediction } from "./tasks";

export type MessageRow = TaskMessage & { authorName: string | null; emailStatus: "pending" | "sent" | "failed" | null };

export async function listMessages({ taskId }: { taskId: number }, db: Database = getDb()): Promise<MessageRow[]> {
  return db
    .select({
      ...tableColumns,
      authorName: users.name,
      emailStatus: sql<"pending" | "sent" | "failed" | null>`(select status from email_outbox where email_outbox.id = ${taskMessages.emailOutboxId})`,
    })
    .from(taskMessages)
    .leftJoin(users, eq(users.id, taskMessages.authorId))
    .where(eq(taskMessages.taskId, taskId))
    .orderBy(asc(taskMessages.id));
}

const tableColumns = {
  id: taskMessages.id,
  taskId: taskMessages.taskId,
  author: taskMessages.author,
  authorId: taskMessages.authorId,
  channel: taskMessages.channel,
  text: taskMessages.text,
  internal: taskMessages.internal,
  sentiment: taskMessages.sentiment,
  confidence: taskMessages.confidence,
  emotion: taskMessages.emotion,
  emailMessageId: taskMessages.emailMessageId,
  emailOutboxId: taskMessages.emailOutboxId,
  createdAt: taskMessages.createdAt,
  updatedAt: taskMessages.updatedAt,
};

/** The task a Message-ID (one of ours or one we received) belongs to, the newest match first. */
export async function taskOfEmailIds({ messageIds }: { messageIds: string[] }, db: Database = getDb()): Promise<number | null> {
  if (messageIds.length === 0) return null;
  const [row] = await db.select({ taskId: taskMessages.taskId }).from(taskMessages).where(inArray(taskMessages.emailMessageId, messageIds)).orderBy(desc(taskMessages.id)).limit(1);
  return row?.taskId ?? null;
}

export async function messageByEmailId({ messageId }: { messageId: string }, db: Database = getDb()) {
  const [row] = await db.select().from(taskMessages).where(eq(taskMessages.emailMessageId, messageId)).limit(1);
  return row;
}

/** The Message-IDs of a conversation, oldest first (a reply's References header). */
export async function threadEmailIds({ taskId }: { taskId: number }, db: Database = getDb()): Promise<string[]> {
  const rows = await db
    .select({ id: taskMessages.emailMessageId })
    .from(taskMessages)
    .where(and(eq(taskMessages.taskId, taskId), sql`${taskMessages.emailMessageId} is not null`))
    .orderBy(asc(taskMessages.id));
  return rows.map((r) => r.id!);
}

/** Sets the opening message's Message-ID (a task opened by an e-mail; the trigger wrote the message). */
export async function setOpeningEmailId({ taskId, messageId }: { taskId: number; messageId: string }, db: Database = getDb()): Promise<void> {
  await db
    .update(taskMessages)
    .set({ emailMessageId: messageId })
    .where(eq(taskMessages.id, sql`(select min(id) from task_messages where task_id = ${taskId})`));
}

export type FollowUp = {
  taskId: number;
  text: string;
  channel: TaskMessage["channel"];
  emailMessageId: string | null;
  prediction: Omit<NewPrediction, "taskId">;
  negativeScore: number | null;
};

/**
 * A customer's follow-up, in one batch: the message, its prediction (pointing at the message,
 * whose text it scored), and the task's labels (the latest customer message's). The opening
 * label is frozen on the first follow-up (the right-hand side reads the row before the
 * update). A supervisor's earlier correction was of an earlier message, so the task is back
 * to the model's label and in the review queue.
 */
export async function insertFollowUp(f: FollowUp, db: Database = getDb()): Promise<{ messageId: number; predictionId: number }> {
  // Inside the batch no other writer can interleave, so the newest ids are ours.
  const newestMessage = sql`(select max(${taskMessages.id}) from ${taskMessages})`;
  const newestPrediction = sql`(select max(${predictions.id}) from ${predictions})`;
  const [[m], [p]] = await db.batch([
    db
      .insert(taskMessages)
      .values({ taskId: f.taskId, author: "customer", channel: f.channel, text: f.text, sentiment: f.prediction.sentiment, confidence: f.prediction.confidence, emotion: f.prediction.emotion ?? null, emailMessageId: f.emailMessageId })
      .returning({ id: taskMessages.id }),
    db.insert(predictions).values({ ...f.prediction, taskId: f.taskId, messageId: newestMessage }).returning({ id: predictions.id }),
    db
      .update(tasks)
      .set({
        openingSentiment: sql`coalesce(${tasks.openingSentiment}, ${tasks.sentiment})`,
        sentiment: f.prediction.sentiment,
        confidence: f.prediction.confidence,
        negativeScore: f.negativeScore,
        emotion: f.prediction.emotion ?? null,
        reviewed: false,
        latestPredictionId: newestPrediction,
      })
      .where(eq(tasks.id, f.taskId)),
  ]);
  return { messageId: m.id, predictionId: p.id };
}

/**
 * What the customer said last, as SQL over `tasks`: the latest customer message's text for a
 * conversation with follow-ups (opening_sentiment is set on the first one), else the opening
 * text without reading task_messages. The text the task's current labels are about.
 */
// "tasks"."id" spelled out: in a query on tasks alone drizzle writes a bare "id", which inside
// the subquery would name the message's own id.
export const latestCustomerText = sql<string>`(case when "tasks"."opening_sentiment" is null then "tasks"."text"
  else coalesce((select lm.text from ${taskMessages} lm where lm.task_id = "tasks"."id" and lm.author = 'customer' order by lm.id desc limit 1), "tasks"."text") end)`;

/** The latest customer message's text of one task (an alert quotes what the customer said last). */
export async function latestCustomerMessageText({ taskId }: { taskId: number }, db: Database = getDb()): Promise<string | null> {
  const [row] = await db.select({ text: latestCustomerText }).from(tasks).where(eq(tasks.id, taskId));
  return row?.text ?? null;
}

/**
 * The text a prediction scored, as SQL: its follow-up message's, or the task's opening text
 * (predictions.message_id is null for the opening request). `column` "created_at" gives when
 * that text arrived instead. What a review corrects, and what the emotion backfill classifies.
 */
export function scoredTextOf(predictionId: SQL, column: "text" | "created_at" = "text"): SQL {
  return sql`(select coalesce(m.${sql.raw(column)}, t.${sql.raw(column)}) from ${predictions} p
    join ${tasks} t on t.id = p.task_id left join ${taskMessages} m on m.id = p.message_id where p.id = ${predictionId})`;
}

export async function insertAgentMessage(
  values: { taskId: number; authorId: number | null; text: string; internal: boolean; emailMessageId: string | null; emailOutboxId: number | null },
  db: Database = getDb(),
): Promise<number> {
  const [row] = await db.insert(taskMessages).values({ ...values, author: "agent", channel: "email" }).returning({ id: taskMessages.id });
  return row.id;
}

/** The customer's other conversations, newest first. */
export async function otherConversations({ accountId, exceptTaskId, limit = 10 }: { accountId: number; exceptTaskId: number; limit?: number }, db: Database = getDb()) {
  return db
    .select({ id: tasks.id, text: tasks.text, sentiment: tasks.sentiment, openingSentiment: tasks.openingSentiment, status: tasks.status, createdAt: tasks.createdAt })
    .from(tasks)
    .where(and(eq(tasks.accountId, accountId), ne(tasks.id, exceptTaskId)))
    .orderBy(desc(tasks.createdAt))
    .limit(limit);
}

/**
 * Conversations with a follow-up, per category and (opening, latest) label pair, created in
 * [from, to): read from the partial index tasks_conversation_trend_idx alone. The others have
 * one customer message, so their opening and latest labels are the same.
 */
export async function conversationPairs({ from, to }: { from: Date; to: Date }, db: Database = getDb()) {
  return db
    .select({ categoryId: tasks.categoryId, opening: tasks.openingSentiment, latest: tasks.sentiment, n: sql<number>`count(*)` })
    .from(tasks)
    .where(and(sql`${tasks.openingSentiment} is not null`, sql`${tasks.createdAt} >= ${from.getTime()}`, sql`${tasks.createdAt} < ${to.getTime()}`))
    .groupBy(tasks.categoryId, tasks.openingSentiment, tasks.sentiment);
}
