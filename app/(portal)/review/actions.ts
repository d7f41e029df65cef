"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { validatedAction } from "@/lib/actions";
import { reviewTasks, undoReviews } from "@/lib/reviews";

const reviewForm = z.object({
  taskIds: z.union([z.string(), z.array(z.string())]).transform((v) => (Array.isArray(v) ? v : [v])),
  label: z.string(),
  note: z.string().optional(),
});

/** The review ids come back so the queue can offer to undo this action. */
export const reviewAction = validatedAction("supervisor", reviewForm, async (form, user) => {
  const results = await reviewTasks(form, user.id);
  revalidatePath("/review");
  const changed = results.filter((r) => r.labelBefore !== r.labelAfter).length;
  return {
    ok: true,
    message: `Reviewed ${results.length} task(s): ${changed} corrected, ${results.length - changed} confirmed.`,
    data: { reviewIds: results.map((r) => r.reviewId) },
  };
});

const undoForm = z.object({
  reviewIds: z.union([z.string(), z.array(z.string())]).transform((v) => (Array.isArray(v) ? v : [v])),
});

export const undoReviewAction = validatedAction("supervisor", undoForm, async (form, user) => {
  const undone = await undoReviews(form, user.id);
  revalidatePath("/review");
  for (const { taskId } of undone) revalidatePath(`/tasks/${taskId}`);
  return { ok: true, message: `Undone: ${undone.length} task(s) back as they were (${undone.map((u) => `#${u.taskId}`).join(", ")}).` };
});
