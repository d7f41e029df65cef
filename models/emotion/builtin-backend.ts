// The built-in backend: the project's own text classifier (the sentiment engine,
// trained on emotion labels) behind the emotion server's interface. It needs no
// model files and no native runtime, so the product has emotions offline.
import type { TextClassifier } from "@/models/classifier";
import { sortScores } from "./protocol";
import type { EmotionBackend, LabelScore } from "./types";

export function createBuiltinBackend(classifier: TextClassifier, id: string): EmotionBackend {
  const labels = [...classifier.labels];
  return {
    id,
    kind: "builtin",
    labels,
    async classify(texts: string[]): Promise<LabelScore[][]> {
      // predictBatch is synchronous CPU work (~0.1 ms a text); a 32-text batch
      // holds the event loop for a few milliseconds, which the latency target allows.
      return classifier.predictBatch(texts).map((p) => sortScores(labels.map((label) => ({ label, score: p.scores[label] ?? 0 }))));
    },
    async close() {
      classifier.dispose?.();
    },
  };
}
