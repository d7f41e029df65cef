// Emotion for new requests: asks the emotion service and answers null for each text
// when it is unavailable, so the request is stored with emotion "pending" and the
// backfill fills it in later. Sentiment never waits on it beyond the client's timeout.
import { classifyEmotions, type EmotionResult } from "@/lib/emotion/client";

export type { EmotionResult };

export async function classifyEmotionsOrPending(texts: string[]): Promise<(EmotionResult | null)[]> {
  return (await classifyEmotions(texts)) ?? texts.map(() => null);
}
