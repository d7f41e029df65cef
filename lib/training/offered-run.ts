// The training run the models page offers once supervisors have given enough new labels:
// the company's own labelled data (every supervisor review and every imported or uploaded
// dataset), generated demo text only as a small prior while real labels are few
// (demo-prior.ts), the active version's algorithm, and a hold-out that puts a fifth of the
// reviewed requests aside, so the comparison shows on them whether the new version helped.
import { listDatasetsWithCounts } from "@/db/queries/datasets";
import { reviewsSince } from "@/db/queries/agreement";
import { getActiveModelId, getModelVersion, type ModelVersionSummary } from "@/db/queries/models";
import { AppError } from "@/lib/platform/errors";
import { ALGORITHMS } from "@/models/classifier";
import { demoRowsAllowed } from "./demo-prior";
import { queueTrainingRun } from "./runs";

/** New supervisor labels since the active version was trained that make a run worth offering. */
export const NEW_LABELS_FOR_RETRAINING = 50;

export type OfferedRun = {
  /** The input queueTrainingRun takes. */
  input: {
    name: string;
    algorithm: string;
    params: Record<string, unknown>;
    train: { datasetIds: number[]; includeCorrections: true; demoLimit?: number };
    test: { kind: "holdout"; percent: number; seed: number };
  };
  /** The company's own labels it trains and tests on, and the demo rows it adds as a prior. */
  ownLabels: number;
  ownDatasets: string[];
  demoRows: number;
};

/** When the active version was trained: the moment its run read its data. */
export const trainedAt = (v: Pick<ModelVersionSummary, "startedAt" | "createdAt">) => v.startedAt ?? v.createdAt;

export async function newLabelsSince(active: Pick<ModelVersionSummary, "startedAt" | "createdAt">) {
  return reviewsSince({ since: trainedAt(active) });
}

/** The run to offer, or null while fewer than NEW_LABELS_FOR_RETRAINING labels arrived since the active version was trained. */
export async function offeredRun(active: ModelVersionSummary | undefined, now = new Date()): Promise<OfferedRun | null> {
  if (!active) return null;
  const { reviewed } = await newLabelsSince(active);
  if (reviewed < NEW_LABELS_FOR_RETRAINING) return null;
  const datasets = (await listDatasetsWithCounts()).filter((d) => d.examples > 0);
  const own = datasets.filter((d) => d.kind === "import" || d.kind === "manual");
  const corrections = datasets.filter((d) => d.kind === "corrections").reduce((a, d) => a + d.examples, 0);
  const ownLabels = corrections + own.reduce((a, d) => a + d.examples, 0);
  const demo = datasets.filter((d) => d.kind === "demo");
  const demoRows = demo.length ? Math.min(demoRowsAllowed(ownLabels), demo.reduce((a, d) => a + d.examples, 0)) : 0;
  const algorithm = ALGORITHMS.some((a) => a.id === active.algorithm) ? active.algorithm : "nb";
  return {
    input: {
      name: `Own labels ${now.toISOString().slice(0, 10)}`,
      algorithm,
      params: algorithm === active.algorithm ? active.params : {},
      train: {
        datasetIds: [...own.map((d) => d.id), ...(demoRows > 0 ? demo.map((d) => d.id) : [])],
        includeCorrections: true,
        ...(demoRows > 0 ? { demoLimit: demoRows } : {}),
      },
      test: { kind: "holdout", percent: 20, seed: 42 },
    },
    ownLabels,
    ownDatasets: own.map((d) => d.name),
    demoRows,
  };
}

/**
 * Queues the offered run, rebuilt here from the database rather than taken from a form:
 * what is trained is what the page described, whatever a forged post says.
 */
export async function queueOfferedRun(authorId: number): Promise<ModelVersionSummary> {
  const activeId = await getActiveModelId({ task: "sentiment" });
  const offer = await offeredRun(activeId === null ? undefined : await getModelVersion({ id: activeId }));
  if (!offer) {
    throw new AppError("conflict:offered_run", `A run is offered once ${NEW_LABELS_FOR_RETRAINING} requests have been reviewed since the active model was trained.`);
  }
  return queueTrainingRun(offer.input, authorId);
}
