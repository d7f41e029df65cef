/**
 * Label vocabularies shared by the demo generators. Kept as `as const` tuples so the
 * runtime lists and the TypeScript unions can never drift apart.
 */

export const SENTIMENTS = ["negative", "neutral", "positive"] as const;
export type Sentiment = (typeof SENTIMENTS)[number];

// One list of emotion labels for the whole product (the built-in model's seven).
export { EMOTIONS, type Emotion } from "@/models/emotion/labels";

export const CHANNELS = ["email", "web", "phone", "chat"] as const;
export type Channel = (typeof CHANNELS)[number];

/** Share of each sentiment; values are relative weights (they are normalised before use). */
export type SentimentMix = Record<Sentiment, number>;
