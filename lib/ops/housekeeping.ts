// Rows that only matter for a while: spent rate-limit counters and expired idempotency
// keys. Each table is correct without pruning (an expired row counts as absent); the
// worker prunes them so they do not pile up.
import { pruneIdempotencyKeys } from "@/db/queries/idempotency-keys";
import { pruneRateLimits } from "@/db/queries/rate-limits";
import { logger } from "@/lib/platform/logger";

export const HOUSEKEEPING_EVERY_MS = 10 * 60 * 1000;

export async function pruneExpiredRows(now = Date.now()): Promise<{ rateLimits: number; idempotencyKeys: number }> {
  const removed = { rateLimits: await pruneRateLimits({ now }), idempotencyKeys: await pruneIdempotencyKeys({ now: new Date(now) }) };
  if (removed.rateLimits + removed.idempotencyKeys > 0) logger.info("expired rows pruned", removed);
  return removed;
}
