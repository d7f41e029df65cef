/**
 * Streams a realistic demo workload: which account wrote about what, when, in what mood.
 *
 * Shape of the data and why:
 * - Overall ~45% negative / 30% neutral / 25% positive, varying by category (categories.ts).
 * - A slow week-by-week trend: some categories (Billing, Portal/Apps...) get worse, a few
 *   improve, so trend charts have something to show. The trend is centred on the middle
 *   of the window so the overall mix stays at the baseline.
 * - Timestamps follow business hours (timeline.ts); phone contacts need the lines open.
 * - Account activity is skewed (a few busy accounts, a long tail).
 * - ~3% of accounts are "at risk": at some point they send a run of 3-6 consecutive
 *   negative messages, often ending in a cancellation request, for the at-risk features.
 * It is a generator so a 1M-task seed never holds more than one task in memory.
 */
import { CATEGORIES, getCategory, type CategoryDef, type CategoryName } from "./categories";
import { pickEmotion } from "./emotions";
import { createDemoRng, hash32, weightedPicker, type Rng } from "./random";
import { generateRequest } from "./requests";
import { DAY_MS, SortedTimestamps, WEEK_MS, localHourAndDay } from "./timeline";
import { CHANNELS, type Channel, type Emotion, type Sentiment } from "./types";

export interface PlanDemoOptions {
  seed: number;
  /** Number of task specs to yield. */
  tasks: number;
  /** Number of accounts; yielded accountIndex is in [0, accounts). */
  accounts: number;
  /** Length of the window ending at `now`. */
  days: number;
  now: Date | number;
  /** Call-centre local time offset from UTC used for business hours (default 0 = UTC). */
  utcOffsetMinutes?: number;
}

export interface DemoTaskSpec {
  accountIndex: number;
  category: CategoryName;
  channel: Channel;
  sentiment: Sentiment;
  emotion: Emotion;
  text: string;
  createdAt: Date;
}

export const AT_RISK_SHARE = 0.03;
export const RUN_MIN = 3;
export const RUN_MAX = 6;
/** Largest shift of the negative share any trend may cause. */
const MAX_DRIFT = 0.15;

// ---- deterministic helpers shared with tests -------------------------------------------

function gcd(a: number, b: number): number {
  while (b) [a, b] = [b, a % b];
  return a;
}

/** A seeded permutation of 0..n-1 as (i * mul + add) mod n; O(1) memory. */
function affinePermutation(n: number, seed: number): (i: number) => number {
  if (n <= 1) return () => 0;
  let mul = (hash32(seed, 1) % n) || 1;
  while (gcd(mul, n) !== 1) mul = (mul + 1) % n || 1;
  const add = hash32(seed, 2) % n;
  // Multiply in two halves: i * mul can exceed 2^53 for very large n.
  return (i) => (((i % n) * mul) % n + add) % n;
}

export function atRiskCount(accounts: number): number {
  return accounts <= 0 ? 0 : Math.max(1, Math.round(accounts * AT_RISK_SHARE));
}

/** Indexes of the accounts that get a negative run for this seed (sorted ascending). */
export function atRiskAccountIndexes(seed: number, accounts: number): number[] {
  const perm = affinePermutation(accounts, hash32(seed, 0xa7));
  const out: number[] = [];
  for (let k = 0; k < atRiskCount(accounts); k++) out.push(perm(k));
  return out.sort((a, b) => a - b);
}

/** Category mix at a point in the window: baseline plus the category's weekly trend. */
export function sentimentMixAt(def: CategoryDef, weekIndex: number, totalWeeks: number): [number, number, number] {
  const raw = def.negativeTrendPerWeek * (weekIndex + 0.5 - totalWeeks / 2);
  const drift = Math.max(-MAX_DRIFT, Math.min(MAX_DRIFT, raw));
  // More negative messages come mostly out of the positive share, partly out of neutral.
  const neg = Math.max(0.02, def.sentimentMix.negative + drift);
  const neu = Math.max(0.02, def.sentimentMix.neutral - drift * 0.35);
  const pos = Math.max(0.02, def.sentimentMix.positive - drift * 0.65);
  const sum = neg + neu + pos;
  return [neg / sum, neu / sum, pos / sum];
}

// ---- the plan --------------------------------------------------------------------------

interface Run {
  account: number;
  remaining: number;
  category: CategoryName;
}

const CATEGORY_PICKER = weightedPicker(CATEGORIES.map((c) => [c, c.volume] as const));
// Runs usually start with one of the complaint-heavy queues.
const RUN_CATEGORY_PICKER = weightedPicker<CategoryName>([
  ["Billing", 4], ["Payments", 2], ["Portal/Apps", 2], ["Client Concerns", 2], ["Schedules", 1], ["Plan Changes", 1],
]);

function pickChannel(rng: Rng, def: CategoryDef, ms: number, offsetMs: number): Channel {
  const [h, day] = localHourAndDay(ms, offsetMs);
  const phonesOpen = day !== 0 && h >= 8 && h < 20;
  const chatOpen = h >= 7 && h < 23;
  let total = 0;
  const w: number[] = [];
  for (const c of CHANNELS) {
    // Outside opening hours a "phone" contact is a voicemail, and much rarer.
    let x = def.channelMix[c];
    if (c === "phone" && !phonesOpen) x *= 0.08;
    if (c === "chat" && !chatOpen) x *= 0.25;
    w.push(x);
    total += x;
  }
  let r = rng.next() * total;
  for (let i = 0; i < w.length; i++) {
    r -= w[i];
    if (r < 0) return CHANNELS[i];
  }
  return CHANNELS[CHANNELS.length - 1];
}

export function* planDemo(opts: PlanDemoOptions): Generator<DemoTaskSpec, void, undefined> {
  const { seed, tasks, accounts, days } = opts;
  if (!Number.isInteger(tasks) || tasks < 0) throw new RangeError(`tasks must be a non-negative integer, got ${tasks}`);
  if (!Number.isInteger(accounts) || accounts < 1) throw new RangeError(`accounts must be a positive integer, got ${accounts}`);
  if (!(days > 0)) throw new RangeError(`days must be positive, got ${days}`);
  const endMs = typeof opts.now === "number" ? opts.now : opts.now.getTime();
  if (!Number.isFinite(endMs)) throw new RangeError("now must be a valid date");
  const startMs = endMs - days * DAY_MS;
  const offsetMs = (opts.utcOffsetMinutes ?? 0) * 60_000;
  if (tasks === 0) return;

  // Independent streams, so e.g. text generation never shifts the timestamps.
  const root = createDemoRng(seed);
  const timeRng = root.fork(1);
  const pickRng = root.fork(2);
  const textRng = root.fork(3);

  const times = new SortedTimestamps(timeRng, startMs, endMs, tasks, offsetMs);
  const totalWeeks = days / 7;

  // Busy accounts: rank r has weight ~ r^(-0.45); ranks are scattered over the indexes.
  const accountOf = affinePermutation(accounts, hash32(seed, 0x51));
  const pickAccount = (): number => accountOf(Math.floor(accounts * Math.pow(pickRng.next(), 1.8)));

  // At-risk runs: each at-risk account starts its run at a fixed point in the window,
  // half of them in the last fifth so the "currently at risk" list is not empty.
  const scheduleRng = root.fork(4);
  const schedule = atRiskAccountIndexes(seed, accounts)
    .map((account) => ({
      account,
      at: startMs + (endMs - startMs) * (scheduleRng.chance(0.5) ? 0.1 + 0.7 * scheduleRng.next() : 0.8 + 0.13 * scheduleRng.next()),
      length: scheduleRng.int(RUN_MIN, RUN_MAX),
      category: RUN_CATEGORY_PICKER(scheduleRng),
    }))
    .sort((a, b) => a.at - b.at);
  let nextRun = 0;
  const active = new Map<number, Run>();
  const activeList: Run[] = [];
  // Chance per task that a given active run sends its next message: about two messages
  // per run per day, so a run plays out over a couple of days.
  const tasksPerDay = tasks / days;
  const perRunRate = Math.min(0.2, 2 / Math.max(1, tasksPerDay));

  for (let i = 0; i < tasks; i++) {
    const ms = times.next();
    while (nextRun < schedule.length && schedule[nextRun].at <= ms) {
      const s = schedule[nextRun++];
      if (!active.has(s.account)) {
        const run: Run = { account: s.account, remaining: s.length, category: s.category };
        active.set(s.account, run);
        activeList.push(run);
      }
    }

    let account: number;
    if (activeList.length > 0 && pickRng.chance(Math.min(0.5, activeList.length * perRunRate))) {
      account = activeList[Math.floor(pickRng.next() * activeList.length)].account;
    } else {
      account = pickAccount();
    }

    let def: CategoryDef;
    let sentiment: Sentiment;
    const run = active.get(account);
    if (run) {
      // Every message during a run is negative; the last one often asks to cancel.
      sentiment = "negative";
      const last = run.remaining === 1;
      def = getCategory(last && pickRng.chance(0.4) ? "Cancellations" : pickRng.chance(0.7) ? run.category : CATEGORY_PICKER(pickRng).name);
      if (--run.remaining === 0) {
        active.delete(account);
        activeList.splice(activeList.indexOf(run), 1);
      }
    } else {
      def = CATEGORY_PICKER(pickRng);
      const week = Math.floor((ms - startMs) / WEEK_MS);
      const [neg, neu] = sentimentMixAt(def, week, totalWeeks);
      const r = pickRng.next();
      sentiment = r < neg ? "negative" : r < neg + neu ? "neutral" : "positive";
    }

    const emotion = pickEmotion(pickRng, sentiment, def.emotionTilt, def.slug);
    const channel = pickChannel(pickRng, def, ms, offsetMs);
    const { text } = generateRequest(textRng, { category: def.name, sentiment, emotion, channel });
    yield { accountIndex: account, category: def.name, channel, sentiment, emotion, text, createdAt: new Date(ms) };
  }
}
