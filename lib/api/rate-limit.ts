// Token buckets in this process's memory: per API key, and per client address for the
// public feedback form. Behind a load balancer, or with several web workers, each process
// enforces the limit on its own share of the traffic.
export type RateLimit = { perMinute: number; burst: number };

type Bucket = { tokens: number; at: number; limit: RateLimit };

const buckets = new Map<string, Bucket>();
/** Above this many buckets, the ones that have refilled (the same as no bucket) are dropped. */
export const MAX_BUCKETS = 10_000;

function refill(bucket: Bucket, now: number): void {
  bucket.tokens = Math.min(bucket.limit.burst, bucket.tokens + (now - bucket.at) * (bucket.limit.perMinute / 60_000));
  bucket.at = now;
}

/** Takes one token; returns 0 when allowed, else the seconds to wait. */
export function takeToken(key: string, limit: RateLimit, now = Date.now()): number {
  // Client addresses are unbounded (a public form, IPv6): keep only buckets that still matter.
  if (buckets.size >= MAX_BUCKETS && !buckets.has(key)) {
    for (const [k, b] of buckets) {
      refill(b, now);
      if (b.tokens >= b.limit.burst) buckets.delete(k);
    }
  }
  const bucket = buckets.get(key) ?? { tokens: limit.burst, at: now, limit };
  bucket.limit = limit;
  refill(bucket, now);
  buckets.set(key, bucket);
  if (bucket.tokens >= 1) {
    bucket.tokens -= 1;
    return 0;
  }
  const rate = limit.perMinute / 60_000;
  return Math.max(1, Math.ceil((1 - bucket.tokens) / rate / 1000));
}

/** How many buckets are kept (tests). */
export function rateLimitBucketCount(): number {
  return buckets.size;
}

export function resetRateLimits(): void {
  buckets.clear();
}
