// npm run emotion:train — trains the emotion server's built-in model from labelled data.
//
//   npm run emotion:train -- --data FILE [--format six|thirteen|auto] [--out data/emotion-model.json]
//                            [--test FILE] [--algorithm svm] [--param C=0.5 ...] [--json]
//
//   six:      `text;label` lines (header `text;label_name` optional), e.g. ../shared/data/emotion/train.txt
//   thirteen: CSV with `sentiment` and `content` columns, e.g. ../shared/data/text-emotion/text_emotion.csv
// The emotion server loads the result at its next start (EMOTION_BUILTIN_MODEL).
import { ALGORITHMS, type Algorithm } from "@/models/classifier";
import { evaluateClassifier } from "@/models/evaluation";
import { DEFAULT_EMOTION_ALGORITHM, trainEmotionModel, writeEmotionArtifact } from "@/lib/emotion/builtin-model";
import { readEmotionDataset, type EmotionDataset } from "@/lib/emotion/training-data";
import { CliUsageError, formatUsage, parseFlags, parseKeyValues, type FlagSpecs } from "./cli-args";
import { runCli } from "./run-cli";

const FLAGS = {
  data: { type: "string", required: true, help: "labelled file to train on" },
  format: { type: "string", choices: ["auto", "six", "thirteen"], help: "file shape and label set (default auto: by header)" },
  out: { type: "string", help: "artifact to write (default data/emotion-model.json)" },
  test: { type: "string", help: "labelled file (same format) to report accuracy and macro-F1 on" },
  algorithm: { type: "string", choices: ALGORITHMS.map((a) => a.id), help: `algorithm (default ${DEFAULT_EMOTION_ALGORITHM})` },
  param: { type: "string", multiple: true, help: "algorithm parameter name=value" },
  json: { type: "boolean", help: "print one JSON summary instead of text" },
} satisfies FlagSpecs;

const USAGE = formatUsage("npm run emotion:train -- --data FILE [--format six|thirteen|auto] [--out FILE] [--test FILE]", FLAGS);

function reportSkips(file: string, data: EmotionDataset): void {
  if (data.skipped.length === 0) return;
  console.error(`note: ${file}: skipped rows`);
  for (const s of data.skipped) console.error(s.line > 0 ? `  line ${s.line}: ${s.reason}` : `  ${s.reason}`);
}

async function main(): Promise<void> {
  const flags = parseFlags(process.argv.slice(2), FLAGS);
  const format = (flags.format ?? "auto") as "auto" | "six" | "thirteen";
  const out = flags.out ?? "data/emotion-model.json";
  const algorithm = (flags.algorithm ?? DEFAULT_EMOTION_ALGORITHM) as Algorithm;
  const params = parseKeyValues(flags.param, "param");
  const json = flags.json === true;

  const data = await readEmotionDataset(flags.data!, format);
  if (!json) reportSkips(flags.data!, data);
  const test = flags.test ? await readEmotionDataset(flags.test, data.format) : null;
  if (test && !json) reportSkips(flags.test!, test);

  const t0 = performance.now();
  const { classifier, artifact } = await trainEmotionModel(data.texts, data.labels, { algorithm, params, source: flags.data! });
  const trainMs = performance.now() - t0;
  try {
    if (test) {
      const unknown = test.labels.filter((l) => !classifier.labels.includes(l));
      if (unknown.length) throw new CliUsageError(`--test has labels the training data lacks: ${[...new Set(unknown)].join(", ")}`);
      const report = evaluateClassifier(classifier, test.texts, test.labels);
      artifact.metrics = { accuracy: report.accuracy, macroF1: report.macroF1, nTest: report.n, testSource: flags.test! };
    }
    writeEmotionArtifact(out, artifact);
  } finally {
    classifier.dispose?.();
  }

  const summary = {
    out,
    modelId: artifact.modelId,
    format: data.format,
    labels: artifact.labels,
    algorithm,
    nTrain: artifact.nTrain,
    counts: data.counts,
    trainMs: Math.round(trainMs),
    metrics: artifact.metrics ?? null,
  };
  if (json) {
    console.log(JSON.stringify(summary));
    return;
  }
  console.log(`Trained ${artifact.modelId} (${algorithm}, ${data.format}-label set) on ${artifact.nTrain} rows in ${(trainMs / 1000).toFixed(1)} s.`);
  console.log(`Labels: ${artifact.labels.map((l) => `${l} ${data.counts[l]}`).join(", ")}`);
  if (artifact.metrics) {
    console.log(`On ${flags.test}: accuracy ${(100 * artifact.metrics.accuracy).toFixed(2)}%, macro-F1 ${(100 * artifact.metrics.macroF1).toFixed(2)}% (${artifact.metrics.nTest} rows).`);
  }
  console.log(`Wrote ${out}; the emotion server loads it at its next start (EMOTION_BUILTIN_MODEL).`);
}

void runCli(main, USAGE);
