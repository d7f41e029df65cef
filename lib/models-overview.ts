// What the Models pages show: versions, the active one, and the choices for a new run.
import { listCategories } from "@/db/queries/catalog";
import { describeSelection } from "@/lib/training/describe";
import { listDatasetNames, listDatasetsWithCounts } from "@/db/queries/datasets";
import { getActiveModelId, getModelVersion, listModelVersions } from "@/db/queries/models";
import { AppError } from "@/lib/errors";
import { ALGORITHMS } from "@/models/classifier";

export async function modelsOverview() {
  const [versions, activeId, datasets, categories] = await Promise.all([
    listModelVersions({ task: "sentiment", limit: 200 }),
    getActiveModelId({ task: "sentiment" }),
    listDatasetsWithCounts(),
    listCategories(),
  ]);
  return {
    versions,
    activeId,
    datasets,
    categories: categories.map((c) => ({ id: c.id, name: c.name })),
    algorithms: ALGORITHMS.map((a) => ({ id: a.id, name: a.name, description: a.description, params: a.params })),
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
