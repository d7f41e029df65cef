// Turns the training form's flat fields into a training-run input
// (`param.<name>` fields become algorithm parameters; checkbox groups become id lists).
import { ALGORITHMS } from "@/models/classifier";

type FormObject = Record<string, string | string[]>;

const list = (v: string | string[] | undefined) => (v === undefined ? [] : Array.isArray(v) ? v : v === "" ? [] : [v]);
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) ?? "";

export function trainingRunFromForm(form: FormObject): Record<string, unknown> {
  const algorithm = one(form.algorithm) || "nb";
  const info = ALGORITHMS.find((a) => a.id === algorithm);
  const params: Record<string, string | boolean> = {};
  for (const spec of info?.params ?? []) {
    const key = `param.${spec.name}`;
    if (spec.type === "boolean") params[spec.name] = one(form[key]) === "on" || one(form[key]) === "true";
    else if (one(form[key]) !== "") params[spec.name] = one(form[key]);
  }
  const testKind = one(form.testKind) || "holdout";
  const test =
    testKind === "time"
      ? { kind: "time", splitAt: one(form.splitAt) || undefined }
      : testKind === "dataset"
        ? { kind: "dataset", datasetIds: list(form.testDatasetIds) }
        : { kind: "holdout", percent: one(form.holdoutPercent) || "20", seed: one(form.seed) || "42" };
  return {
    name: one(form.name) || undefined,
    algorithm,
    params,
    train: {
      datasetIds: list(form.datasetIds),
      categoryIds: list(form.categoryIds),
      from: one(form.from) || undefined,
      to: one(form.to) || undefined,
      includeCorrections: one(form.includeCorrections) === "on",
      demoLimit: one(form.demoLimit) || undefined,
    },
    test,
  };
}
