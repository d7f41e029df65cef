// Outgoing e-mail rows (lib/mail/outbox.ts): queued, claimed by one worker at a time, retried.
import { eq } from "drizzle-orm";
import { getDb, type Database } from "../client";
import { emailOutbox, type OutgoingEmail } from "../schema";
import { claimDueRows, type ClaimOptions } from "./claim-due";

export async function insertEmail(values: { to: string[]; subject: string; body: string; reason: string; headers?: Record<string, string> }, db: Database = getDb()): Promise<number> {
  const [row] = await db.insert(emailOutbox).values({ ...values, nextAttemptAt: new Date() }).returning({ id: emailOutbox.id });
  return row.id;
}

/** Claims the messages that are due (claim-due.ts: no message is sent twice). */
export async function claimDueEmails(options: ClaimOptions = {}, db: Database = getDb()): Promise<OutgoingEmail[]> {
  return claimDueRows(db, emailOutbox, options);
}

export async function recordEmailAttempt(
  { id, values }: { id: number; values: Partial<Pick<OutgoingEmail, "status" | "attempts" | "nextAttemptAt" | "lastError" | "sentAt">> },
  db: Database = getDb(),
): Promise<void> {
  await db.update(emailOutbox).set(values).where(eq(emailOutbox.id, id));
}
