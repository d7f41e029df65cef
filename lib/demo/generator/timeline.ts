/**
 * Business-hour weighted timestamps, produced in ascending order without storing them.
 *
 * Why this shape: planDemo must stream up to millions of tasks in time order. Sorting
 * random timestamps would need them all in memory, so instead we draw the order
 * statistics of n uniforms directly (largest first: U_max = U^(1/n), then each next one
 * is the previous times U^(1/k)), flip them to ascending, and push them through the
 * inverse CDF of an hourly weight profile. A monotone map keeps the order, and because
 * the uniforms only move forward, the inverse CDF is a moving pointer, not a search.
 */
import type { Rng } from "./random";

export const HOUR_MS = 3_600_000;
export const DAY_MS = 24 * HOUR_MS;
export const WEEK_MS = 7 * DAY_MS;

// Relative contact volume by local hour on a weekday: quiet nights, a morning peak,
// a lunch dip and an early-afternoon peak, tailing off in the evening.
const WEEKDAY_HOURS = [
  0.05, 0.03, 0.02, 0.02, 0.03, 0.06, 0.15, 0.45, 0.85, 1.0, 1.0, 0.95,
  0.8, 0.9, 1.0, 0.95, 0.85, 0.7, 0.45, 0.3, 0.22, 0.16, 0.1, 0.07,
];
// Sunday..Saturday (Date#getUTCDay order). Mondays bring the weekend backlog.
const DAY_FACTOR = [0.2, 1.15, 1.0, 1.0, 0.97, 0.9, 0.35];

/** Local hour (0-23) and weekday (0 = Sunday) of a UTC timestamp shifted by `offsetMs`. */
export function localHourAndDay(ms: number, offsetMs: number): [number, number] {
  const d = new Date(ms + offsetMs);
  return [d.getUTCHours(), d.getUTCDay()];
}

export function contactWeight(ms: number, offsetMs: number): number {
  const [h, day] = localHourAndDay(ms, offsetMs);
  return WEEKDAY_HOURS[h] * DAY_FACTOR[day];
}

export class SortedTimestamps {
  private readonly cum: Float64Array;
  private readonly total: number;
  private readonly nBins: number;
  private remaining: number;
  /** Current order statistic, walking down from 1 towards 0. */
  private u = 1;
  private bin = 0;

  constructor(
    private readonly rng: Rng,
    private readonly startMs: number,
    private readonly endMs: number,
    count: number,
    offsetMs: number,
  ) {
    if (!(endMs > startMs)) throw new RangeError("timeline end must be after start");
    this.nBins = Math.ceil((endMs - startMs) / HOUR_MS);
    this.cum = new Float64Array(this.nBins);
    let total = 0;
    for (let b = 0; b < this.nBins; b++) {
      const binStart = startMs + b * HOUR_MS;
      const len = Math.min(HOUR_MS, endMs - binStart);
      // Weight at the middle of the bin; partial last bin weighted by its length.
      total += contactWeight(binStart + len / 2, offsetMs) * (len / HOUR_MS);
      this.cum[b] = total;
    }
    this.total = total;
    this.remaining = count;
  }

  /** Next timestamp (ms), never earlier than the previous one; throws when exhausted. */
  next(): number {
    if (this.remaining <= 0) throw new RangeError("no timestamps left");
    // 1 - next() is in (0, 1], so pow never sees 0.
    this.u *= Math.pow(1 - this.rng.next(), 1 / this.remaining);
    this.remaining--;
    const target = (1 - this.u) * this.total;
    const { cum, nBins } = this;
    while (this.bin < nBins - 1 && cum[this.bin] <= target) this.bin++;
    const before = this.bin === 0 ? 0 : cum[this.bin - 1];
    const w = cum[this.bin] - before;
    const frac = w > 0 ? Math.min(1, Math.max(0, (target - before) / w)) : 0;
    const binStart = this.startMs + this.bin * HOUR_MS;
    const len = Math.min(HOUR_MS, this.endMs - binStart);
    return Math.min(this.endMs - 1, Math.floor(binStart + frac * len));
  }
}
