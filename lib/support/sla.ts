// SLA clocks: first-response and resolution targets per priority. A task's clock is its next
// deadline (tasks.sla_due_at); the worker's sweep finds the ones that ran out by index and
// fires `task.sla_breached` once per task — the first target it misses.
import { z } from "zod";
import { insertAuditEntry } from "@/db/queries/audit";
import { claimSlaBreach, dueSlaTasks, insertTaskEvents, listSlaTargets, saveSlaTargets } from "@/db/queries/support";
import { PRIORITIES, type Priority, type SlaTarget, type TaskStatus } from "@/db/schema";
import { parseOrThrow } from "@/lib/errors";
import { logger } from "@/lib/logger";
import { notifyTaskEvent } from "@/lib/support/notify";

export type Targets = Record<Priority, { firstResponseMinutes: number; resolutionMinutes: number }>;

const MINUTE_MS = 60_000;

export async function slaTargets(): Promise<Targets> {
  const rows: SlaTarget[] = await listSlaTargets();
  const byPriority = Object.fromEntries(rows.map((r) => [r.priority, { firstResponseMinutes: r.firstResponseMinutes, resolutionMinutes: r.resolutionMinutes }]));
  // The migration seeds all four; a missing row would be a hand edit, so fall back to "no target".
  return Object.fromEntries(PRIORITIES.map((p) => [p, byPriority[p] ?? { firstResponseMinutes: Infinity, resolutionMinutes: Infinity }])) as Targets;
}

export type ClockState = { priority: Priority; status: TaskStatus; createdAt: Date; firstResponseAt: Date | null; slaBreachedAt: Date | null };

/** The next deadline: first response until there is one, then resolution; none once closed or breached. */
export function slaDueAt(task: ClockState, targets: Targets): Date | null {
  if (task.status === "closed" || task.slaBreachedAt) return null;
  const t = targets[task.priority];
  const minutes = task.firstResponseAt ? t.resolutionMinutes : t.firstResponseMinutes;
  return Number.isFinite(minutes) ? new Date(task.createdAt.getTime() + minutes * MINUTE_MS) : null;
}

/** Which target the clock is counting down to, for the page: "first response" or "resolution". */
export function clockTarget(task: { firstResponseAt: Date | null }): "first response" | "resolution" {
  return task.firstResponseAt ? "resolution" : "first response";
}

const minutes = (label: string) =>
  z.coerce.number({ message: `${label} must be a number of minutes.` }).min(0.1, `${label} is at least 0.1 minute.`).max(60 * 24 * 90, `${label} is at most 90 days.`);

export const slaTargetsSchema = z
  .object(
    Object.fromEntries(
      PRIORITIES.flatMap((p) => [
        [`${p}_first_response`, minutes(`The ${p} first-response target`)],
        [`${p}_resolution`, minutes(`The ${p} resolution target`)],
      ]),
    ) as Record<string, ReturnType<typeof minutes>>,
  )
  .superRefine((v, ctx) => {
    for (const p of PRIORITIES) {
      if (v[`${p}_resolution`] < v[`${p}_first_response`]) ctx.addIssue({ code: "custom", path: [`${p}_resolution`], message: `The ${p} resolution target cannot be shorter than its first-response target.` });
    }
  });

/** Saves all four targets at once, or none (audited). New clocks use them; running clocks keep theirs. */
export async function updateSlaTargets(input: unknown, actorId: number): Promise<Targets> {
  const targets = parseOrThrow(slaTargetsSchema, input, "validation:sla_targets");
  const rows = PRIORITIES.map((p) => ({ priority: p, firstResponseMinutes: targets[`${p}_first_response`], resolutionMinutes: targets[`${p}_resolution`] }));
  await saveSlaTargets(rows);
  await insertAuditEntry({ actorId, action: "sla_targets.update", details: { targets: rows } });
  return slaTargets();
}

/**
 * The worker's sweep: every task whose clock ran out is claimed (one process wins each),
 * put on its timeline and announced by webhook and e-mail. Returns how many it fired.
 */
export async function sweepSlaBreaches(now = new Date(), limit = 100): Promise<number> {
  const due = await dueSlaTasks({ now, limit });
  let fired = 0;
  for (const { id } of due) {
    const claimed = await claimSlaBreach({ taskId: id, now });
    if (!claimed) continue;
    fired++;
    const target = clockTarget(claimed);
    const summary = `SLA breached: no ${target} within the ${claimed.priority} target`;
    await insertTaskEvents([{ taskId: id, kind: "sla_breached", summary, details: { target, priority: claimed.priority } }]);
    await notifyTaskEvent("task.sla_breached", id, { summary, ownerId: claimed.assignedTo, extra: { target, priority: claimed.priority } });
  }
  if (fired) logger.info("SLA breaches fired", { fired });
  return fired;
}
