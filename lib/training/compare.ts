// Two finished model versions side by side on the same test data, on demand: a supervisor
// about to roll back sees the old version against the one active now, not only against the
// one that was active when it was trained (lib/training/execute-runs.ts compares at training time).
import { getModelArtifact, getModelVersion, listModelVersions } from "@/db/queries/models";
import { AppError, isAppError } from "@/lib/platform/errors";
import { evaluate, type EvaluationReport } from "@/models/evaluation";
import { loadClassifierAsync } from "@/models/classifier";
import { buildSplit, parseTrainingRun, trainingTextsOf } from "./runs";
import { isShippedSelection } from "./shipped/version";

export type VersionComparison = {
  versionId: number;
  otherId: number;
  /** The test examples of `versionId`'s own test selection, rebuilt on today's data. */
  nTest: number;
  /** Those neither version was trained on: both are scored on exactly these. */
  nCompared: number;
  /** Whether the other version's training data could be rebuilt to leave its rows out. */
  overlapChecked: boolean;
  mine: Pick<EvaluationReport, "accuracy" | "macroF1" | "perClass">;
  theirs: Pick<EvaluationReport, "accuracy" | "macroF1" | "perClass">;
};

async function finished(id: number) {
  const v = await getModelVersion({ id });
  if (!v || v.task !== "sentiment") throw new AppError("not_found:model", `Model version ${id} does not exist.`);
  if (v.status !== "succeeded") throw new AppError("conflict:model", `v${id} has not finished training, so it cannot be compared.`);
  return v;
}

/**
 * Scores `versionId` and `otherId` on `versionId`'s test data, leaving out the examples either
 * was trained on (a hold-out drawn after corrections were added can hold rows the other
 * version learnt from, which would flatter it).
 */
export async function compareVersions(versionId: number, otherId: number): Promise<VersionComparison> {
  if (versionId === otherId) throw new AppError("validation:compare", "Choose another version to compare with.");
  const [v] = await Promise.all([finished(versionId), finished(otherId)]);
  if (isShippedSelection(v.testSelection)) {
    throw new AppError("conflict:compare", `v${versionId} shipped with the product and was measured outside the app, so its test data is not here to score v${otherId} on; compare from v${otherId}'s page instead.`);
  }
  if (!v.trainSelection || !v.testSelection) throw new AppError("conflict:model", `The test data of v${versionId} is not recorded, so it cannot be rebuilt.`);
  const split = await buildSplit(parseTrainingRun({ name: v.name, algorithm: v.algorithm, params: v.params, train: v.trainSelection, test: v.testSelection }));
  const seenByOther = await trainingTextsOf(otherId);
  const seenByMine = new Set(split.train.map((r) => r.text));
  const fair = split.test.filter((r) => !seenByMine.has(r.text) && !seenByOther?.has(r.text));
  if (fair.length === 0) throw new AppError("conflict:compare", `v${otherId} was trained on every test example of v${versionId}; compare from v${otherId}'s page instead.`);
  const truth = fair.map((r) => r.label);
  const score = async (id: number) => {
    const artifact = await getModelArtifact({ id });
    if (!artifact) throw new AppError("conflict:model", `v${id} has no stored model.`);
    const classifier = await loadClassifierAsync(artifact);
    try {
      const { accuracy, macroF1, perClass } = evaluate(truth, classifier.predictBatch(fair.map((r) => r.text)).map((p) => p.label), classifier.labels);
      return { accuracy, macroF1, perClass };
    } finally {
      classifier.dispose?.();
    }
  };
  const mine = await score(versionId);
  const theirs = await score(otherId);
  return { versionId, otherId, nTest: split.test.length, nCompared: fair.length, overlapChecked: seenByOther !== null, mine, theirs };
}

/**
 * What a version's page shows under "Compare with another version": the finished versions to
 * choose from, and the comparison asked for (`?compare=N`). Without one it compares with the
 * version active now, unless that is this one or the one already compared at training time.
 */
export async function versionComparison(versionId: number, activeId: number | null, comparedAtTraining: number | null, asked: string | undefined) {
  const versions = await listModelVersions({ task: "sentiment", limit: 200 });
  const choices = versions.filter((v) => v.status === "succeeded").map((v) => ({ id: v.id, name: v.name, active: v.id === activeId }));
  const askedId = asked && /^\d+$/.test(asked) ? Number(asked) : null;
  const fallback = activeId !== null && activeId !== versionId && activeId !== comparedAtTraining ? activeId : null;
  const selected = askedId ?? fallback;
  let result: VersionComparison | { error: string } | null = null;
  if (selected !== null) {
    try {
      result = await compareVersions(versionId, selected);
    } catch (error) {
      if (!isAppError(error)) throw error;
      result = { error: error.message };
    }
  }
  return { choices, selected, result };
}
