// PATCH /api/v1/tasks/{id}: owner, priority and status in one call. Everything is checked
// before anything is written, so a refused part leaves the task as it was.
import { insertAuditEntry } from "@/db/queries/audit";
import { getTaskRow } from "@/db/queries/task-list";
import type { Priority, TaskStatus } from "@/db/schema";
import { AppError } from "@/lib/platform/errors";
import { assignTasks, changeStatus, takeTask, type Actor } from "@/lib/support/ownership";
import { setPriorityByHand } from "@/lib/support/task-priority";

export type TaskPatch = { owner?: number | null; priority?: Priority | "auto"; status?: TaskStatus };

/**
 * `mayManage`: a supervisor (or an API key with tasks:write) may assign anyone and set the
 * priority; an agent may only take an unassigned task for themself and change its status.
 */
export async function patchTask(taskId: number, patch: TaskPatch, who: { actor: Actor; mayManage: boolean }): Promise<void> {
  const task = await getTaskRow({ id: taskId });
  if (!task) throw new AppError("not_found:task", `Task ${taskId} does not exist.`);
  const { actor, mayManage } = who;
  if (!mayManage) {
    if (patch.priority !== undefined) throw new AppError("forbidden:priority", "Only a supervisor can set a task's priority by hand.");
    if (patch.owner !== undefined && (patch.owner !== actor.id || task.ownerId !== null)) {
      throw new AppError("forbidden:assign", "An agent can only take an unassigned task for themself; a supervisor assigns and reassigns.");
    }
  }
  if (patch.owner !== undefined) {
    if (!mayManage) await takeTask(taskId, { id: actor.id!, name: actor.name });
    else if (patch.owner !== task.ownerId) await assignTasks({ taskIds: [taskId], ownerId: patch.owner }, actor);
  }
  if (patch.priority !== undefined) await setPriorityByHand(taskId, patch.priority, actor);
  if (patch.status !== undefined && patch.status !== task.status) {
    await changeStatus(taskId, patch.status, actor);
    await insertAuditEntry({ actorId: actor.id, action: "task.status", target: `task:${taskId}`, details: { from: task.status, to: patch.status } });
  }
}
