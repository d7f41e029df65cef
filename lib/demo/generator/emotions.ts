/**
 * Which emotions may accompany which sentiment, and how often.
 *
 * Why a table: the app shows sentiment and emotion side by side, and a demo where a
 * "positive" message is tagged "anger" would look broken. Anger/sadness/fear only occur
 * with negative or (mildly) neutral text, joy/love only with neutral or positive text,
 * and surprise can go either way ("I was shocked to see..." vs "Wow, that was fast!").
 */
import { weightedPicker, type Rng } from "./random";
import type { Emotion, Sentiment } from "./types";

export const EMOTION_WEIGHTS: Record<Sentiment, Partial<Record<Emotion, number>>> = {
  negative: { anger: 0.4, sadness: 0.27, fear: 0.22, surprise: 0.11 },
  // Most neutral requests carry no clear emotion; some a mild tone: curiosity, politeness, a little worry.
  neutral: { neutral: 0.6, surprise: 0.13, joy: 0.11, fear: 0.11, sadness: 0.05 },
  positive: { joy: 0.55, love: 0.3, surprise: 0.15 },
};

export function isConsistent(sentiment: Sentiment, emotion: Emotion): boolean {
  return (EMOTION_WEIGHTS[sentiment][emotion] ?? 0) > 0;
}

type Tilt = Partial<Record<Emotion, number>>;
const pickerCache = new Map<string, (rng: Rng) => Emotion>();

/**
 * Draw an emotion for a sentiment. `tilt` multiplies the base weights so a category can
 * lean somewhere (Cancellations sadder, Payments more fearful) without ever producing an
 * inconsistent pair: a tilt cannot create weight where the base table has none.
 */
export function pickEmotion(rng: Rng, sentiment: Sentiment, tilt?: Tilt, tiltKey = ""): Emotion {
  // A tilt without a key cannot be cached safely (two different tilts would collide).
  const cacheable = tilt === undefined || tiltKey !== "";
  const key = `${sentiment}|${tiltKey}`;
  let picker = cacheable ? pickerCache.get(key) : undefined;
  if (!picker) {
    const base = EMOTION_WEIGHTS[sentiment];
    const items = (Object.keys(base) as Emotion[]).map((e) => [e, (base[e] ?? 0) * (tilt?.[e] ?? 1)] as const);
    picker = weightedPicker(items);
    if (cacheable) pickerCache.set(key, picker);
  }
  return picker(rng);
}
