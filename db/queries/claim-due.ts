// Claiming the due rows of a retry queue (webhook deliveries, outgoing e-mail): the rows'
// next attempt is pushed a claim period ahead in the same statement that picks them, so two
// workers never send one row twice, and one that dies mid-send leaves it due again afterwards.
import { and, eq, inArray, lte, type SQL } from "drizzle-orm";
import type { SQLiteColumn, SQLiteTable, SQLiteUpdateSetSource } from "drizzle-orm/sqlite-core";
import type { Database } from "../client";

/** A queue table: pending rows are due from their `next_attempt_at`. */
type RetryQueue = SQLiteTable & { id: SQLiteColumn; status: SQLiteColumn; nextAttemptAt: SQLiteColumn };

export type ClaimOptions = { now?: Date; limit?: number; claimMs?: number };

/**
 * Claims up to `limit` pending rows due at `now`, oldest due first; returns them in id order.
 * `only` narrows the candidates through a joined table (e.g. only active webhooks' deliveries).
 */
export async function claimDueRows<T extends RetryQueue>(
  db: Database,
  queue: T,
  { now = new Date(), limit = 20, claimMs = 60_000 }: ClaimOptions,
  only?: { join: SQLiteTable; on: SQL; where: SQL },
): Promise<T["$inferSelect"][]> {
  let candidates = db.select({ id: queue.id }).from(queue as SQLiteTable).$dynamic();
  if (only) candidates = candidates.innerJoin(only.join, only.on);
  const claimed = await db
    .update(queue)
    .set({ nextAttemptAt: new Date(now.getTime() + claimMs) } as SQLiteUpdateSetSource<T>)
    .where(
      inArray(
        queue.id,
        candidates
          .where(and(eq(queue.status, "pending"), lte(queue.nextAttemptAt, now), only?.where))
          .orderBy(queue.nextAttemptAt)
          .limit(limit),
      ),
    )
    .returning();
  return (claimed as T["$inferSelect"][]).sort((a, b) => a.id - b.id);
}
