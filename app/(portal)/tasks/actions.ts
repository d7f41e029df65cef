"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { MANAGES_TASKS, pageRole } from "@/lib/auth/roles";
import { formList, validatedAction } from "@/lib/platform/server-action";
import { reviewTasks } from "@/lib/tasks/reviews";
import { changeTaskStatus, flagTaskForReview } from "@/lib/tasks/queue";
import { PRIORITIES } from "@/db/schema";
import { assignTasks, takeTask } from "@/lib/support/ownership";
import { setPriorityByHand } from "@/lib/support/task-priority";
import { addAgentMessage } from "@/lib/conversations/messages";

// lib/ checks what the fields mean (lib/tasks, lib/reviews, lib/support/ownership); the
// schemas here only turn ids into numbers for functions that take them typed.
export const changeStatusAction = validatedAction(pageRole("/tasks"), async (form, user) => {
  await changeTaskStatus(form, user);
  revalidatePath(`/tasks/${form.id}`);
  return { ok: true, message: `Status set to ${form.status}.` };
});

export const flagAction = validatedAction(pageRole("/tasks"), async (form, user) => {
  await flagTaskForReview(form, user.id);
  revalidatePath(`/tasks/${form.id}`);
  return { ok: true, message: form.flagged === "true" ? "Sent to the supervisors' review queue." : "Flag removed." };
});

/** "Correct the label" on a task's page: a review like any other (same rules, same history). */
export const correctLabelAction = validatedAction(pageRole("/review"), async (form, user) => {
  const [result] = await reviewTasks({ taskIds: [form.id], label: form.label, note: form.note }, user.id);
  revalidatePath(`/tasks/${result.taskId}`);
  revalidatePath("/review");
  return {
    ok: true,
    message: result.labelBefore === result.labelAfter ? `Confirmed: ${result.labelAfter}.` : `Corrected: ${result.labelBefore} → ${result.labelAfter}.`,
  };
});

export const takeTaskAction = validatedAction(pageRole("/tasks"), z.object({ id: z.coerce.number().int().positive() }), async ({ id }, user) => {
  await takeTask(id, user);
  revalidatePath("/tasks");
  revalidatePath(`/tasks/${id}`);
  return { ok: true, message: "The task is yours." };
});

// One task from its page, or the ticked rows of the queue (bulk).
export const assignAction = validatedAction(MANAGES_TASKS, async (form, user) => {
  const changed = await assignTasks({ taskIds: formList(form.taskIds), ownerId: form.ownerId }, user);
  revalidatePath("/tasks");
  for (const id of changed) revalidatePath(`/tasks/${id}`);
  return { ok: true, message: changed.length === 1 ? "Owner changed." : `${changed.length} tasks assigned.` };
});

export const priorityAction = validatedAction(MANAGES_TASKS, z.object({ id: z.coerce.number().int().positive(), priority: z.enum([...PRIORITIES, "auto"], "Choose a priority.") }), async ({ id, priority }, user) => {
  const now = await setPriorityByHand(id, priority, user);
  revalidatePath(`/tasks/${id}`);
  return { ok: true, message: priority === "auto" ? `Priority computed again: ${now}.` : `Priority set to ${now} by hand.` };
});

/** A reply e-mailed to the customer, or an internal note (checkbox "internal"). */
export const replyAction = validatedAction(pageRole("/tasks"), async (form, user) => {
  const id = Number(form.id);
  const { emailed } = await addAgentMessage(id, { text: form.text, internal: form.internal }, user);
  revalidatePath(`/tasks/${id}`);
  return { ok: true, message: emailed ? "Reply queued for sending by e-mail." : "Note added (not sent to the customer)." };
});
