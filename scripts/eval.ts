// Evaluates a sentiment algorithm on labelled CSV files: train on one file and
// score another, or k-fold cross-validate one file.
//
//   npm run eval -- --train FILE (--test FILE | --folds K) --text-column C --label-column C
//                   [--delimiter ';'] [--algorithm nb|cnb|svm|logreg|tree|xgboost]
//                   [--param alpha=0.3 ...] [--seed N] [--json]
//
// Speed: "predict/s cold" is one pass over the test texts in a fresh process (it includes
// compiling the code, so a few thousand texts mostly measure start-up); "predict/s warm"
// (train/test only) is the rate once warm, as a server that has been answering runs.

import { resolveParams } from "@/models/algorithms";
import { ALGORITHMS, ModelInputError, prepareAlgorithm, trainClassifier, type Algorithm, type TextClassifier } from "@/models/classifier";
import { crossValidate, evaluateClassifier, type EvaluationReport } from "@/models/evaluation";
import { CliUsageError, formatUsage, parseFlags, parseKeyValues, type FlagSpecs } from "./cli-args";
import { readCsvColumns } from "./csv-columns";
import { runCli } from "./run-cli";

const FLAGS = {
  train: { type: "string", required: true, help: "CSV file to train on (header row required)" },
  test: { type: "string", help: "CSV file to score; omit when using --folds" },
  "text-column": { type: "string", required: true, help: "column holding the message text" },
  "label-column": { type: "string", required: true, help: "column holding the label" },
  delimiter: { type: "string", help: 'field separator (default ",")' },
  algorithm: { type: "string", choices: ALGORITHMS.map((a) => a.id), help: "algorithm (default nb)" },
  folds: { type: "number", integer: true, min: 2, help: "k-fold cross-validation on --train" },
  param: { type: "string", multiple: true, help: "algorithm parameter name=value" },
  seed: { type: "number", integer: true, min: 0, help: "fold seed for --folds (default 42)" },
  json: { type: "boolean", help: "print one JSON object instead of a table" },
} satisfies FlagSpecs;

const USAGE = formatUsage("npm run eval -- --train FILE (--test FILE | --folds K) --text-column C --label-column C [options]", FLAGS);

interface Labelled {
  texts: string[];
  labels: string[];
  skipped: number;
}

function readLabelled(file: string, textColumn: string, labelColumn: string, delimiter: string): Labelled {
  const { columns } = readCsvColumns(file, [textColumn, labelColumn], { delimiter });
  const texts = columns[textColumn];
  const labels = columns[labelColumn];
  // Rows without text or label cannot be used for training or scoring.
  const keep: number[] = [];
  for (let i = 0; i < texts.length; i++) if (texts[i].trim() !== "" && labels[i].trim() !== "") keep.push(i);
  return { texts: keep.map((i) => texts[i]), labels: keep.map((i) => labels[i].trim()), skipped: texts.length - keep.length };
}

/**
 * Predictions per second once the process is warm, as a server that has been answering for a
 * while: the first pass (what predictPerSec times) also pays for compiling the code, so on a few
 * thousand texts it says more about start-up than about speed. After one untimed pass, batches
 * over the test texts are timed until 100,000 predictions and at least three passes. Also per
 * second of this process's CPU time, which other load on a shared machine disturbs less.
 */
function warmPredictionRate(model: TextClassifier, texts: string[]): { perSec: number; perCpuSec: number } {
  model.predictBatch(texts);
  let predicted = 0;
  let passes = 0;
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  while (predicted < 100_000 || passes < 3) {
    model.predictBatch(texts);
    predicted += texts.length;
    passes++;
  }
  const cpu = process.cpuUsage(cpu0);
  return { perSec: predicted / ((performance.now() - t0) / 1000), perCpuSec: predicted / ((cpu.user + cpu.system) / 1e6) };
}

function pct(x: number): string {
  return (100 * x).toFixed(2).padStart(6) + "%";
}

function printTable(title: string, report: EvaluationReport, extra: Record<string, string>): void {
  const out: string[] = [title, ""];
  for (const [k, v] of Object.entries(extra)) out.push(`${k.padEnd(16)} ${v}`);
  out.push(`${"accuracy".padEnd(16)} ${pct(report.accuracy)}`, `${"macro-F1".padEnd(16)} ${pct(report.macroF1)}`, "");
  const w = Math.max(8, ...report.labels.map((l) => l.length));
  out.push(`${"class".padEnd(w)}  precision   recall       F1  support`);
  for (const l of report.labels) {
    const m = report.perClass[l];
    out.push(`${l.padEnd(w)}  ${pct(m.precision).padStart(9)} ${pct(m.recall).padStart(8)} ${pct(m.f1).padStart(8)} ${String(m.support).padStart(8)}`);
  }
  out.push("", "confusion (rows = true, columns = predicted)");
  const cw = Math.max(6, ...report.labels.map((l) => Math.min(l.length, 10)), ...report.confusion.flat().map((v) => String(v).length)) + 1;
  out.push(" ".repeat(w) + report.labels.map((l) => l.slice(0, 10).padStart(cw)).join(""));
  report.labels.forEach((l, i) => out.push(l.padEnd(w) + report.confusion[i].map((v) => String(v).padStart(cw)).join("")));
  console.log(out.join("\n"));
}

async function main(): Promise<void> {
  const flags = parseFlags(process.argv.slice(2), FLAGS);
  if (!flags.test && flags.folds === undefined) throw new CliUsageError("give --test FILE or --folds K");
  if (flags.test && flags.folds !== undefined) throw new CliUsageError("--test and --folds cannot be combined");
  const algorithm = (flags.algorithm ?? "nb") as Algorithm;
  const params = parseKeyValues(flags.param, "param");
  try {
    resolveParams(algorithm, params);
  } catch (e) {
    // A wrong --param is a usage error like any other bad flag.
    if (e instanceof ModelInputError) throw new CliUsageError(e.message);
    throw e;
  }
  const delimiter = flags.delimiter ?? ",";
  const textColumn = flags["text-column"]!;
  const labelColumn = flags["label-column"]!;

  const train = readLabelled(flags.train!, textColumn, labelColumn, delimiter);
  await prepareAlgorithm(algorithm);
  const json = flags.json === true;
  if (train.skipped > 0 && !json) console.error(`note: skipped ${train.skipped} rows of ${flags.train} without text or label`);

  if (flags.folds !== undefined) {
    const cv = crossValidate(train.texts, train.labels, flags.folds, { algorithm, params }, flags.seed ?? 42);
    const result = {
      accuracy: cv.accuracy,
      macroF1: cv.macroF1,
      perClass: cv.perClass,
      confusion: cv.confusion,
      labels: cv.labels,
      trainMs: cv.trainMs / cv.k,
      predictPerSec: cv.n / (cv.predictMs / 1000),
      nTrain: train.texts.length,
      nTest: cv.n,
      algorithm,
      params,
      folds: cv.k,
      macroF1Std: cv.macroF1Std,
    };
    if (json) console.log(JSON.stringify(result));
    else
      printTable(`${algorithm}: ${cv.k}-fold cross-validation of ${flags.train}`, cv, {
        rows: String(cv.n),
        "train ms/fold": result.trainMs.toFixed(0),
        "predict/s cold": result.predictPerSec.toFixed(0),
        "fold macro-F1": `${pct(cv.macroF1Mean)} ± ${(100 * cv.macroF1Std).toFixed(2)}`,
      });
    return;
  }

  const test = readLabelled(flags.test!, textColumn, labelColumn, delimiter);
  if (test.skipped > 0 && !json) console.error(`note: skipped ${test.skipped} rows of ${flags.test} without text or label`);
  const t0 = performance.now();
  const model = trainClassifier(train.texts, train.labels, { algorithm, params });
  const trainMs = performance.now() - t0;
  try {
    const report = evaluateClassifier(model, test.texts, test.labels);
    const warm = warmPredictionRate(model, test.texts);
    const result = {
      accuracy: report.accuracy,
      macroF1: report.macroF1,
      perClass: report.perClass,
      confusion: report.confusion,
      labels: report.labels,
      trainMs,
      predictPerSec: report.n / (report.predictMs / 1000),
      warmPredictPerSec: warm.perSec,
      warmPredictPerCpuSec: warm.perCpuSec,
      nTrain: train.texts.length,
      nTest: report.n,
      algorithm,
      params,
    };
    if (json) console.log(JSON.stringify(result));
    else
      printTable(`${algorithm}: trained on ${flags.train}, tested on ${flags.test}`, report, {
        "train rows": String(train.texts.length),
        "test rows": String(report.n),
        "train ms": trainMs.toFixed(0),
        "predict/s cold": result.predictPerSec.toFixed(0),
        "predict/s warm": `${warm.perSec.toFixed(0)} (${warm.perCpuSec.toFixed(0)} per cpu-s)`,
      });
  } finally {
    model.dispose?.();
  }
}

void runCli(main, USAGE);
