import { beforeEach, describe, expect, it } from "vitest";
import { MAX_BUCKETS, rateLimitBucketCount, resetRateLimits, takeToken } from "@/lib/api/rate-limit";

const limit = { perMinute: 60, burst: 3 };

beforeEach(() => resetRateLimits());

describe("takeToken", () => {
  it("allows the burst, then says how long to wait, and refills over time", () => {
    const t = 1_000_000;
    expect([takeToken("k", limit, t), takeToken("k", limit, t), takeToken("k", limit, t)]).toEqual([0, 0, 0]);
    expect(takeToken("k", limit, t)).toBe(1); // one token a second
    expect(takeToken("k", limit, t + 1000)).toBe(0);
    expect(takeToken("other", limit, t)).toBe(0);
  });

  it("forgets refilled buckets once many addresses have been seen, but keeps the ones still limited", () => {
    const t = 2_000_000;
    for (let i = 0; i < 3; i++) takeToken("flooder", limit, t);
    for (let i = 0; i < MAX_BUCKETS; i++) takeToken(`addr-${i}`, limit, t);
    // A minute later every one-off address has refilled; the flooder is still spent now.
    for (let i = 0; i < 3; i++) takeToken("flooder", limit, t + 60_000);
    takeToken("newcomer", limit, t + 60_000);
    expect(rateLimitBucketCount()).toBeLessThan(10);
    expect(takeToken("flooder", limit, t + 60_000)).toBeGreaterThan(0);
  });
});
