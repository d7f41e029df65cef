// The shipped sentiment model as the first model version: what a fresh start activates.
import { insertModelVersion, type ModelVersionSummary } from "@/db/queries/models";
import { loadClassifier } from "@/models/classifier";
import { readShippedSentiment } from "@/lib/training/shipped/files";
import { promoteModelVersion } from "../runs";

/** The shipped version's selections name their data in words ({ source }) instead of datasets. */
export function isShippedSelection(selection: unknown): boolean {
  return typeof selection === "object" && selection !== null && "source" in selection;
}

export async function installShippedSentimentModel(): Promise<ModelVersionSummary> {
  const { info, artifact } = readShippedSentiment();
  const labels = loadClassifier(artifact).labels;
  const metrics = info.metrics as { nTest?: number; testSource?: string };
  const version = await insertModelVersion({
    task: "sentiment",
    name: info.name,
    algorithm: info.algorithm,
    params: info.params,
    // Trained outside the app (npm run models:ship): the selections say so in words.
    trainSelection: { source: info.source },
    testSelection: { source: metrics.testSource ?? "not measured" },
    labels: [...labels],
    metrics: info.metrics,
    nTrain: info.nTrain,
    nTest: metrics.nTest ?? null,
    status: "succeeded",
    progress: 1,
    progressMessage: "Shipped with the product",
    artifact,
    finishedAt: new Date(info.trainedAt),
  });
  return promoteModelVersion(version.id, null);
}
