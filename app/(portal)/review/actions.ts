"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { validatedAction } from "@/lib/actions";
import { reviewTasks } from "@/lib/reviews";

const reviewForm = z.object({
  taskIds: z.union([z.string(), z.array(z.string())]).transform((v) => (Array.isArray(v) ? v : [v])),
  label: z.string(),
  note: z.string().optional(),
});

export const reviewAction = validatedAction("supervisor", reviewForm, async (form, user) => {
  const results = await reviewTasks(form, user.id);
  revalidatePath("/review");
  const changed = results.filter((r) => r.labelBefore !== r.labelAfter).length;
  return { ok: true, message: `Reviewed ${results.length} task(s): ${changed} corrected, ${results.length - changed} confirmed.` };
});
