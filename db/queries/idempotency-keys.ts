// Idempotency-Key claims of API POSTs (lib/api/idempotency.ts holds the rule).
import { and, eq, isNull, lt, lte, sql } from "drizzle-orm";
import { getDb, type Database } from "../client";
import { idempotencyKeys, type IdempotencyKey } from "../schema";

/**
 * Claims (caller, key) for a request, in one statement: a new key, or one whose earlier
 * use has expired, becomes this request's (status null: being answered). Returns null
 * when claimed, else the row that holds the key.
 */
export async function claimIdempotencyKey(
  { caller, key, requestHash, now, expiresAt }: { caller: string; key: string; requestHash: string; now: Date; expiresAt: Date },
  db: Database = getDb(),
): Promise<IdempotencyKey | null> {
  const claimed = await db
    .insert(idempotencyKeys)
    .values({ caller, key, requestHash, expiresAt })
    .onConflictDoUpdate({
      target: [idempotencyKeys.caller, idempotencyKeys.key],
      set: { requestHash, status: null, response: null, expiresAt, createdAt: now },
      setWhere: lte(idempotencyKeys.expiresAt, now),
    })
    .returning({ key: idempotencyKeys.key });
  if (claimed.length > 0) return null;
  const [row] = await db.select().from(idempotencyKeys).where(and(eq(idempotencyKeys.caller, caller), eq(idempotencyKeys.key, key))).limit(1);
  return row ?? null;
}

/** Stores the first request's answer, to be replayed. */
export async function storeIdempotentAnswer(
  { caller, key, status, response }: { caller: string; key: string; status: number; response: string },
  db: Database = getDb(),
): Promise<void> {
  await db
    .update(idempotencyKeys)
    .set({ status, response })
    .where(and(eq(idempotencyKeys.caller, caller), eq(idempotencyKeys.key, key), isNull(idempotencyKeys.status)));
}

/** Gives a key back (the request was refused or failed), so a retry with it runs afresh. */
export async function releaseIdempotencyKey({ caller, key }: { caller: string; key: string }, db: Database = getDb()): Promise<void> {
  await db.delete(idempotencyKeys).where(and(eq(idempotencyKeys.caller, caller), eq(idempotencyKeys.key, key), isNull(idempotencyKeys.status)));
}

export async function pruneIdempotencyKeys({ now = new Date() }: { now?: Date } = {}, db: Database = getDb()): Promise<number> {
  const removed = await db.delete(idempotencyKeys).where(lt(idempotencyKeys.expiresAt, now)).returning({ key: sql`1` });
  return removed.length;
}
