// Settings of the emotion server process (scripts/emotion-server.ts), validated once;
// a wrong value stops start-up with a message naming the variable. The app's side of
// the connection (EMOTION_INFERENCE_URL, _TOKEN, _TIMEOUT_MS) lives in lib/platform/env.ts.
import { z } from "zod";
import { ConfigError, describeEnvIssues } from "@/db/config";
import { MAX_TEXT_LENGTH } from "@/models/classifier";
import { DEFAULT_MAX_BATCH } from "@/models/emotion/server";
import { DEFAULT_DEMO_EXAMPLES } from "./builtin-model";

const labelList = z
  .string()
  .transform((s) => s.split(",").map((l) => l.trim()).filter(Boolean))
  .pipe(
    z
      .array(z.string())
      .min(2, "must list at least two comma-separated labels")
      .refine((labels) => new Set(labels).size === labels.length, "must not repeat a label"),
  );

export const emotionServerEnvSchema = z.object({
  EMOTION_SERVER_PORT: z.coerce.number().int().min(0).max(65535).default(8090),
  EMOTION_SERVER_HOST: z.string().trim().min(1).default("127.0.0.1"),
  /** A transformers.js model directory; when set the server serves it instead of the built-in model. */
  EMOTION_MODEL_DIR: z.string().trim().min(1).optional(),
  /** The built-in model's artifact (npm run emotion:train writes it). */
  EMOTION_BUILTIN_MODEL: z.string().trim().min(1).default("data/emotion-model.json"),
  /** Expected labels; names the classes of a transformer model whose config says only LABEL_n. */
  EMOTION_LABELS: labelList.optional(),
  EMOTION_MAX_BATCH: z.coerce.number().int().min(1).max(1024).default(DEFAULT_MAX_BATCH),
  EMOTION_MAX_INPUT_CHARS: z.coerce.number().int().min(1).max(MAX_TEXT_LENGTH).default(MAX_TEXT_LENGTH),
  /** Demo examples to train on when no artifact exists. */
  EMOTION_DEMO_EXAMPLES: z.coerce.number().int().min(100).max(200_000).default(DEFAULT_DEMO_EXAMPLES),
});

export type EmotionServerConfig = z.infer<typeof emotionServerEnvSchema>;

/** Parses the environment; empty strings count as unset. Throws ConfigError. */
export function parseEmotionServerConfig(source: Record<string, string | undefined> = process.env): EmotionServerConfig {
  const keys = Object.keys(emotionServerEnvSchema.shape);
  const cleaned = Object.fromEntries(keys.filter((k) => source[k] !== undefined && source[k] !== "").map((k) => [k, source[k]]));
  const parsed = emotionServerEnvSchema.safeParse(cleaned);
  if (!parsed.success) throw new ConfigError(`Invalid emotion server configuration: ${describeEnvIssues(parsed.error)}`);
  return parsed.data;
}
