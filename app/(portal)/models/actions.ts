"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { pageRole } from "@/lib/auth/roles";
import { validatedAction } from "@/lib/platform/server-action";
import { trainingRunFromForm } from "@/lib/training/form";
import { promoteModelVersion, queueTrainingRun } from "@/lib/training/runs";
import { queueOfferedRun } from "@/lib/training/offered-run";
import { analyzeSentiment } from "@/lib/sentiment/analyze";

export const startTrainingRunAction = validatedAction(pageRole("/models"), async (form, user) => {
  const version = await queueTrainingRun(trainingRunFromForm(form), user.id);
  revalidatePath("/models");
  redirect(`/models/${version.id}`);
});

export const promoteAction = validatedAction(pageRole("/models"), z.object({ id: z.coerce.number().int().positive() }), async ({ id }, user) => {
  const version = await promoteModelVersion(id, user.id);
  revalidatePath("/models");
  revalidatePath(`/models/${id}`);
  return { ok: true, message: `Version ${version.id} is now the active model.` };
});

export const tryModelAction = validatedAction(pageRole("/models"), async ({ text }) => ({
  ok: true,
  data: await analyzeSentiment(text),
}));

export const startOfferedRunAction = validatedAction(pageRole("/models"), async (_form, user) => {
  const version = await queueOfferedRun(user.id);
  revalidatePath("/models");
  redirect(`/models/${version.id}`);
});
