// Training runs are job rows in model_versions. This is the web side: a supervisor's (or the
// CLI's, or the first start's) run is checked and queued, and a finished version promoted or
// rolled back. A worker claims and executes queued runs (./execute-runs.ts).
// A failed run never touches the active model: only promoteModelVersion changes it.
import { insertAuditEntry } from "@/db/queries/audit";
import { datasetKinds, ensureDataset, selectExamples, type DatasetKind } from "@/db/queries/datasets";
import { activateModelVersion, getActiveModelId, getModelVersion, insertModelVersion, type ModelVersionSummary } from "@/db/queries/models";
import { AppError, parseOrThrow } from "@/lib/platform/errors";
import { logger } from "@/lib/platform/logger";
import { emitEvent } from "@/lib/admin/webhooks";
import { invalidateActiveModel } from "@/lib/sentiment/active-model";
import { sentimentLexicon } from "@/lib/sentiment/lexicon";
import { ALGORITHMS, ModelInputError, type Algorithm, type TrainOptions } from "@/models/classifier";
import { resolveParams } from "@/models/algorithms";
import { trainingRunSchema, type TrainingRunInput } from "./selection";
import { sampleDemoRows } from "./demo-prior";
import { splitRows, type LabelledRow, type Split } from "./split";

export const CORRECTIONS_DATASET = "Supervisor corrections";

/** The run's parameter that adds the sentiment lexicon's ratings as features (models/lexicon-classifier.ts). */
const LEXICON_PARAM = "lexicon";

/** Rows of a demo dataset: text the project's generator made, not a customer. */
const isDemoRow = (kinds: Map<number, DatasetKind>) => (r: LabelledRow) => r.datasetId !== undefined && kinds.get(r.datasetId) === "demo";

/**
 * What the classifier is trained with: the algorithm's parameters, the lexicon when the run
 * asks for it, and, given the training rows, which of them its confidence is calibrated on:
 * every row but generated demo text, whose template-made rows the model scores almost
 * surely right and would make it over-confident on real messages (TrainOptions.calibrateOn;
 * the shipped models are built the same way, lib/training/shipped/recipes.ts).
 */
export function trainOptionsOf(run: TrainingRunInput, train?: { rows: LabelledRow[]; kinds: Map<number, DatasetKind> }): TrainOptions {
  const { [LEXICON_PARAM]: lexicon, ...params } = run.params;
  const isDemo = train ? isDemoRow(train.kinds) : null;
  return {
    algorithm: run.algorithm as Algorithm,
    params: params as TrainOptions["params"],
    lexicon: lexicon === true ? sentimentLexicon() : undefined,
    calibrateOn: train && isDemo ? train.rows.map((r) => !isDemo(r)) : undefined,
  };
}

export function parseTrainingRun(input: unknown): TrainingRunInput {
  const run = parseOrThrow(trainingRunSchema, input, "validation:training_run", "The training run is not valid.");
  if (!ALGORITHMS.some((a) => a.id === run.algorithm)) {
    throw new AppError("validation:algorithm", `Unknown algorithm "${run.algorithm}".`, { fieldErrors: { algorithm: "Unknown algorithm." } });
  }
  try {
    // "lexicon" is not a parameter of any algorithm but of the features it learns from
    // (the shipped model has it), so it is taken aside and kept as it is.
    const { [LEXICON_PARAM]: lexicon, ...algorithmParams } = run.params;
    run.params = { ...resolveParams(run.algorithm as Algorithm, algorithmParams), ...(lexicon === true ? { [LEXICON_PARAM]: true } : {}) };
  } catch (error) {
    if (error instanceof ModelInputError) throw new AppError("validation:params", `Invalid parameters: ${error.message}.`);
    throw error;
  }
  return run;
}

/** The labelled rows a run's training selection covers, before any split. */
async function selectTrainingRows(run: TrainingRunInput): Promise<{ rows: LabelledRow[]; datasetIds: number[]; kinds: Map<number, DatasetKind> }> {
  const datasetIds = [...run.train.datasetIds];
  if (run.train.includeCorrections) {
    const corrections = await ensureDataset({ name: CORRECTIONS_DATASET, kind: "corrections" });
    if (!datasetIds.includes(corrections.id)) datasetIds.push(corrections.id);
  }
  let rows: LabelledRow[] = await selectExamples({
    datasetIds,
    categoryIds: run.train.categoryIds,
    from: run.train.from,
    to: run.train.to,
  });
  const kinds = await datasetKinds({ ids: [...datasetIds, ...(run.test.kind === "dataset" ? run.test.datasetIds : [])] });
  if (run.train.demoLimit !== undefined) {
    const isDemo = isDemoRow(kinds);
    rows = [...rows.filter((r) => !isDemo(r)), ...sampleDemoRows(rows.filter(isDemo), run.train.demoLimit)];
  }
  return { rows, datasetIds, kinds };
}

/** Loads the rows a run selects and splits them; throws a clear AppError for a selection that cannot train. */
export async function buildSplit(run: TrainingRunInput): Promise<Split & { kinds: Map<number, DatasetKind> }> {
  const { rows, datasetIds, kinds } = await selectTrainingRows(run);
  if (run.test.kind === "dataset") {
    const both = run.test.datasetIds.filter((id) => datasetIds.includes(id));
    if (both.length) {
      throw new AppError(
        "validation:test_overlap",
        "A test dataset is also a training dataset: the model would be tested on examples it learnt from. Choose another test dataset, or a hold-out.",
        { fieldErrors: { "test.datasetIds": "Choose a dataset the model does not train on." } },
      );
    }
  }
  const separate = run.test.kind === "dataset" ? await selectExamples({ datasetIds: run.test.datasetIds }) : [];
  const split = splitRows(rows, run.test, separate);
  if (split.train.length === 0) throw new AppError("validation:train_empty", "The training selection has no examples.");
  const trainLabels = new Set(split.train.map((r) => r.label));
  if (trainLabels.size < 2) {
    throw new AppError("validation:train_one_class", `The training selection has only one label (${[...trainLabels][0]}); it needs at least two.`);
  }
  if (split.test.length === 0) throw new AppError("validation:test_empty", "The test selection has no examples.");
  const unseen = [...new Set(split.test.map((r) => r.label))].filter((l) => !trainLabels.has(l));
  if (unseen.length) {
    throw new AppError("validation:test_labels", `The test data has labels the training data never shows: ${unseen.join(", ")}.`);
  }
  return { ...split, kinds };
}

/**
 * The texts a finished version was trained on, rebuilt from its stored selection on
 * today's data. Exact while that data is unchanged; after rows were added, a hold-out can
 * differ at its boundary by a few rows (see holdoutSplit). Null when the selection can no
 * longer be rebuilt.
 */
export async function trainingTextsOf(versionId: number): Promise<Set<string> | null> {
  const v = await getModelVersion({ id: versionId });
  if (!v?.trainSelection || !v.testSelection) return null;
  // The shipped model was trained on none of the company's data: every test row is unseen by it.
  if (typeof (v.trainSelection as { source?: unknown }).source === "string") return new Set();
  try {
    const run = parseTrainingRun({ name: v.name, algorithm: v.algorithm, params: v.params, train: v.trainSelection, test: v.testSelection });
    return new Set((await buildSplit(run)).train.map((r) => r.text));
  } catch (error) {
    logger.warn("could not rebuild the active model's training rows", { modelVersionId: versionId, error });
    return null;
  }
}

/** Validates and queues a run. Nothing is written when the selection cannot train. */
export async function queueTrainingRun(input: unknown, authorId: number | null): Promise<ModelVersionSummary> {
  const run = parseTrainingRun(input);
  const split = await buildSplit(run);
  const version = await insertModelVersion({
    task: "sentiment",
    name: run.name || `${run.algorithm} ${new Date().toISOString().slice(0, 16).replace("T", " ")}`,
    algorithm: run.algorithm,
    params: run.params,
    trainSelection: run.train as unknown as Record<string, unknown>,
    testSelection: run.test as unknown as Record<string, unknown>,
    nTrain: split.train.length,
    nTest: split.test.length,
    authorId,
    status: "queued",
    progressMessage: "Waiting for a worker",
  });
  await insertAuditEntry({ actorId: authorId, action: "model.train", target: `model:${version.id}`, details: { algorithm: run.algorithm } });
  return version;
}

/** Makes a succeeded version the active model (a promotion or a roll-back), audited. */
export async function promoteModelVersion(id: number, actorId: number | null): Promise<ModelVersionSummary> {
  const version = await getModelVersion({ id });
  if (!version) throw new AppError("not_found:model", `Model version ${id} does not exist.`);
  if (version.status !== "succeeded") throw new AppError("conflict:model", `Model version ${id} has not finished training (${version.status}).`);
  const previous = await getActiveModelId({ task: version.task });
  await activateModelVersion({ id, task: version.task });
  await insertAuditEntry({
    actorId,
    action: previous !== null && previous > id ? "model.rollback" : "model.promote",
    target: `model:${id}`,
    details: { previous },
  });
  invalidateActiveModel();
  await emitEvent("model.promoted", { model_version_id: id, previous_version_id: previous, algorithm: version.algorithm });
  return (await getModelVersion({ id }))!;
}
