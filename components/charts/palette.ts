// Chart colours (Tremor colour names; tailwind.config.ts safelists their classes). Kept out
// of the client chart modules so server pages can read them as plain values.

// Same meaning on every chart: negative orange, neutral stone grey, positive sky blue. Red and
// green (the old rose/emerald) look alike to the one man in twelve with red-green colour
// blindness; orange, grey and blue stay apart under every common kind
// (tests/unit/chart-palette.test.ts).
export const SENTIMENT_COLOURS = { negative: "orange", neutral: "stone", positive: "sky" } as const;

const SERIES = ["blue", "amber", "emerald", "rose", "violet", "cyan", "orange", "lime", "fuchsia", "teal", "indigo", "pink", "sky", "yellow", "red", "green"];

/**
 * Colours for the few series a reader picks to compare (the net score of up to four
 * categories): far apart for every common colour-vision deficiency
 * (tests/unit/chart-palette.test.ts), which no palette of ten can be.
 */
export const PICKED_SERIES_COLOURS = ["violet", "amber", "cyan", "rose"] as const;


// The six emotions of the built-in model keep their colour; other labels take the next free one.
const EMOTION = new Map<string, string>([
  ["anger", "rose"],
  ["sadness", "blue"],
  ["fear", "violet"],
  ["surprise", "cyan"],
  ["joy", "amber"],
  ["love", "pink"],
]);

export function emotionColours(labels: string[]): string[] {
  const spare = SERIES.filter((c) => ![...EMOTION.values()].includes(c));
  let next = 0;
  return labels.map((l) => EMOTION.get(l) ?? spare[next++ % spare.length]);
}
