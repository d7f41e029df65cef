// Outgoing e-mail rows (lib/mail/outbox.ts): queued, claimed by one worker at a time, retried.
import { eq, sql, type SQL } from "drizzle-orm";
import { getDb, type Database } from "../client";
import { emailOutbox, type OutgoingEmail } from "../schema";
import { claimDueRows, type ClaimOptions } from "./claim-due";

export type NewEmail = { to: string[]; subject: string; body: string; reason: string; headers?: Record<string, string> };

/**
 * The row's INSERT, written only while `when` holds: a claim's batch (db/queries/support.ts)
 * queues its e-mail in the same transaction as the claim, on the claim's condition.
 */
export function emailInsert(values: NewEmail, when: SQL = sql`1`): SQL {
  return sql`insert into ${emailOutbox} ("to", subject, body, reason, headers, next_attempt_at)
    select ${JSON.stringify(values.to)}, ${values.subject}, ${values.body}, ${values.reason}, ${JSON.stringify(values.headers ?? {})}, ${Date.now()}
    where ${when}`;
}

export async function insertEmail(values: NewEmail, db: Database = getDb()): Promise<number> {
  const [row] = await db.all<{ id: number }>(sql`${emailInsert(values)} returning id`);
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
