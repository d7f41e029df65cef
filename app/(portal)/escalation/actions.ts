"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { pageRole } from "@/lib/auth/roles";
import { validatedAction } from "@/lib/platform/server-action";
import { updateAlertEmails } from "@/lib/support/alert-emails";
import { changeRoundRobin } from "@/lib/support/ownership";
import { ruleInputFromForm } from "@/lib/support/rule-form";
import { changeRule, createRule, dryRunRule, removeRule } from "@/lib/support/rules";
import { updateSlaTargets } from "@/lib/support/sla";

/** "Try" counts the matches of the last 30 days; "Save" stores the rule. Either way it is checked whole first. */
export const ruleAction = validatedAction(pageRole("/escalation"), async (form, user) => {
  const input = ruleInputFromForm(form);
  if (form.intent === "dry-run") {
    const r = await dryRunRule(input);
    return { ok: true, message: `Would have matched ${r.matched.toLocaleString("en")} of ${r.examined.toLocaleString("en")} requests in the last ${r.days} days.` };
  }
  const rule = await createRule(input, user.id);
  revalidatePath("/escalation");
  return { ok: true, message: `Rule "${rule.name}" saved and on.` };
});

export const toggleRuleAction = validatedAction(pageRole("/escalation"), z.object({ id: z.coerce.number().int().positive(), active: z.enum(["true", "false"]) }), async ({ id, active }, user) => {
  const rule = await changeRule(id, { active: active === "true" }, user.id);
  revalidatePath("/escalation");
  return { ok: true, message: `Rule "${rule.name}" switched ${rule.active ? "on" : "off"}.` };
});

export const deleteRuleAction = validatedAction(pageRole("/escalation"), z.object({ id: z.coerce.number().int().positive() }), async ({ id }, user) => {
  await removeRule(id, user.id);
  revalidatePath("/escalation");
  return { ok: true, message: "Rule deleted." };
});

export const slaTargetsAction = validatedAction(pageRole("/escalation"), async (form, user) => {
  await updateSlaTargets(form, user.id);
  revalidatePath("/escalation");
  return { ok: true, message: "SLA targets saved; new requests' clocks use them." };
});

export const roundRobinAction = validatedAction(pageRole("/escalation"), z.object({ categoryId: z.coerce.number().int().positive(), on: z.enum(["true", "false"]) }), async ({ categoryId, on }, user) => {
  await changeRoundRobin(categoryId, on === "true", user);
  revalidatePath("/escalation");
  return { ok: true, message: on === "true" ? "New requests in this category now go to active agents in turn." : "Round-robin off." };
});

export const alertEmailsAction = validatedAction(pageRole("/escalation"), z.object({ alertEmails: z.string().max(2000, "At most 2,000 characters.") }), async ({ alertEmails }, user) => {
  const saved = await updateAlertEmails(alertEmails, user.id);
  revalidatePath("/escalation");
  return { ok: true, message: saved.length ? `Alerts now also go to ${saved.join(", ")}.` : "No alert address: alerts go to the people on each request only." };
});
