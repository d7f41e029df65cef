// The level of support a request needs, from what the analysis says about it. Pure: the
// callers (lib/support/task-priority.ts) read the task and its account and store the result.
// Only as good as the labels, which is why every point it adds is written out as a reason
// the task page shows ("negative 94%, anger, 3rd negative request in a row from this account").
import type { Channel, Priority, Sentiment } from "@/db/schema";

export type PriorityInput = {
  sentiment: Sentiment | null;
  confidence: number | null;
  /** An emotion label; null, "pending" and "neutral" mean no emotion to act on. */
  emotion: string | null;
  /** The account's current run of negative requests (this one included when it is negative). */
  negativeStreak: number;
  /** The account meets the at-risk rule (AT_RISK_RUN negatives in a row). */
  accountAtRisk: boolean;
  categorySlug: string;
  channel: Channel;
  /** A supervisor's review set the label: it is certain. */
  reviewed?: boolean;
};

export type PriorityResult = { priority: Priority; reasons: string[] };

/** The Accounts page's default rule: this many negative requests in a row puts an account at risk. */
export const AT_RISK_RUN = 3;

/** Emotions that call for a faster answer. */
export const URGENT_EMOTIONS = new Set(["anger", "fear"]);
/** A customer asking to leave is worth answering first. */
const CHURN_CATEGORIES = new Set(["cancellations"]);
/** Channels where the customer is waiting live. */
const LIVE_CHANNELS = new Set<Channel>(["phone", "chat"]);

const ordinal = (n: number) => {
  const s = n % 100 >= 11 && n % 100 <= 13 ? "th" : ({ 1: "st", 2: "nd", 3: "rd" } as Record<number, string>)[n % 10] ?? "th";
  return `${n}${s}`;
};

/**
 * Points: a confident negative 3 (a less confident one 2, an unsure one 1), anger or fear 2,
 * an account at risk 2 (two negatives in a row 1), a cancellation 1, a live channel 1.
 * 5 or more is urgent, 3–4 high; a confident positive with nothing else is low.
 */
export function computePriority(input: PriorityInput): PriorityResult {
  const reasons: string[] = [];
  let points = 0;
  const confidence = input.reviewed ? 1 : (input.confidence ?? 0);
  const percent = `${Math.round(confidence * 100)}%`;
  if (input.sentiment === null) reasons.push("not scored yet");
  else reasons.push(input.reviewed ? `${input.sentiment} (set by a supervisor)` : `${input.sentiment} ${percent}`);
  if (input.sentiment === "negative") points += confidence >= 0.8 ? 3 : confidence >= 0.6 ? 2 : 1;

  const emotion = input.emotion && URGENT_EMOTIONS.has(input.emotion) ? input.emotion : null;
  if (emotion) {
    points += 2;
    reasons.push(emotion);
  }
  if (input.sentiment === "negative" && input.negativeStreak >= 2) {
    reasons.push(`${ordinal(input.negativeStreak)} negative request in a row from this account`);
    points += input.accountAtRisk ? 2 : 1;
  } else if (input.accountAtRisk) {
    reasons.push("account at risk");
    points += 2;
  }
  if (CHURN_CATEGORIES.has(input.categorySlug)) {
    points += 1;
    reasons.push("asks to cancel");
  }
  if (LIVE_CHANNELS.has(input.channel) && points > 0) {
    points += 1;
    reasons.push(`customer waiting on ${input.channel}`);
  }
  if (points >= 5) return { priority: "urgent", reasons };
  if (points >= 3) return { priority: "high", reasons };
  if (points === 0 && input.sentiment === "positive" && confidence >= 0.6) return { priority: "low", reasons };
  return { priority: "normal", reasons };
}
