// Request-rate limits: per API key (or signed-in user) for the API, and per client address
// for the public feedback form. The counters are rows in the database, so the limit holds
// for the whole server however many web processes or app instances serve it.
//
// The rule is a token bucket: `burst` requests at once, refilled at `perMinute`. It is
// kept as the generic cell rate algorithm (one timestamp per key, db/queries/rate-limits.ts),
// which admits exactly the same requests and needs one atomic statement per request.
import { admitRequest } from "@/db/queries/rate-limits";

export type RateLimit = { perMinute: number; burst: number };

/** Bumped by resetRateLimits: counts start afresh under new keys (tests). */
let generation = 0;

/** Takes one token; returns 0 when allowed, else the whole seconds to wait (at least 1). */
export async function takeToken(key: string, limit: RateLimit, now = Date.now()): Promise<number> {
  const intervalMs = 60_000 / limit.perMinute;
  const toleranceMs = (limit.burst - 1) * intervalMs;
  const readyAt = await admitRequest({ key: generation ? `${key}#${generation}` : key, now, intervalMs, toleranceMs });
  if (readyAt === null) return 0;
  return Math.max(1, Math.ceil((readyAt - toleranceMs - now) / 1000));
}

/**
 * Starts every count afresh for this process (tests that make many calls with one key).
 * Synchronous on purpose: later calls use new keys; the old rows expire and are pruned.
 */
export function resetRateLimits(): void {
  generation += 1;
}
