// A token bucket per API key, in this process's memory. Behind a load balancer each
// instance enforces the limit on its own share of the traffic.
export type RateLimit = { perMinute: number; burst: number };

const buckets = new Map<string, { tokens: number; at: number }>();

/** Takes one token; returns 0 when allowed, else the seconds to wait. */
export function takeToken(key: string, limit: RateLimit, now = Date.now()): number {
  const rate = limit.perMinute / 60_000;
  const bucket = buckets.get(key) ?? { tokens: limit.burst, at: now };
  bucket.tokens = Math.min(limit.burst, bucket.tokens + (now - bucket.at) * rate);
  bucket.at = now;
  buckets.set(key, bucket);
  if (bucket.tokens >= 1) {
    bucket.tokens -= 1;
    return 0;
  }
  return Math.max(1, Math.ceil((1 - bucket.tokens) / rate / 1000));
}

export function resetRateLimits(): void {
  buckets.clear();
}
