// Chooses and loads the emotion server's model: the transformer in EMOTION_MODEL_DIR
// when one is configured, otherwise the built-in model (its artifact, or one trained
// from demo data at start). A configured transformer that fails to load is an error,
// not a silent fall-back: serving a different model than the one asked for would
// label every prediction with the wrong model.
import { ConfigError } from "@/db/config";
import { EmotionModelError, loadTransformerBackend } from "@/models/emotion/transformer-backend";
import type { EmotionBackend } from "@/models/emotion/types";
import { AppError } from "@/lib/platform/errors";
import { loadBuiltinEmotionBackend } from "./builtin-model";
import type { EmotionServerConfig } from "./server-config";

export interface LoadedBackend {
  backend: EmotionBackend;
  /** One line for the start-up log. */
  description: string;
}

type BackendSettings = Pick<EmotionServerConfig, "EMOTION_MODEL_DIR" | "EMOTION_BUILTIN_MODEL" | "EMOTION_LABELS" | "EMOTION_DEMO_EXAMPLES">;

export async function loadEmotionBackend(config: BackendSettings): Promise<LoadedBackend> {
  if (config.EMOTION_MODEL_DIR) {
    let backend: EmotionBackend;
    try {
      backend = await loadTransformerBackend(config.EMOTION_MODEL_DIR, { labels: config.EMOTION_LABELS });
    } catch (e) {
      // Name the setting to fix; the message already names the directory and the problem.
      if (e instanceof EmotionModelError) throw new ConfigError(`EMOTION_MODEL_DIR: ${e.message}`);
      throw e;
    }
    return { backend, description: `transformer model from ${config.EMOTION_MODEL_DIR}` };
  }
  const { backend, artifact, origin } = await loadBuiltinEmotionBackend({
    artifactPath: config.EMOTION_BUILTIN_MODEL,
    demoExamples: config.EMOTION_DEMO_EXAMPLES,
  }).catch((e: unknown) => {
    throw e instanceof AppError ? new ConfigError(`EMOTION_BUILTIN_MODEL: ${e.message}`) : e;
  });
  const wanted = config.EMOTION_LABELS;
  if (wanted && (wanted.length !== backend.labels.length || wanted.some((l) => !backend.labels.includes(l)))) {
    throw new AppError(
      "validation:emotion-model",
      `EMOTION_LABELS (${wanted.join(", ")}) differ from the built-in model's labels (${backend.labels.join(", ")})`,
    );
  }
  const description =
    origin === "artifact"
      ? `built-in model ${config.EMOTION_BUILTIN_MODEL} (trained on ${artifact.source})`
      : origin === "shipped"
        ? `shipped built-in model (trained on ${artifact.source})`
        : `built-in model trained now on the ${artifact.source}; models/shipped/emotion.json.gz is missing`;
  return { backend, description };
}
