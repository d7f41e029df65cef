// npm run models:ship — retrains the two models the product ships (models/shipped/) from
// GoEmotions and the project's own generated support requests, then measures them on
// real text they were never trained on. Needs ../shared/data (or --data DIR).
//
//   npm run models:ship -- [--data ../shared/data] [--only sentiment|emotion]
//
// The figures it prints are the ones in BENCHMARKS.md ("Out of the box").
import fs from "node:fs";
import path from "node:path";
import { evaluate } from "@/models/evaluation";
import { EMOTION_ARTIFACT_FORMAT, type EmotionModelArtifact } from "@/lib/emotion/builtin-model";
import { progressBar } from "@/lib/platform/progress-bar";
import { SHIPPED_EMOTION_FILE, SHIPPED_SENTIMENT_FILE, writeGzipJson, type ShippedSentiment } from "@/lib/training/shipped/files";
import {
  GOEMOTIONS_EMOTION_GROUP,
  SHIPPED_EMOTION_ALGORITHM,
  SHIPPED_SENTIMENT_ALGORITHM,
  readGoEmotions,
  trainShippedEmotion,
  trainShippedSentiment,
} from "@/lib/training/shipped/recipes";
import { createHash } from "node:crypto";
import { CliUsageError, formatUsage, parseFlags, type FlagSpecs } from "./cli-args";
import { readCsvColumns } from "./csv-columns";
import { runCli } from "./run-cli";

const FLAGS = {
  data: { type: "string", help: "folder with goemotions/ and airline-tweets/ (default ../shared/data)" },
  only: { type: "string", choices: ["sentiment", "emotion"], help: "retrain just one of the two" },
} satisfies FlagSpecs;
const USAGE = formatUsage("npm run models:ship -- [--data DIR] [--only sentiment|emotion]", FLAGS);

const round = (x: number) => Math.round(x * 1000) / 1000;

function airline(dir: string): { texts: string[]; labels: string[] } | null {
  const file = path.join(dir, "airline-tweets", "tweets.csv");
  if (!fs.existsSync(file)) return null;
  const { columns } = readCsvColumns(file, ["text", "airline_sentiment"]);
  return { texts: columns.text, labels: columns.airline_sentiment };
}

runCli(async () => {
  const flags = parseFlags(process.argv.slice(2), FLAGS);
  const dir = path.resolve(flags.data ?? "../shared/data");
  const train = path.join(dir, "goemotions", "train.tsv");
  const dev = path.join(dir, "goemotions", "dev.tsv");
  if (!fs.existsSync(train)) throw new CliUsageError(`no GoEmotions training file at ${train}`);

  if (flags.only !== "emotion") {
    const bar = progressBar("Training the shipped sentiment model", 100);
    const { classifier, nTrain } = trainShippedSentiment(train, (f) => bar.update(Math.round(f * 100)));
    bar.finish();
    const held = airline(dir);
    const metrics: Record<string, unknown> = {};
    if (held) {
      const report = evaluate(held.labels, classifier.predictBatch(held.texts).map((p) => p.label));
      // The shape every training run stores (lib/training/runs.ts), so pages and the API read it alike.
      Object.assign(metrics, {
        accuracy: round(report.accuracy),
        macroF1: round(report.macroF1),
        perClass: report.perClass,
        nTest: report.n,
        testSource: "Twitter US Airline Sentiment: real customer complaints, none used in training",
      });
      console.log(`sentiment: airline tweets (never trained on) macro-F1 ${report.macroF1.toFixed(3)}, accuracy ${report.accuracy.toFixed(3)}, n ${report.n}`);
      for (const [label, m] of Object.entries(report.perClass)) console.log(`  ${label.padEnd(9)} precision ${m.precision.toFixed(3)} recall ${m.recall.toFixed(3)} F1 ${m.f1.toFixed(3)}`);
    }
    const shipped: ShippedSentiment = {
      info: {
        name: "Shipped model (GoEmotions, support requests, VADER lexicon)",
        algorithm: SHIPPED_SENTIMENT_ALGORITHM,
        params: { lexicon: true },
        source: "GoEmotions sentiment grouping (Apache-2.0, 3,000 per class) + 12,000 generated support requests + VADER lexicon (MIT)",
        nTrain,
        metrics,
        trainedAt: new Date().toISOString(),
      },
      artifact: classifier.serialize(),
    };
    writeGzipJson(SHIPPED_SENTIMENT_FILE, shipped);
    console.log(`wrote ${path.relative(process.cwd(), SHIPPED_SENTIMENT_FILE)} (${(fs.statSync(SHIPPED_SENTIMENT_FILE).size / 1e6).toFixed(1)} MB)`);
  }

  if (flags.only !== "sentiment") {
    const bar = progressBar("Training the shipped emotion model", 100);
    const { classifier, nTrain } = trainShippedEmotion(train, (f) => bar.update(Math.round(f * 100)));
    bar.finish();
    const serialized = classifier.serialize();
    const artifact: EmotionModelArtifact = {
      format: EMOTION_ARTIFACT_FORMAT,
      modelId: `csa-emotion/${SHIPPED_EMOTION_ALGORITHM}-goemotions@${createHash("sha256").update(serialized).digest("hex").slice(0, 8)}`,
      labels: [...classifier.labels],
      source: "GoEmotions in 7 groups (Apache-2.0) + 12,000 generated support requests",
      trainedAt: new Date().toISOString(),
      nTrain,
      classifier: serialized,
    };
    if (fs.existsSync(dev)) {
      const held = readGoEmotions(dev, GOEMOTIONS_EMOTION_GROUP);
      const report = evaluate(held.labels, classifier.predictBatch(held.texts).map((p) => p.label));
      artifact.metrics = { accuracy: round(report.accuracy), macroF1: round(report.macroF1), nTest: report.n, testSource: "GoEmotions dev, rows in one of the 7 groups" };
      console.log(`emotion: GoEmotions dev (7 groups) macro-F1 ${report.macroF1.toFixed(3)}, accuracy ${report.accuracy.toFixed(3)}, n ${report.n}`);
      for (const [label, m] of Object.entries(report.perClass)) console.log(`  ${label.padEnd(9)} F1 ${m.f1.toFixed(3)}`);
    }
    writeGzipJson(SHIPPED_EMOTION_FILE, artifact);
    console.log(`wrote ${path.relative(process.cwd(), SHIPPED_EMOTION_FILE)} (${(fs.statSync(SHIPPED_EMOTION_FILE).size / 1e6).toFixed(1)} MB)`);
  }
}, USAGE);
