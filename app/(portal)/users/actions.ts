"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { pageRole } from "@/lib/auth/roles";
import { formList, validatedAction } from "@/lib/platform/server-action";
import { createApiKey, revokeKey } from "@/lib/api/keys";
import { setOrgTimeZone } from "@/lib/platform/time-zone";
import { changeUser, createUser } from "@/lib/admin/users";
import { disableWebhook, registerWebhook } from "@/lib/admin/webhooks";

// lib/users, lib/api/keys and lib/webhooks check the fields; the forms' field errors come from there.
export const createUserAction = validatedAction(pageRole("/users"), async (data, admin) => {
  const user = await createUser(data, admin.id);
  revalidatePath("/users");
  return { ok: true, message: `Created ${user.email} (${user.role}).` };
});

export const changeUserAction = validatedAction(pageRole("/users"), async (form, admin) => {
  const before = form.role;
  const user = await changeUser(form, admin.id);
  revalidatePath("/users");
  if (before !== undefined) return { ok: true, message: `Saved: ${user.email} is now ${user.role === "admin" ? "an" : "a"} ${user.role}.` };
  return { ok: true, message: `Saved: ${user.email} is ${user.active ? "active" : "deactivated"}.` };
});

export const createApiKeyAction = validatedAction(pageRole("/users"), async (form, admin) => {
  const { key, secret } = await createApiKey({ name: form.name, scopes: formList(form.scopes) }, admin.id);
  revalidatePath("/users");
  // The secret leaves the server this once; only its hash is stored.
  return { ok: true, message: `Key "${key.name}" created. Copy it now — it is not shown again.`, data: secret };
});

export const revokeApiKeyAction = validatedAction(pageRole("/users"), z.object({ id: z.coerce.number().int().positive() }), async ({ id }, admin) => {
  await revokeKey(id, admin.id);
  revalidatePath("/users");
  return { ok: true, message: "Key revoked." };
});

export const registerWebhookAction = validatedAction(pageRole("/users"), async (form, admin) => {
  const { secret } = await registerWebhook({ url: form.url, events: formList(form.events) }, admin.id);
  revalidatePath("/users");
  return { ok: true, message: "Webhook registered. Its signing secret is shown once:", data: secret };
});

export const disableWebhookAction = validatedAction(pageRole("/users"), z.object({ id: z.coerce.number().int().positive() }), async ({ id }, admin) => {
  await disableWebhook(id, admin.id);
  revalidatePath("/users");
  return { ok: true, message: "Webhook disabled." };
});

/** The organisation's time zone: days on every page, the trends' day boundaries and CSV times follow it. */
export const timeZoneAction = validatedAction(pageRole("/users"), z.object({ timeZone: z.string().min(1, "Choose a time zone.").max(64) }), async ({ timeZone }, admin) => {
  const zone = await setOrgTimeZone(timeZone, admin.id);
  revalidatePath("/", "layout");
  return { ok: true, message: `Time zone set to ${zone}: days and times now follow it.` };
});
