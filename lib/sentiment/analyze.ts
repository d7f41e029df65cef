// Scores text with the active sentiment model: label, per-class scores, confidence,
// the model version, and the words that drove the decision.
import { z } from "zod";
import { parseOrThrow } from "@/lib/platform/errors";
import type { ExplanationToken } from "@/models/classifier";
import { isBlankText } from "@/models/validation";
import { requireActiveModel } from "./active-model";

export const MAX_TEXT_CHARS = 5120;

export const BLANK_TEXT_MESSAGE = "Text is empty.";

// Blank by the models' own rule (isBlankText), not just trim()'s: a text of control
// characters passed trim() and then failed inside the model as a 500.
export const textSchema = z
  .string({ message: "Text must be a string." })
  .trim()
  .max(MAX_TEXT_CHARS, `Text is longer than ${MAX_TEXT_CHARS} characters.`)
  .refine((t) => !isBlankText(t), BLANK_TEXT_MESSAGE);

export type SentimentResult = {
  /** The text as scored (trimmed); explanation offsets point into it. */
  text: string;
  label: string;
  scores: Record<string, number>;
  confidence: number;
  modelVersion: number;
  explanation: ExplanationToken[];
};

export async function analyzeSentiment(text: unknown): Promise<SentimentResult> {
  // Checked as the form's "text" field, so its problem shows beside that field.
  const { text: clean } = parseOrThrow(z.object({ text: textSchema }), { text }, "validation:text");
  const { versionId, classifier } = await requireActiveModel();
  const prediction = classifier.predict(clean);
  return { text: clean, ...prediction, modelVersion: versionId, explanation: classifier.explain(clean) };
}
