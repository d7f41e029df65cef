/**
 * Label vocabularies shared by the demo generators: the product's own lists
 * (db/schema.ts, models/emotion/labels.ts), so demo rows always hold values the app accepts.
 */

import { CHANNELS as TASK_CHANNELS, type Channel as TaskChannel, type Sentiment } from "@/db/schema";

export { SENTIMENTS, type Sentiment } from "@/db/schema";

// One list of emotion labels for the whole product (the built-in model's seven).
export { EMOTIONS, type Emotion } from "@/models/emotion/labels";

// The channels customers write through: db/schema.ts's list without "api", which is other
// systems' (the demo does not imitate them), in the same order.
export type Channel = Exclude<TaskChannel, "api">;
export const CHANNELS: readonly Channel[] = TASK_CHANNELS.filter((c): c is Channel => c !== "api");

/** Share of each sentiment; values are relative weights (they are normalised before use). */
export type SentimentMix = Record<Sentiment, number>;
