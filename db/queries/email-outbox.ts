// Outgoing e-mail rows (lib/mail/outbox.ts): queued, claimed by one worker at a time, retried.
import { and, eq, inArray, lte } from "drizzle-orm";
import { getDb, type Database } from "../client";
import { emailOutbox, type OutgoingEmail } from "../schema";

export async function insertEmail(values: { to: string[]; subject: string; body: string; reason: string; headers?: Record<string, string> }, db: Database = getDb()): Promise<number> {
  const [row] = await db.insert(emailOutbox).values({ ...values, nextAttemptAt: new Date() }).returning({ id: emailOutbox.id });
  return row.id;
}

/**
 * Claims due messages by pushing their next attempt a claim period ahead in the same
 * statement, as webhook deliveries are claimed: two workers never send one message twice,
 * and one that dies mid-send leaves it due again afterwards.
 */
export async function claimDueEmails({ now = new Date(), limit = 20, claimMs = 60_000 }: { now?: Date; limit?: number; claimMs?: number } = {}, db: Database = getDb()): Promise<OutgoingEmail[]> {
  const claimed = await db
    .update(emailOutbox)
    .set({ nextAttemptAt: new Date(now.getTime() + claimMs) })
    .where(
      inArray(
        emailOutbox.id,
        db
          .select({ id: emailOutbox.id })
          .from(emailOutbox)
          .where(and(eq(emailOutbox.status, "pending"), lte(emailOutbox.nextAttemptAt, now)))
          .orderBy(emailOutbox.nextAttemptAt)
          .limit(limit),
      ),
    )
    .returning();
  return claimed.sort((a, b) => a.id - b.id);
}

export async function recordEmailAttempt(
  { id, values }: { id: number; values: Partial<Pick<OutgoingEmail, "status" | "attempts" | "nextAttemptAt" | "lastError" | "sentAt">> },
  db: Database = getDb(),
): Promise<void> {
  await db.update(emailOutbox).set(values).where(eq(emailOutbox.id, id));
}
