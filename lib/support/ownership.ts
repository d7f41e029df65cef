// Who works a task: agents take unassigned ones, supervisors assign and reassign (one or many),
// and a category can hand its new requests to active agents in turn (round-robin).
import { z } from "zod";
import { insertAuditEntry } from "@/db/queries/audit";
import { activeAgentIds, activeUser, advanceTurn, insertTaskEvents, recordStatusClock, routingFor, setOwner, setRoundRobin } from "@/db/queries/support";
import { TASK_STATUSES, type TaskStatus } from "@/db/schema";
import { AppError, parseOrThrow } from "@/lib/platform/errors";
import { slaDueAt, slaTargets } from "@/lib/support/sla";
import { offerRating } from "@/lib/conversations/satisfaction";

export type Actor = { id: number | null; name: string };

/** An agent takes a task nobody owns; refused when someone took it first. */
export async function takeTask(taskId: number, actor: { id: number; name: string }): Promise<void> {
  const changed = await setOwner({ taskIds: [taskId], ownerId: actor.id, onlyIfUnassigned: true });
  if (changed.length === 0) throw new AppError("conflict:task_owned", `Task ${taskId} does not exist or someone has already taken it.`);
  await insertTaskEvents([{ taskId, kind: "assigned", actorId: actor.id, summary: `Taken by ${actor.name}` }]);
}

const assignSchema = z.object({
  taskIds: z.array(z.coerce.number().int().positive()).min(1, "Choose at least one task.").max(500, "Assign at most 500 tasks at once."),
  ownerId: z.preprocess((v) => (v === "" || v === "none" || v === null ? null : v), z.coerce.number().int().positive().nullable()),
});

/** A supervisor assigns (or unassigns, owner null) tasks, all or none; audited and on each timeline. */
export async function assignTasks(input: unknown, actor: Actor): Promise<number[]> {
  const { ownerId, ...assignment } = parseOrThrow(assignSchema, input, "validation:assign");
  const taskIds = [...new Set(assignment.taskIds)];
  const owner = ownerId === null ? null : await activeUser({ id: ownerId });
  if (ownerId !== null && !owner) throw new AppError("validation:owner", `There is no active user ${ownerId} to assign to.`, { fieldErrors: { ownerId: "Choose an active user." } });
  const changed = await setOwner({ taskIds, ownerId: owner?.id ?? null });
  const missing = taskIds.filter((id) => !changed.includes(id));
  if (missing.length) throw new AppError("not_found:task", `Task ${missing.join(", ")} does not exist.`);
  const summary = owner ? `Assigned to ${owner.name} by ${actor.name}` : `Unassigned by ${actor.name}`;
  await insertTaskEvents(changed.map((taskId) => ({ taskId, kind: "assigned" as const, actorId: actor.id, summary })));
  await insertAuditEntry({ actorId: actor.id, action: "task.assign", target: changed.length === 1 ? `task:${changed[0]}` : `tasks:${changed.length}`, details: { taskIds: changed, ownerId: owner?.id ?? null } });
  return changed;
}

/**
 * Sets a task's status. Replying or closing is the first response, which stops the
 * first-response clock; closing stops the clock altogether, and reopening a closed task gives
 * it a fresh resolution target counted from the reopening (the customer is waiting again; the
 * close already answered them, so the first-response clock does not restart).
 */
export async function changeStatus(taskId: number, status: TaskStatus, actor: Actor): Promise<void> {
  if (!TASK_STATUSES.includes(status)) throw new AppError("validation:status", `Unknown status "${status}".`);
  const targets = await slaTargets();
  const clock = await recordStatusClock({ id: taskId, status, now: new Date(), nextDue: (t) => slaDueAt(t, targets) });
  if (!clock) throw new AppError("not_found:task", `Task ${taskId} does not exist.`);
  const summary = clock.reopened ? `Reopened (${status}) by ${actor.name}: a fresh resolution target from now` : `Status set to ${status} by ${actor.name}`;
  await insertTaskEvents([{ taskId, kind: "status", actorId: actor.id, summary }]);
  // Closing asks the customer how it went (once per task): the ground truth for the sentiment.
  if (status === "closed") await offerRating(taskId);
}

/** Hands a new task to the next active agent when its category takes turns. */
export async function routeNewTask(taskId: number, categoryId: number): Promise<number | null> {
  const routing = await routingFor({ categoryId });
  if (!routing?.roundRobin) return null;
  for (let attempt = 0; attempt < 5; attempt++) {
    const current = await routingFor({ categoryId });
    const agents = await activeAgentIds();
    if (!current || agents.length === 0) return null;
    const previous = current.lastAssignedTo;
    const next = agents.find((id) => previous === null || id > previous) ?? agents[0];
    // Compare-and-set: two requests at once each get their own turn.
    if (await advanceTurn({ categoryId, previous, next })) {
      const agent = await activeUser({ id: next });
      await setOwner({ taskIds: [taskId], ownerId: next, onlyIfUnassigned: true });
      await insertTaskEvents([{ taskId, kind: "assigned", summary: `Assigned to ${agent?.name ?? `user ${next}`} (round-robin)` }]);
      return next;
    }
  }
  return null;
}

export async function changeRoundRobin(categoryId: number, on: boolean, actor: Actor): Promise<void> {
  await setRoundRobin({ categoryId, roundRobin: on });
  await insertAuditEntry({ actorId: actor.id, action: "category.round_robin", target: `category:${categoryId}`, details: { on } });
}
