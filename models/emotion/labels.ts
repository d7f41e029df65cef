// The two emotion label sets the product knows.
//
// SIX: the CARER "emotion" dataset and the public ALBERT emotion checkpoints
// (albert-base-v2-emotion); the demo generator uses the same six, so the built-in
// model speaks them out of the box. THIRTEEN: CrowdFlower "Emotion in Text", the set
// the original product's ALBERT model was trained on. Any other list is allowed too:
// the server reports whatever labels its model has.

export const SIX_EMOTIONS = ["sadness", "joy", "love", "anger", "fear", "surprise"] as const;

/**
 * The built-in model's labels: the six above plus "neutral", the GoEmotions grouping
 * (Demszky et al., 2020). Most support requests are plain questions and requests with
 * no clear emotion; without this class every one of them was forced into one of the six
 * (usually fear or surprise). This is the product's one list of emotion labels.
 */
export const EMOTIONS = ["anger", "fear", "joy", "love", "sadness", "surprise", "neutral"] as const;
export type Emotion = (typeof EMOTIONS)[number];

/** The label that means "no clear emotion": shown apart from the emotion mix, never as its biggest slice. */
export const NO_CLEAR_EMOTION = "neutral";


export const THIRTEEN_EMOTIONS = [
  "empty",
  "sadness",
  "enthusiasm",
  "neutral",
  "worry",
  "surprise",
  "love",
  "fun",
  "hate",
  "happiness",
  "boredom",
  "relief",
  "anger",
] as const;

export type LabelSet = "six" | "thirteen";

export const LABEL_SETS: Record<LabelSet, readonly string[]> = { six: SIX_EMOTIONS, thirteen: THIRTEEN_EMOTIONS };

/**
 * The Hugging Face copy of CARER stores labels as class ids in this order
 * (0 sadness … 5 surprise), so a `text;3` line means anger.
 */
export function sixEmotionFromId(id: string): string | undefined {
  if (!/^[0-5]$/.test(id)) return undefined;
  return SIX_EMOTIONS[Number(id)];
}
