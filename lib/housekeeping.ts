// Rows that only matter for a while: spent rate-limit counters and expired idempotency
// keys. Each table is correct without pruning (an expired row counts as absent); the
// worker prunes them so they do not pile up.
import { pruneRateLimits } from "@/db/queries/rate-limits";
import { logger } from "@/lib/logger";

export const HOUSEKEEPING_EVERY_MS = 10 * 60 * 1000;

export async function pruneExpiredRows(now = Date.now()): Promise<{ rateLimits: number }> {
  const removed = { rateLimits: await pruneRateLimits({ now }) };
  if (removed.rateLimits > 0) logger.info("expired rows pruned", removed);
  return removed;
}
