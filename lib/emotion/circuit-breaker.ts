// A circuit breaker for the emotion service.
//
// Why: when the emotion server is down, every analysis would otherwise wait for a
// timeout before storing its prediction with emotion pending. After `failureThreshold`
// consecutive failures the breaker opens and callers skip the call at once; after
// `coolDownMs` it lets a single trial request through (half-open): success closes it,
// failure opens it for another cool-down. Kept instead of cockatiel: docs/kept-infrastructure.md.

export type BreakerState = "closed" | "open" | "half-open";

export interface CircuitBreakerOptions {
  failureThreshold: number;
  coolDownMs: number;
  now?: () => number;
  onStateChange?: (state: BreakerState, previous: BreakerState) => void;
}

export class CircuitBreaker {
  private current: BreakerState = "closed";
  private failures = 0;
  private openedAt = 0;
  private trialInFlight = false;
  private readonly now: () => number;

  constructor(private readonly options: CircuitBreakerOptions) {
    if (options.failureThreshold < 1) throw new Error("failureThreshold must be at least 1");
    this.now = options.now ?? Date.now;
  }

  get state(): BreakerState {
    return this.current;
  }

  get consecutiveFailures(): number {
    return this.failures;
  }

  /** When an open breaker lets the next trial through (ms since the epoch), else null. */
  get retryAt(): number | null {
    return this.current === "open" ? this.openedAt + this.options.coolDownMs : null;
  }

  /**
   * Whether a request may go out now. In half-open state only one trial is allowed
   * at a time; every other caller is refused until it reports back.
   */
  tryAcquire(): boolean {
    if (this.current === "open") {
      if (this.now() < this.openedAt + this.options.coolDownMs) return false;
      this.transition("half-open");
    }
    if (this.current === "half-open") {
      if (this.trialInFlight) return false;
      this.trialInFlight = true;
    }
    return true;
  }

  recordSuccess(): void {
    this.failures = 0;
    this.trialInFlight = false;
    if (this.current !== "closed") this.transition("closed");
  }

  recordFailure(): void {
    this.failures++;
    this.trialInFlight = false;
    if (this.current === "half-open" || (this.current === "closed" && this.failures >= this.options.failureThreshold)) {
      this.openedAt = this.now();
      this.transition("open");
    }
  }

  private transition(next: BreakerState): void {
    const previous = this.current;
    this.current = next;
    this.options.onStateChange?.(next, previous);
  }
}
