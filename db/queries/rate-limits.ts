// Rate-limit counters in the database, so every web process and app instance counts
// against the same limit (lib/api/rate-limit.ts holds the rule; db/limits-client.ts says
// which database holds them).
import { eq, lt, sql } from "drizzle-orm";
import type { Database } from "../client";
import { getLimitsDb } from "../limits-client";
import { rateLimits } from "../schema";

/**
 * One step of the generic cell rate algorithm, in one statement: the key's time moves on
 * by `intervalMs` only when it is at most `toleranceMs` ahead of `now`. SQLite (and a
 * libSQL server) runs the upsert atomically, so callers racing from any number of
 * processes are admitted exactly as if they came one at a time. Returns null when
 * admitted, else the key's time (to tell the caller how long to wait).
 */
export async function admitRequest(
  { key, now, intervalMs, toleranceMs }: { key: string; now: number; intervalMs: number; toleranceMs: number },
  db?: Database,
): Promise<number | null> {
  db ??= await getLimitsDb();
  const admitted = await db
    .insert(rateLimits)
    .values({ key, readyAt: now + intervalMs })
    .onConflictDoUpdate({
      target: rateLimits.key,
      set: { readyAt: sql`max(${rateLimits.readyAt}, ${now}) + ${intervalMs}` },
      setWhere: sql`${rateLimits.readyAt} <= ${now + toleranceMs}`,
    })
    .returning({ readyAt: rateLimits.readyAt });
  if (admitted.length > 0) return null;
  const [row] = await db.select({ readyAt: rateLimits.readyAt }).from(rateLimits).where(eq(rateLimits.key, key)).limit(1);
  return row?.readyAt ?? now;
}

/** Drops the keys whose time has passed (the same as no row); returns how many. */
export async function pruneRateLimits({ now = Date.now() }: { now?: number } = {}, db?: Database): Promise<number> {
  db ??= await getLimitsDb();
  const removed = await db.delete(rateLimits).where(lt(rateLimits.readyAt, now)).returning({ key: rateLimits.key });
  return removed.length;
}
