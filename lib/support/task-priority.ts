// Computes and stores tasks' priorities: when a request is scored (lib/intake/scored-task.ts), when its
// emotion arrives later or a supervisor reviews it (re-scoring), by hand, and for tasks made
// before priorities existed (the worker's backfill). Each change goes on the task's timeline.
import { insertAuditEntry } from "@/db/queries/audit";
import { insertTaskEvents, setTaskPriority, storePriorities, taskFacts, tasksWithoutPriority, type TaskFacts } from "@/db/queries/support";
import { PRIORITIES, type Priority } from "@/db/schema";
import { AppError } from "@/lib/platform/errors";
import { logger } from "@/lib/platform/logger";
import { AT_RISK_RUN, computePriority, type PriorityInput, type PriorityResult } from "@/lib/support/priority";
import { slaDueAt, slaTargets } from "@/lib/support/sla";

export function priorityInput(t: Pick<TaskFacts, "sentiment" | "confidence" | "emotion" | "reviewed" | "categorySlug" | "channel"> & { streak: number }): PriorityInput {
  const streak = t.sentiment === "negative" ? t.streak : 0;
  return {
    sentiment: t.sentiment,
    confidence: t.confidence,
    emotion: t.emotion,
    reviewed: t.reviewed,
    negativeStreak: streak,
    accountAtRisk: t.streak >= AT_RISK_RUN,
    categorySlug: t.categorySlug,
    channel: t.channel,
  };
}

const sameReasons = (a: string[], b: string[]) => a.length === b.length && a.every((r, i) => r === b[i]);

export function describeChange(from: Priority | null, result: PriorityResult): string {
  const head = from && from !== result.priority ? `Priority ${from} → ${result.priority}` : `Priority ${result.priority}`;
  return `${head}: ${result.reasons.join(", ")}`;
}

/** Rounds of refreshPriorities when other writes keep landing on the same tasks (a clock moves once or twice). */
const REFRESH_ATTEMPTS = 5;

/**
 * Recomputes the priority of tasks after a re-score or a review. A priority a person or a
 * rule set is kept; a running SLA clock follows the new priority's target.
 * Returns the ids whose priority changed.
 */
export async function refreshPriorities(taskIds: number[], cause: string, attempt = 1): Promise<number[]> {
  const facts = (await taskFacts({ taskIds })).filter((t) => t.prioritySource === "computed");
  if (facts.length === 0) return [];
  const targets = await slaTargets();
  const updates = [];
  const events = [];
  for (const t of facts) {
    const result = computePriority(priorityInput(t));
    const current = t.priority;
    const changed = result.priority !== current;
    if (!changed && sameReasons(result.reasons, t.priorityReasons)) continue;
    const clock = t.slaDueAt ? { clock: { read: t, dueAt: slaDueAt({ ...t, priority: result.priority }, targets) } } : {};
    updates.push({ id: t.id, priority: result.priority, reasons: result.reasons, source: "computed" as const, ...clock });
    if (changed) events.push({ taskId: t.id, kind: "priority" as const, summary: `${describeChange(current, result)} (${cause})` });
  }
  const stored = new Set(await storePriorities({ updates, whileComputed: true }));
  await insertTaskEvents(events.filter((e) => stored.has(e.taskId)));
  // Not stored: a person or a rule set the priority meanwhile (left alone when read again), or
  // the clock moved meanwhile (a breach claimed, a reply): computed again from the task as it is now.
  const missed = updates.filter((u) => !stored.has(u.id)).map((u) => u.id);
  const again = missed.length > 0 && attempt < REFRESH_ATTEMPTS ? await refreshPriorities(missed, cause, attempt + 1) : [];
  return [...events.filter((e) => stored.has(e.taskId)).map((e) => e.taskId), ...again];
}

/**
 * Gives a priority to tasks that have none computed yet (made before migration 0007, or
 * bulk-loaded by the seed or an import), a batch at a time. They get no SLA clock: their
 * targets would have run out long ago, and a flood of breaches helps nobody.
 */
export async function backfillPriorities({ batchSize = 1000, maxBatches = 10 }: { batchSize?: number; maxBatches?: number } = {}): Promise<number> {
  let filled = 0;
  for (let i = 0; i < maxBatches; i++) {
    const batch = await tasksWithoutPriority({ limit: batchSize });
    if (batch.length === 0) break;
    const updates = batch.map((t) => ({ id: t.id, ...computeFor(t), source: "computed" as const }));
    filled += (await storePriorities({ updates, whileComputed: true })).length;
    if (batch.length < batchSize) break;
  }
  if (filled) logger.info("priorities backfilled", { filled });
  return filled;
}

function computeFor(t: TaskFacts) {
  const { priority, reasons } = computePriority(priorityInput(t));
  return { priority, reasons };
}

/**
 * A supervisor sets the priority by hand ("auto" hands it back to the computation). Audited
 * and on the timeline; re-scoring leaves a manual priority alone.
 */
export async function setPriorityByHand(taskId: number, value: Priority | "auto", actor: { id: number | null; name: string }): Promise<Priority> {
  if (value !== "auto" && !PRIORITIES.includes(value)) throw new AppError("validation:priority", `Unknown priority "${value}".`);
  const [t] = await taskFacts({ taskIds: [taskId] });
  if (!t) throw new AppError("not_found:task", `Task ${taskId} does not exist.`);
  const targets = await slaTargets();
  const result: PriorityResult =
    value === "auto" ? computePriority(priorityInput(t)) : { priority: value, reasons: [`set by hand by ${actor.name}`] };
  await setTaskPriority({ id: taskId, priority: result.priority, reasons: result.reasons, source: value === "auto" ? "computed" : "manual", nextDue: (task) => slaDueAt(task, targets) });
  await insertTaskEvents([{ taskId, kind: "priority", actorId: actor.id, summary: value === "auto" ? `${describeChange(t.priority, result)} (computed again)` : `Priority ${t.priority} → ${value}, set by hand` }]);
  await insertAuditEntry({ actorId: actor.id, action: "task.priority", target: `task:${taskId}`, details: { from: t.priority, to: result.priority, manual: value !== "auto" } });
  return result.priority;
}
