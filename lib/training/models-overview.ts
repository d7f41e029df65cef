// What the Models pages show: versions, the active one, and the choices for a new run.
import { listCategories } from "@/db/queries/catalog";
import { describeSelection } from "@/lib/training/describe";
import { listDatasetNames, listDatasetsWithCounts } from "@/db/queries/datasets";
import { getActiveModelId, getModelVersion, listModelVersions, type ModelVersionSummary } from "@/db/queries/models";
import { agreementByClass, agreementByWeek } from "@/db/queries/agreement";
import { agreementByModelVersion } from "@/db/queries/agreement";
import { measuredOn } from "@/lib/training/measured-on";
import { NEW_LABELS_FOR_RETRAINING, newLabelsSince, offeredRun, trainedAt } from "@/lib/training/offered-run";
import type { ReviewedEvaluation } from "@/lib/training/reviewed-evaluation";
import { AppError } from "@/lib/platform/errors";
import { ALGORITHMS } from "@/models/classifier";

export async function modelsOverview() {
  const [versions, activeId, datasets, categories, agreement] = await Promise.all([
    listModelVersions({ task: "sentiment", limit: 200 }),
    getActiveModelId({ task: "sentiment" }),
    listDatasetsWithCounts(),
    listCategories(),
    agreementByModelVersion(),
  ]);
  const kinds = new Map(datasets.map((d) => [d.id, d.kind]));
  const agreed = new Map(agreement.map((a) => [a.modelVersionId, a]));
  const active = versions.find((v) => v.id === activeId);
  return {
    versions: versions.map((v) => ({
      ...v,
      measuredOn: measuredOn(v, kinds),
      agreement: agreed.get(v.id) ?? null,
      // undefined: trained before this was measured; null: no reviewed request was left to test on.
      onReviewed: v.metrics && "onReviewed" in v.metrics ? (v.metrics.onReviewed as ReviewedEvaluation | null) : undefined,
    })),
    activeId,
    datasets,
    categories: categories.map((c) => ({ id: c.id, name: c.name })),
    algorithms: ALGORITHMS.map((a) => ({ id: a.id, name: a.name, description: a.description, params: a.params })),
    learning: active ? await learningLoop(active, { datasets: new Map(datasets.map((d) => [d.id, d.name])), categories: new Map(categories.map((c) => [c.id, c.name])) }) : null,
  };
}

/**
 * The active version against the supervisors: agreement on the requests they reviewed,
 * per class and per week, the labels that arrived since it was trained, and the run
 * offered once there are enough of them.
 */
async function learningLoop(active: ModelVersionSummary, names: Parameters<typeof describeSelection>[2]) {
  const [byClass, byWeek, since, offer] = await Promise.all([
    agreementByClass({ modelVersionId: active.id }),
    agreementByWeek({ modelVersionId: active.id }),
    newLabelsSince(active),
    offeredRun(active),
  ]);
  return {
    version: { id: active.id, name: active.name, algorithm: active.algorithm, trainedAt: trainedAt(active) },
    trainedOn: describeSelection(active.trainSelection, active.testSelection, names).train,
    byClass,
    byWeek: byWeek.map((w) => ({ week: w.weekStart.toISOString().slice(0, 10), reviewed: w.reviewed, kept: w.kept })),
    since,
    newLabelsNeeded: NEW_LABELS_FOR_RETRAINING,
    offer: offer && {
      ownLabels: offer.ownLabels,
      ownDatasets: offer.ownDatasets,
      demoRows: offer.demoRows,
      algorithm: offer.input.algorithm,
    },
  };
}

export async function modelDetail(id: number) {
  const version = await getModelVersion({ id });
  if (!version || version.task !== "sentiment") throw new AppError("not_found:model", `Model version ${id} does not exist.`);
  const activeId = await getActiveModelId({ task: "sentiment" });
  return { version, activeId };
}

/** modelDetail, plus the version's data choices in words for its page (the API returns them as stored). */
export async function modelPageDetail(id: number) {
  const [detail, datasets, categories] = await Promise.all([modelDetail(id), listDatasetNames(), listCategories()]);
  const data = describeSelection(detail.version.trainSelection, detail.version.testSelection, {
    datasets: new Map(datasets.map((d) => [d.id, d.name])),
    categories: new Map(categories.map((c) => [c.id, c.name])),
  });
  return { ...detail, data };
}

export type LearningLoop = NonNullable<Awaited<ReturnType<typeof modelsOverview>>["learning"]>;
