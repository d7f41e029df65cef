"use server";

import { revalidatePath } from "next/cache";
import { pageRole } from "@/lib/auth/roles";
import { validatedAction } from "@/lib/platform/server-action";
import { closeFollowUp, openFollowUp, updateFollowUp } from "@/lib/accounts/follow-ups";

// The forms post strings; lib/accounts/follow-ups.ts validates their meaning and audits the change.

function refresh(accountId: number) {
  revalidatePath(`/accounts/${accountId}`);
  revalidatePath("/accounts");
}

export const openFollowUpAction = validatedAction(pageRole("/accounts"), async (data, user) => {
  const followUp = await openFollowUp(data, user.id);
  refresh(followUp.accountId);
  return { ok: true, message: "Follow-up opened." };
});

export const updateFollowUpAction = validatedAction(pageRole("/accounts"), async (data, user) => {
  const followUp = await updateFollowUp(data, user.id);
  refresh(followUp.accountId);
  return { ok: true, message: "Follow-up saved." };
});

export const closeFollowUpAction = validatedAction(pageRole("/accounts"), async (data, user) => {
  const followUp = await closeFollowUp(data, user.id);
  refresh(followUp.accountId);
  return { ok: true, message: "Follow-up closed." };
});
