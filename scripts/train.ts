// npm run train -- --dataset NAME [--dataset NAME …] [--algorithm nb] [--holdout 20] [--seed 42]
//   [--test-dataset NAME] [--param alpha=0.3 …] [--no-corrections] [--promote]
// Trains a sentiment model version from datasets in the database (the same training run a
// supervisor starts on the Models page), prints its metrics next to the active model's,
// and promotes it when asked. For files outside the database, use `npm run eval`.
import { listDatasetsWithCounts } from "@/db/queries/datasets";
import { getModelVersion } from "@/db/queries/models";
import { migrate } from "@/lib/ops/bootstrap";
import { AppError } from "@/lib/platform/errors";
import { promoteModelVersion, queueTrainingRun } from "@/lib/training/runs";
import { drainTrainingQueue } from "@/lib/training/execute-runs";
import { parseFlags } from "./cli-args";
import { runCli } from "./run-cli";

const USAGE = "Usage: npm run train -- --dataset NAME [--algorithm nb|cnb|svm|logreg|tree|xgboost] [--holdout 20] [--seed 42] [--test-dataset NAME] [--param k=v] [--no-corrections] [--promote]";

runCli(async () => {
  const flags = parseFlags(process.argv.slice(2), {
    boolean: ["promote", "no-corrections", "help"],
    number: ["holdout", "seed"],
    string: ["algorithm", "name"],
    multiple: ["dataset", "test-dataset", "param"],
  });
  const names = (flags.dataset as string[] | undefined) ?? [];
  if (flags.help || names.length === 0) {
    process.stderr.write(USAGE + "\n");
    return flags.help ? 0 : 2;
  }
  await migrate();
  const datasets = await listDatasetsWithCounts();
  const idsOf = (list: string[]) =>
    list.map((n) => {
      const d = datasets.find((x) => x.name === n);
      if (!d) throw new AppError("not_found:dataset", `No dataset "${n}"; the datasets are: ${datasets.map((x) => x.name).join(", ")}.`);
      return d.id;
    });
  const params = Object.fromEntries(
    ((flags.param as string[] | undefined) ?? []).map((p) => {
      const [k, ...v] = p.split("=");
      if (!k || v.length === 0) throw new AppError("bad_request:flag", `--param needs name=value, got "${p}".`);
      return [k, v.join("=")];
    }),
  );
  const testDatasets = (flags["test-dataset"] as string[] | undefined) ?? [];
  const queued = await queueTrainingRun(
    {
      name: flags.name as string | undefined,
      algorithm: (flags.algorithm as string | undefined) ?? "nb",
      params,
      train: { datasetIds: idsOf(names), includeCorrections: !flags["no-corrections"] },
      test: testDatasets.length
        ? { kind: "dataset", datasetIds: idsOf(testDatasets) }
        : { kind: "holdout", percent: (flags.holdout as number | undefined) ?? 20, seed: (flags.seed as number | undefined) ?? 42 },
    },
    null,
  );
  process.stderr.write(`Training run ${queued.id} queued (${queued.nTrain} training, ${queued.nTest} test examples)…\n`);
  await drainTrainingQueue();
  const done = (await getModelVersion({ id: queued.id }))!;
  if (done.status !== "succeeded") throw new AppError("conflict:training_run", `Training run ${done.id} ${done.status}: ${done.error ?? ""}`);
  const m = done.metrics as { accuracy: number; macroF1: number; trainMs: number; activeComparison: { versionId: number; accuracy: number; macroF1: number } | null };
  const cmp = m.activeComparison;
  process.stdout.write(
    `v${done.id} ${done.algorithm}: accuracy ${m.accuracy.toFixed(3)}, macro-F1 ${m.macroF1.toFixed(3)} (trained in ${m.trainMs} ms)` +
      (cmp ? `; active v${cmp.versionId} on the same test data: accuracy ${cmp.accuracy.toFixed(3)}, macro-F1 ${cmp.macroF1.toFixed(3)}` : "") +
      "\n",
  );
  if (flags.promote) {
    await promoteModelVersion(done.id, null);
    process.stdout.write(`v${done.id} is now the active model.\n`);
  }
});
