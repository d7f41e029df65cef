"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { validatedAction } from "@/lib/actions";
import { reviewTasks } from "@/lib/reviews";
import { changeTaskStatus, flagTaskForReview } from "@/lib/tasks";

const anyForm = z.record(z.string(), z.union([z.string(), z.array(z.string())]));

export const changeStatusAction = validatedAction("agent", anyForm, async (form) => {
  await changeTaskStatus(form);
  revalidatePath(`/tasks/${form.id}`);
  return { ok: true, message: `Status set to ${form.status}.` };
});

export const flagAction = validatedAction("agent", anyForm, async (form, user) => {
  await flagTaskForReview(form, user.id);
  revalidatePath(`/tasks/${form.id}`);
  return { ok: true, message: form.flagged === "true" ? "Sent to the supervisors' review queue." : "Flag removed." };
});

const correction = z.object({ id: z.string(), label: z.string(), note: z.string().optional() });

/** "Correct the label" on a task's page: a review like any other (same rules, same history). */
export const correctLabelAction = validatedAction("supervisor", correction, async (form, user) => {
  const [result] = await reviewTasks({ taskIds: [form.id], label: form.label, note: form.note }, user.id);
  revalidatePath(`/tasks/${result.taskId}`);
  revalidatePath("/review");
  return {
    ok: true,
    message: result.labelBefore === result.labelAfter ? `Confirmed: ${result.labelAfter}.` : `Corrected: ${result.labelBefore} → ${result.labelAfter}.`,
  };
});
