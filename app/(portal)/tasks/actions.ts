"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { validatedAction } from "@/lib/actions";
import { changeTaskStatus, flagTaskForReview } from "@/lib/tasks";

const anyForm = z.record(z.string(), z.union([z.string(), z.array(z.string())]));

export const changeStatusAction = validatedAction("agent", anyForm, async (form, user) => {
  await changeTaskStatus(form, user);
  revalidatePath(`/tasks/${form.id}`);
  return { ok: true, message: `Status set to ${form.status}.` };
});

export const flagAction = validatedAction("agent", anyForm, async (form) => {
  await flagTaskForReview(form);
  revalidatePath(`/tasks/${form.id}`);
  return { ok: true, message: form.flagged === "true" ? "Sent to the supervisors' review queue." : "Flag removed." };
});
