// The agents' task queue: listing with filters, one task's page, status changes and
// the "prediction looks wrong" flag. Pages, actions and the REST API all call these.
import { z } from "zod";
import { insertAuditEntry } from "@/db/queries/audit";
import { getTaskDetail, listTaskFlags, listTaskReviews, setTaskFlag } from "@/db/queries/task-detail";
import { findTasks, getTaskRow, TASK_SORTS, type TaskCursor, type TaskFilter, type TaskRow } from "@/db/queries/task-list";
import { listTaskEvents } from "@/db/queries/support";
import { otherConversations } from "@/db/queries/conversations";
import { surveyOfTask } from "@/db/queries/satisfaction";
import { conversation } from "@/lib/conversations/messages";
import { PRIORITIES, SENTIMENTS, TASK_STATUSES } from "@/db/schema";
import { SENTIMENT_TRENDS } from "@/db/conversation-trend";
import { changeStatus, type Actor } from "@/lib/support/ownership";
import { DAY_MS, parseIsoDay } from "@/lib/platform/days";
import { NUL_MESSAGE, withoutNul } from "@/lib/intake/scored-task";
import { AppError, parseOrThrow } from "@/lib/platform/errors";
import { classifierForVersion } from "@/lib/sentiment/version-cache";

const optionalId = z.preprocess((v) => (v === "" || v === null ? undefined : v), z.coerce.number().int().positive().optional());
const optionalDate = z.preprocess((v) => (v === "" || v === null ? undefined : v), z.coerce.date().optional());
const optionalEnum = <T extends readonly [string, ...string[]]>(values: T) =>
  z.preprocess((v) => (v === "" || v === null ? undefined : v), z.enum(values).optional());

export const taskQuerySchema = z.object({
  category: optionalId,
  sentiment: optionalEnum(SENTIMENTS),
  emotion: z.preprocess((v) => (v === "" ? undefined : v), z.string().max(40).optional()),
  status: optionalEnum(TASK_STATUSES),
  account: optionalId,
  from: optionalDate,
  to: optionalDate,
  q: z.preprocess((v) => (v === "" ? undefined : v), z.string().trim().max(200).optional()),
  flagged: z.preprocess((v) => (v === "" || v === undefined ? undefined : v === "true" || v === true), z.boolean().optional()),
  reviewed: z.preprocess((v) => (v === "" || v === undefined ? undefined : v === "true" || v === true), z.boolean().optional()),
  priority: optionalEnum(PRIORITIES),
  owner: z.preprocess(
    (v) => (v === "" || v === null ? undefined : v),
    z.union([z.literal("none"), z.coerce.number({ message: 'The owner is a user id or "none".' }).int().positive()]).optional(),
  ),
  breached: z.preprocess((v) => (v === "" || v === undefined ? undefined : v === "true" || v === true ? true : v === "false" || v === false ? false : v), z.boolean({ message: "breached is true or false." }).optional()),
  trend: optionalEnum(SENTIMENT_TRENDS),
  sort: optionalEnum(TASK_SORTS),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).optional(),
});
export type TaskQuery = z.infer<typeof taskQuerySchema>;

export function encodeCursor(cursor: TaskCursor): string {
  return Buffer.from(JSON.stringify([cursor.v, cursor.id])).toString("base64url");
}

export function decodeCursor(raw: string): TaskCursor {
  try {
    const [v, id] = JSON.parse(Buffer.from(raw, "base64url").toString("utf8"));
    if (typeof v === "number" && Number.isInteger(id)) return { v, id };
  } catch {
    // fall through
  }
  throw new AppError("validation:cursor", "The page cursor is not valid.");
}

export function parseTaskQuery(input: unknown): TaskQuery {
  return parseOrThrow(taskQuerySchema, input, "validation:task_query", "The task filter is not valid.");
}

/**
 * The task list page's filters as the query takes them. On the page, as on every page with a
 * date range, days are the organisation's (`dayStart`, lib/platform/time-zone.ts) and "to" is the last
 * day shown; the query's `to` is exclusive (requests before it), as the REST API documents, so
 * the page asks for requests before the next day's midnight. Anything that is not a calendar
 * day is passed on as it is, for the query to read or refuse.
 */
export function taskQueryFromPage(raw: Record<string, string | undefined>, dayStart: (day: number) => Date = (d) => new Date(d * DAY_MS)): Record<string, string | undefined> {
  const firstDay = raw.from ? parseIsoDay(raw.from) : null;
  const lastDay = raw.to ? parseIsoDay(raw.to) : null;
  return {
    ...raw,
    ...(firstDay === null ? {} : { from: dayStart(firstDay).toISOString() }),
    ...(lastDay === null ? {} : { to: dayStart(lastDay + 1).toISOString() }),
  };
}

/**
 * `defaultSort`: the API keeps "newest" for its callers; the queue page orders by priority, then time left.
 * `unfinished`: leave closed tasks out unless a status is asked for (the page's My queue and Unassigned).
 */
export async function listTaskQueue(
  input: unknown,
  { defaultSort = "newest", unfinished = false }: { defaultSort?: (typeof TASK_SORTS)[number]; unfinished?: boolean } = {},
) {
  const q = parseTaskQuery(input);
  const filter: TaskFilter = {
    categoryId: q.category,
    sentiment: q.sentiment,
    emotion: q.emotion,
    status: q.status,
    accountId: q.account,
    from: q.from,
    to: q.to,
    q: q.q,
    flagged: q.flagged,
    reviewed: q.reviewed,
    priority: q.priority,
    owner: q.owner,
    breached: q.breached,
    trend: q.trend,
    unfinished: unfinished && !q.status,
  };
  const { rows, next } = await findTasks({ filter, sort: q.sort ?? defaultSort, cursor: q.cursor ? decodeCursor(q.cursor) : undefined, limit: q.limit ?? 50 });
  return { query: q, rows, nextCursor: next ? encodeCursor(next) : null };
}

export async function taskPage(id: number) {
  const detail = await getTaskDetail({ id });
  if (!detail) throw new AppError("not_found:task", `Task ${id} does not exist.`);
  const { task, prediction } = detail;
  const [survey, talk, history, reviewRows, row, events] = await Promise.all([
    surveyOfTask({ taskId: task.id }),
    conversation(task.id),
    otherConversations({ accountId: detail.account.id, exceptTaskId: task.id }),
    listTaskReviews({ taskId: task.id }),
    getTaskRow({ id: task.id }),
    listTaskEvents({ taskId: task.id }),
  ]);
  // The words that drove the current label: the latest customer message's, by the model version that scored it.
  const latest = talk.messages.findLast((m) => m.author === "customer");
  const classifier = prediction?.modelVersionId ? await classifierForVersion(prediction.modelVersionId) : null;
  const explanation = classifier ? classifier.explain(latest?.text ?? task.text) : [];
  return { ...detail, explanation, explainedMessageId: latest?.id ?? null, conversation: talk, survey: survey ?? null, history, reviews: reviewRows, row: row!, events };
}

const statusChange = z.object({ id: z.coerce.number().int().positive(), status: z.enum(TASK_STATUSES) });

export async function changeTaskStatus(input: unknown, actor: Actor): Promise<void> {
  const { id, status } = parseOrThrow(statusChange, input, "validation:status", "Unknown status.");
  await changeStatus(id, status, actor);
}

export const FLAG_REASON_MAX_LENGTH = 500;

const flagChange = z.discriminatedUnion("flagged", [
  z.object({
    id: z.coerce.number().int().positive(),
    flagged: z.literal(true),
    // The supervisor who reviews it needs to know what looked wrong.
    reason: z
      .string("Say what looks wrong.")
      .trim()
      .min(3, "Say what looks wrong, in a few words.")
      .max(FLAG_REASON_MAX_LENGTH, `Keep the reason under ${FLAG_REASON_MAX_LENGTH} characters.`)
      .refine(withoutNul, NUL_MESSAGE),
  }),
  z.object({ id: z.coerce.number().int().positive(), flagged: z.literal(false) }),
]);

/** Flags a task's prediction as wrong (with a reason, in the flagger's name) or takes the flag away; audited. */
export async function flagTaskForReview(input: unknown, actorId: number): Promise<void> {
  const raw = input && typeof input === "object" ? (input as Record<string, unknown>) : {};
  const data = parseOrThrow(flagChange, { ...raw, flagged: raw.flagged === true || raw.flagged === "true" }, "validation:flag");
  const flag = data.flagged ? { byId: actorId, reason: data.reason } : null;
  if (!(await setTaskFlag({ id: data.id, flag }))) throw new AppError("not_found:task", `Task ${data.id} does not exist.`);
  await insertAuditEntry({ actorId, action: data.flagged ? "task.flag" : "task.unflag", target: `task:${data.id}`, details: flag ? { reason: flag.reason } : {} });
}

/** Who flagged each task and why, by task id (the review queue shows it beside each flagged row). */
export async function flagsOf(taskIds: number[]) {
  const rows = await listTaskFlags({ taskIds });
  return new Map(rows.map((r) => [r.taskId, { reason: r.reason, flaggedBy: r.flaggedBy, flaggedAt: r.flaggedAt }]));
}

/** One task in the list's shape, or AppError 404. */
export async function taskRow(id: number): Promise<TaskRow> {
  const row = await getTaskRow({ id });
  if (!row) throw new AppError("not_found:task", `Task ${id} does not exist.`);
  return row;
}

export function parseId(raw: string | undefined, what = "task"): number {
  const id = Number(raw);
  if (!Number.isInteger(id) || id <= 0) throw new AppError(`not_found:${what}`, `There is no ${what} "${raw}".`);
  return id;
}
