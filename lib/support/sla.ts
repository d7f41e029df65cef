// SLA clocks: first-response and resolution targets per priority. Both clocks run from a
// request's arrival; tasks.sla_due_at holds the soonest running one's deadline, and the worker's
// sweep finds the ones that ran out by index and fires `task.sla_breached` once per clock.
// Reopening a closed request starts a fresh resolution clock from the reopening.
import { z } from "zod";
import { insertAuditEntry } from "@/db/queries/audit";
import { claimSlaBreach, dueSlaTasks, listSlaTargets, saveSlaTargets } from "@/db/queries/support";
import { PRIORITIES, type Priority, type SlaTarget, type TaskStatus } from "@/db/schema";
import { parseOrThrow } from "@/lib/platform/errors";
import { logger } from "@/lib/platform/logger";
import { taskAnnouncement } from "@/lib/support/notify";

export type Targets = Record<Priority, { firstResponseMinutes: number; resolutionMinutes: number }>;

const MINUTE_MS = 60_000;

export async function slaTargets(): Promise<Targets> {
  const rows: SlaTarget[] = await listSlaTargets();
  const byPriority = Object.fromEntries(rows.map((r) => [r.priority, { firstResponseMinutes: r.firstResponseMinutes, resolutionMinutes: r.resolutionMinutes }]));
  // The migration seeds all four; a missing row would be a hand edit, so fall back to "no target".
  return Object.fromEntries(PRIORITIES.map((p) => [p, byPriority[p] ?? { firstResponseMinutes: Infinity, resolutionMinutes: Infinity }])) as Targets;
}

export type ClockState = {
  priority: Priority;
  status: TaskStatus;
  createdAt: Date;
  firstResponseAt: Date | null;
  slaFirstResponseBreachedAt: Date | null;
  slaResolutionBreachedAt: Date | null;
  slaResolutionFrom: Date | null;
};
export type ClockName = "first response" | "resolution";
export type RunningClock = { clock: ClockName; dueAt: Date };

/**
 * The clocks still running, soonest first. Both run from the arrival: first response until
 * there is one (a reply or closing) or it is missed; resolution until the task is closed or it
 * is missed. Missing the first response does not stop the resolution clock. A reopened task
 * counts its resolution from the reopening (slaResolutionFrom), with a fresh target.
 */
export function runningClocks(task: ClockState, targets: Targets): RunningClock[] {
  if (task.status === "closed") return [];
  const t = targets[task.priority];
  const out: RunningClock[] = [];
  if (!task.firstResponseAt && !task.slaFirstResponseBreachedAt && Number.isFinite(t.firstResponseMinutes)) {
    out.push({ clock: "first response", dueAt: new Date(task.createdAt.getTime() + t.firstResponseMinutes * MINUTE_MS) });
  }
  if (!task.slaResolutionBreachedAt && Number.isFinite(t.resolutionMinutes)) {
    out.push({ clock: "resolution", dueAt: new Date((task.slaResolutionFrom ?? task.createdAt).getTime() + t.resolutionMinutes * MINUTE_MS) });
  }
  return out.sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime());
}

/** The next deadline (tasks.sla_due_at): the soonest running clock's; none once closed or all are missed. */
export function slaDueAt(task: ClockState, targets: Targets): Date | null {
  return runningClocks(task, targets)[0]?.dueAt ?? null;
}

/** A clock's key on the breach event: one breach per clock (task_events_breach_once_idx). */
export function clockKey(task: Pick<ClockState, "createdAt" | "slaResolutionFrom">, clock: ClockName): string {
  return clock === "first response" ? "first_response" : `resolution:${(task.slaResolutionFrom ?? task.createdAt).getTime()}`;
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
 * The worker's sweep: every task whose next deadline ran out has that clock's miss claimed
 * (one process wins each), put on its timeline and announced by webhook and e-mail, all in one
 * write with the claim (claimSlaBreach); its other
 * clock keeps running, so a request that missed its first response can still miss its
 * resolution later, each recorded once. Returns how many breaches it fired.
 */
export async function sweepSlaBreaches(now = new Date(), limit = 100): Promise<number> {
  const due = await dueSlaTasks({ now, limit });
  if (due.length === 0) return 0;
  const targets = await slaTargets();
  let fired = 0;
  for (const task of due) {
    // The stored deadline is the one that ran out, even if the targets changed since: it is
    // the soonest running clock's.
    const clock = runningClocks(task, targets)[0]?.clock ?? (task.firstResponseAt || task.slaFirstResponseBreachedAt ? "resolution" : "first response");
    const after = clock === "first response" ? { ...task, slaFirstResponseBreachedAt: now } : { ...task, slaResolutionBreachedAt: now };
    const nextDue = slaDueAt(after, targets);
    const reopened = clock === "resolution" && task.slaResolutionFrom !== null;
    const summary =
      clock === "first response"
        ? `SLA breached: no first response within the ${task.priority} target`
        : `SLA breached: not resolved within the ${task.priority} target${reopened ? " since it was reopened" : ""}`;
    // Built before the claim and written with it: a claimed breach always has its timeline entry,
    // e-mail and webhook, and a failed write leaves the breach unclaimed for the next sweep.
    const announcement = await taskAnnouncement("task.sla_breached", task.id, { summary, ownerId: task.assignedTo, extra: { target: clock, priority: task.priority }, after: { slaDueAt: nextDue } });
    const event = { taskId: task.id, kind: "sla_breached" as const, summary, details: { clock: clockKey(task, clock), target: clock, priority: task.priority } };
    try {
      if (await claimSlaBreach({ task, clock, now, nextDue, breach: { event, announcement } })) fired++;
    } catch (error) {
      // Nothing of it was written, so the breach is still due: the next sweep tries again, and
      // the other due tasks are not held up by this one.
      logger.error("SLA breach not recorded", { taskId: task.id, clock, error });
    }
  }
  if (fired) logger.info("SLA breaches fired", { fired });
  return fired;
}
