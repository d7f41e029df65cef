import { describe, expect, it } from "vitest";
import { CircuitBreaker, type BreakerState } from "@/lib/emotion/circuit-breaker";

function breaker(failureThreshold = 3, coolDownMs = 1000) {
  let now = 0;
  const changes: string[] = [];
  const b = new CircuitBreaker({ failureThreshold, coolDownMs, now: () => now, onStateChange: (s: BreakerState, p: BreakerState) => changes.push(`${p}->${s}`) });
  return { b, changes, advance: (ms: number) => (now += ms) };
}

describe("CircuitBreaker", () => {
  it("stays closed below the threshold; a success resets the count", () => {
    const { b } = breaker(3);
    b.recordFailure();
    b.recordFailure();
    b.recordSuccess();
    b.recordFailure();
    b.recordFailure();
    expect(b.state).toBe("closed");
    expect(b.tryAcquire()).toBe(true);
  });

  it("opens at the threshold and refuses until the cool-down ends", () => {
    const { b, advance } = breaker(2, 1000);
    b.recordFailure();
    b.recordFailure();
    expect(b.state).toBe("open");
    expect(b.retryAt).toBe(1000);
    advance(999);
    expect(b.tryAcquire()).toBe(false);
    advance(1);
    expect(b.tryAcquire()).toBe(true);
    expect(b.state).toBe("half-open");
  });

  it("lets one trial through while half-open; its result decides", () => {
    const { b, advance, changes } = breaker(1, 100);
    b.recordFailure();
    advance(100);
    expect(b.tryAcquire()).toBe(true);
    expect(b.tryAcquire()).toBe(false); // a second caller waits for the trial
    b.recordFailure();
    expect(b.state).toBe("open");
    expect(b.retryAt).toBe(200);
    advance(100);
    expect(b.tryAcquire()).toBe(true);
    b.recordSuccess();
    expect(b.state).toBe("closed");
    expect(b.tryAcquire()).toBe(true);
    expect(b.tryAcquire()).toBe(true);
    expect(changes).toEqual(["closed->open", "open->half-open", "half-open->open", "open->half-open", "half-open->closed"]);
  });
});
