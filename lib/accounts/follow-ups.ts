// The follow-up workflow for at-risk accounts: open (owner, mechanism, notes), update
// status / owner / notes while it runs, close it when resolved (closing is the one way to
// end it). Every change is audited.
// Closing settles the account's current series of negatives (lib/accounts/at-risk.ts).
import { z } from "zod";
import { insertAuditEntry } from "@/db/queries/audit";
import { findFollowUp, insertFollowUpIfNoneActive, isActiveUser, listAccountFollowUps, updateActiveFollowUp, type FollowUp } from "@/db/queries/follow-ups";
import { FOLLOW_UP_MECHANISMS, FOLLOW_UP_STATUSES } from "@/db/schema";
import { currentRun } from "@/lib/accounts/at-risk";
import { toCsv } from "@/lib/platform/csv-writer";
import { AppError, parseOrThrow } from "@/lib/platform/errors";
import { orgClock } from "@/lib/platform/time-zone";

/**
 * The statuses a running follow-up can be set to. A follow-up ends one way only: by closing
 * it, with a note on how it was resolved. ("resolved" stays a stored status for follow-ups
 * set to it before closing was the only way; such a follow-up still needs closing.)
 */
export const ACTIVE_FOLLOW_UP_STATUSES = ["open", "in_progress"] as const satisfies readonly (typeof FOLLOW_UP_STATUSES)[number][];
export const FOLLOW_UP_STATUS_LABELS: Record<(typeof FOLLOW_UP_STATUSES)[number], string> = {
  open: "Open",
  in_progress: "In progress",
  resolved: "Resolved, not closed",
  closed: "Closed",
};
export const MECHANISM_LABELS: Record<(typeof FOLLOW_UP_MECHANISMS)[number], string> = {
  call: "Phone call",
  email: "E-mail",
  credit: "Credit / goodwill",
  escalation: "Escalation",
};

const id = (label: string) => z.coerce.number({ message: `Choose ${label}.` }).int().positive(`Choose ${label}.`);
const notes = z.string().trim().max(4000, "Keep notes under 4,000 characters.");

export const openFollowUpSchema = z.object({
  accountId: id("an account"),
  ownerId: id("an owner"),
  mechanism: z.enum(FOLLOW_UP_MECHANISMS, { message: "Choose how to follow up." }),
  notes: notes.default(""),
});

export const updateFollowUpSchema = z.object({
  id: id("a follow-up"),
  ownerId: id("an owner"),
  mechanism: z.enum(FOLLOW_UP_MECHANISMS, { message: "Choose how to follow up." }),
  status: z.enum(ACTIVE_FOLLOW_UP_STATUSES, { message: "Choose open or in progress; close the follow-up to end it." }),
  notes: notes.default(""),
});

export const closeFollowUpSchema = z.object({
  id: id("a follow-up"),
  note: z.string().trim().max(1000, "Keep the closing note under 1,000 characters.").default(""),
});

const CORRECT_FIELDS = "Please correct the highlighted fields.";

async function requireOwner(ownerId: number) {
  if (!(await isActiveUser({ id: ownerId }))) throw new AppError("validation:follow_up", "The owner must be an active user.", { fieldErrors: { ownerId: "Choose an active user." } });
}

async function requireActive(followUpId: number): Promise<FollowUp> {
  const existing = await findFollowUp({ id: followUpId });
  if (!existing) throw new AppError("not_found:follow_up", `Follow-up ${followUpId} does not exist.`);
  if (existing.status === "closed") throw new AppError("conflict:follow_up", "This follow-up is already closed.");
  return existing;
}

/** Opens a follow-up; the reason records the run of negatives that prompted it. */
export async function openFollowUp(input: unknown, actorId: number): Promise<FollowUp> {
  const data = parseOrThrow(openFollowUpSchema, input, "validation:follow_up", CORRECT_FIELDS);
  const run = await currentRun(data.accountId); // also: 404 for an unknown account
  await requireOwner(data.ownerId);
  const reason = {
    rule: "consecutive negatives",
    run: run.length,
    taskIds: run.tasks.map((t) => t.id),
    runStartedAt: run.tasks[0]?.createdAt.toISOString() ?? null,
    lastNegativeAt: run.tasks.at(-1)?.createdAt.toISOString() ?? null,
  };
  const created = await insertFollowUpIfNoneActive({ accountId: data.accountId, ownerId: data.ownerId, mechanism: data.mechanism, notes: data.notes, reason });
  if (!created) throw new AppError("conflict:follow_up", "This account already has a follow-up in progress.");
  await insertAuditEntry({
    actorId,
    action: "follow_up.open",
    target: `follow_up:${created.id}`,
    details: { accountId: created.accountId, ownerId: created.ownerId, mechanism: created.mechanism, run: run.length },
  });
  return created;
}

/** Changes owner, mechanism, status or notes of a running follow-up; audits what changed. */
export async function updateFollowUp(input: unknown, actorId: number): Promise<FollowUp> {
  const data = parseOrThrow(updateFollowUpSchema, input, "validation:follow_up", CORRECT_FIELDS);
  const before = await requireActive(data.id);
  if (data.ownerId !== before.ownerId) await requireOwner(data.ownerId);
  const changes: Record<string, { from: unknown; to: unknown }> = {};
  for (const key of ["ownerId", "mechanism", "status", "notes"] as const) {
    if (data[key] !== before[key]) changes[key] = { from: before[key], to: data[key] };
  }
  if (Object.keys(changes).length === 0) return before;
  const after = await updateActiveFollowUp({ id: data.id, changes: { ownerId: data.ownerId, mechanism: data.mechanism, status: data.status, notes: data.notes } });
  if (!after) throw new AppError("conflict:follow_up", "This follow-up was closed meanwhile.");
  await insertAuditEntry({ actorId, action: "follow_up.update", target: `follow_up:${after.id}`, details: { accountId: after.accountId, changes } });
  return after;
}

/** Closes a follow-up: from now on, only a new series of negatives lists the account again. */
export async function closeFollowUp(input: unknown, actorId: number, now = new Date()): Promise<FollowUp> {
  const data = parseOrThrow(closeFollowUpSchema, input, "validation:follow_up", CORRECT_FIELDS);
  const before = await requireActive(data.id);
  const stamp = now.toISOString().slice(0, 10);
  const notesAfter = data.note ? [before.notes, `Closed ${stamp}: ${data.note}`].filter(Boolean).join("\n\n") : before.notes;
  const after = await updateActiveFollowUp({ id: data.id, changes: { status: "closed", closedAt: now, notes: notesAfter } });
  if (!after) throw new AppError("conflict:follow_up", "This follow-up was closed meanwhile.");
  await insertAuditEntry({
    actorId,
    action: "follow_up.close",
    target: `follow_up:${after.id}`,
    details: { accountId: after.accountId, statusBefore: before.status, note: data.note || null },
  });
  return after;
}

/** An account's follow-ups, newest first, as CSV. */
export async function accountFollowUpsCsv(accountId: number): Promise<string> {
  await currentRun(accountId); // 404 for an unknown account
  const rows = await listAccountFollowUps({ accountId });
  const header = ["follow_up_id", "account_id", "opened_at", "owner", "owner_email", "mechanism", "status", "closed_at", "series_length", "series_task_ids", "notes"];
  return toCsv(
    header,
    rows.map((f) => [
      f.id, f.accountId, f.createdAt, f.ownerName, f.ownerEmail, f.mechanism, f.status, f.closedAt,
      typeof f.reason.run === "number" ? f.reason.run : null,
      Array.isArray(f.reason.taskIds) ? f.reason.taskIds.join(" ") : null,
      f.notes,
    ]),
    { dateText: (await orgClock()).iso },
  );
}
