// Where escalation and SLA alerts go besides the people on the task: a team mailbox (or a few)
// that supervisors set on the Escalation page. Every rule firing and every SLA breach is
// e-mailed there; a breach of a task nobody owns goes there instead of to every supervisor.
import { z } from "zod";
import { insertAuditEntry } from "@/db/queries/audit";
import { readSetting, writeSetting } from "@/db/queries/org-settings";
import { AppError } from "@/lib/platform/errors";

const KEY = "alert_emails";
export const MAX_ALERT_EMAILS = 5;

const addressesSchema = z
  .array(z.email({ message: "is not an e-mail address" }).max(254))
  .max(MAX_ALERT_EMAILS, `Give at most ${MAX_ALERT_EMAILS} addresses.`);

/** The alert addresses; none until a supervisor sets some. */
export async function alertEmails(): Promise<string[]> {
  const parsed = addressesSchema.safeParse(await readSetting(KEY));
  return parsed.success ? parsed.data : [];
}

/** "a@x.test, b@x.test" (commas, spaces or new lines between) → the addresses, each checked; empty clears them. */
export function parseAlertEmails(text: string): string[] {
  const items = [...new Set(text.split(/[,;\s]+/).map((s) => s.trim().toLowerCase()).filter(Boolean))];
  const bad = items.find((a) => !z.email().safeParse(a).success || a.length > 254);
  if (bad !== undefined) {
    throw new AppError("validation:alert_emails", `"${bad.slice(0, 80)}" is not an e-mail address.`, { fieldErrors: { alertEmails: `"${bad.slice(0, 80)}" is not an e-mail address.` } });
  }
  if (items.length > MAX_ALERT_EMAILS) {
    throw new AppError("validation:alert_emails", `Give at most ${MAX_ALERT_EMAILS} addresses; a mailing list can reach more people.`, { fieldErrors: { alertEmails: `At most ${MAX_ALERT_EMAILS} addresses.` } });
  }
  return items;
}

/** Saves the alert addresses (all or none; audited). */
export async function updateAlertEmails(text: string, actorId: number | null): Promise<string[]> {
  const addresses = parseAlertEmails(text);
  await writeSetting({ key: KEY, value: addresses, actorId });
  await insertAuditEntry({ actorId, action: "alert_emails.update", details: { addresses } });
  return addresses;
}
