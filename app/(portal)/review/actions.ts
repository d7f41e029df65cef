"use server";

import { revalidatePath } from "next/cache";
import { pageRole } from "@/lib/auth/roles";
import { formList, validatedAction } from "@/lib/platform/server-action";
import { reviewTasks, undoReviews } from "@/lib/tasks/reviews";

// lib/reviews checks the fields; one ticked row arrives as a string, several as a list.

/** The review ids come back so the queue can offer to undo this action. */
export const reviewAction = validatedAction(pageRole("/review"), async (form, user) => {
  const results = await reviewTasks({ taskIds: formList(form.taskIds), label: form.label, note: form.note }, user.id);
  revalidatePath("/review");
  const changed = results.filter((r) => r.labelBefore !== r.labelAfter).length;
  return {
    ok: true,
    message: `Reviewed ${results.length} task(s): ${changed} corrected, ${results.length - changed} confirmed.`,
    data: { reviewIds: results.map((r) => r.reviewId) },
  };
});

export const undoReviewAction = validatedAction(pageRole("/review"), async (form, user) => {
  const undone = await undoReviews({ reviewIds: formList(form.reviewIds) }, user.id);
  revalidatePath("/review");
  for (const { taskId } of undone) revalidatePath(`/tasks/${taskId}`);
  return { ok: true, message: `Undone: ${undone.length} task(s) back as they were (${undone.map((u) => `#${u.taskId}`).join(", ")}).` };
});
