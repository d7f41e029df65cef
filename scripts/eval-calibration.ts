// npm run eval:calibration — is the shipped models' confidence honest? Scores real text the
// models were never trained on and reports, per data set: accuracy, macro-F1, the expected
// calibration error (ECE, 10 bins), the share of predictions shown at 99% or more, and a
// reliability table (bin → mean confidence shown vs. share right, count).
//
//   npm run eval:calibration -- [--data ../shared/data] [--sentiment FILE] [--emotion FILE]
//                               [--only sentiment|emotion] [--json]
//
// Data sets (each skipped when its file is missing):
//   sentiment: airline tweets (3 classes), GoEmotions dev in the sentiment grouping,
//              the call-centre messages of tests/fixtures/call-centre-calibration.ts;
//              support tickets (no labels): only how often 99%+ is shown.
//   emotion:   GoEmotions dev in 7 groups, the call-centre messages.
// --sentiment / --emotion: another model file in the shipped formats (default models/shipped/).
import fs from "node:fs";
import path from "node:path";
import { loadClassifier, type TextClassifier } from "@/models/classifier";
import { calibrationOf, evaluate, type CalibrationReport } from "@/models/evaluation";
import { parseEmotionArtifact } from "@/lib/emotion/builtin-model";
import { readShippedEmotionJson, readShippedSentiment, SHIPPED_EMOTION_FILE, SHIPPED_SENTIMENT_FILE } from "@/lib/training/shipped/files";
import { GOEMOTIONS_EMOTION_GROUP, GOEMOTIONS_SENTIMENT_GROUP, readGoEmotions, type LabelledTexts } from "@/lib/training/shipped/recipes";
import { CALIBRATION_MESSAGES } from "../tests/fixtures/call-centre-calibration";
import { CliUsageError, formatUsage, parseFlags, type FlagSpecs } from "./cli-args";
import { readCsvColumns } from "./csv-columns";
import { runCli } from "./run-cli";

const FLAGS = {
  data: { type: "string", help: "folder with airline-tweets/, goemotions/, support-tickets/ (default ../shared/data)" },
  sentiment: { type: "string", help: "sentiment model file (default models/shipped/sentiment.json.gz)" },
  emotion: { type: "string", help: "emotion model file (default models/shipped/emotion.json.gz)" },
  only: { type: "string", choices: ["sentiment", "emotion"], help: "measure just one of the two" },
  json: { type: "boolean", help: "print one JSON object instead of tables" },
} satisfies FlagSpecs;
const USAGE = formatUsage("npm run eval:calibration -- [--data DIR] [--sentiment FILE] [--emotion FILE] [--only sentiment|emotion] [--json]", FLAGS);

interface Measured {
  task: "sentiment" | "emotion";
  set: string;
  accuracy: number | null;
  macroF1: number | null;
  calibration: CalibrationReport | null;
  /** For unlabelled text: the share shown at 99% or more. */
  atLeast99: number;
  n: number;
}

function measure(task: Measured["task"], set: string, model: TextClassifier, data: LabelledTexts): Measured {
  const predictions = model.predictBatch(data.texts);
  const report = evaluate(data.labels, predictions.map((p) => p.label), model.labels);
  const calibration = calibrationOf(
    predictions.map((p) => p.confidence),
    predictions.map((p, i) => p.label === data.labels[i]),
  );
  return { task, set, accuracy: report.accuracy, macroF1: report.macroF1, calibration, atLeast99: calibration.atLeast99, n: report.n };
}

/** Unlabelled text: only how the confidences are spread. */
function measureUnlabelled(task: Measured["task"], set: string, model: TextClassifier, texts: string[]): Measured {
  const confidences = model.predictBatch(texts).map((p) => p.confidence);
  return { task, set, accuracy: null, macroF1: null, calibration: null, atLeast99: confidences.filter((c) => c >= 0.99).length / texts.length, n: texts.length };
}

function airline(dir: string): LabelledTexts | null {
  const file = path.join(dir, "airline-tweets", "tweets.csv");
  if (!fs.existsSync(file)) return null;
  const { columns } = readCsvColumns(file, ["text", "airline_sentiment"]);
  return { texts: columns.text, labels: columns.airline_sentiment };
}

/** The tickets' descriptions, with the data set's `{product_purchased}` placeholder filled in. */
function supportTickets(dir: string): string[] | null {
  const file = path.join(dir, "support-tickets", "customer_support_tickets.csv");
  if (!fs.existsSync(file)) return null;
  const { columns } = readCsvColumns(file, ["Ticket Description", "Product Purchased"]);
  return columns["Ticket Description"].map((t, i) => t.replaceAll("{product_purchased}", columns["Product Purchased"][i])).filter((t) => t.trim() !== "");
}

function goEmotionsDev(dir: string, groups: Map<string, string>): LabelledTexts | null {
  const file = path.join(dir, "goemotions", "dev.tsv");
  return fs.existsSync(file) ? readGoEmotions(file, groups) : null;
}

const callCentre = (key: "sentiment" | "emotion"): LabelledTexts => ({ texts: CALIBRATION_MESSAGES.map((m) => m.text), labels: CALIBRATION_MESSAGES.map((m) => m[key]) });

async function loadModels(flags: { sentiment?: string; emotion?: string; only?: string }) {
  const sentimentFile = path.resolve(flags.sentiment ?? SHIPPED_SENTIMENT_FILE);
  const emotionFile = path.resolve(flags.emotion ?? SHIPPED_EMOTION_FILE);
  for (const [file, task] of [[sentimentFile, "sentiment"], [emotionFile, "emotion"]] as const) {
    if (flags.only !== (task === "sentiment" ? "emotion" : "sentiment") && !fs.existsSync(file)) throw new CliUsageError(`no ${task} model at ${file}`);
  }
  const sentiment = flags.only === "emotion" ? null : loadClassifier(readShippedSentiment(sentimentFile).artifact);
  const emotion = flags.only === "sentiment" ? null : (await parseEmotionArtifact(readShippedEmotionJson(emotionFile), emotionFile)).classifier;
  return { sentiment, emotion };
}

const pct = (x: number | null) => (x === null || Number.isNaN(x) ? "     –" : `${(100 * x).toFixed(1).padStart(5)}%`);

function printTables(results: Measured[]): void {
  const out: string[] = [];
  out.push("task       data set                              n  accuracy  macro-F1    ECE  ≥99% shown");
  for (const r of results) {
    out.push(
      `${r.task.padEnd(10)} ${r.set.padEnd(34)} ${String(r.n).padStart(6)}    ${pct(r.accuracy)}    ${pct(r.macroF1)} ${r.calibration ? r.calibration.ece.toFixed(3).padStart(6) : "     –"}      ${pct(r.atLeast99)}`,
    );
  }
  for (const r of results) {
    if (!r.calibration) continue;
    out.push("", `${r.task}, ${r.set}: reliability (confidence shown → share right)`, "  bin          count  mean confidence  accuracy    gap");
    for (const b of r.calibration.bins) {
      if (b.n === 0) continue;
      const gap = b.accuracy - b.meanConfidence;
      out.push(`  ${b.from.toFixed(1)}–${b.to.toFixed(1)}  ${String(b.n).padStart(9)}           ${pct(b.meanConfidence)}    ${pct(b.accuracy)} ${(gap >= 0 ? "+" : "") + (100 * gap).toFixed(1)}`);
    }
  }
  console.log(out.join("\n"));
}

runCli(async () => {
  const flags = parseFlags(process.argv.slice(2), FLAGS);
  const dir = path.resolve(flags.data ?? "../shared/data");
  const { sentiment, emotion } = await loadModels(flags);
  const results: Measured[] = [];
  if (sentiment) {
    const air = airline(dir);
    if (air) results.push(measure("sentiment", "airline tweets", sentiment, air));
    const dev = goEmotionsDev(dir, GOEMOTIONS_SENTIMENT_GROUP);
    if (dev) results.push(measure("sentiment", "GoEmotions dev (sentiment groups)", sentiment, dev));
    results.push(measure("sentiment", "call-centre messages (tests)", sentiment, callCentre("sentiment")));
    const tickets = supportTickets(dir);
    if (tickets) results.push(measureUnlabelled("sentiment", "support tickets (no labels)", sentiment, tickets));
  }
  if (emotion) {
    const dev = goEmotionsDev(dir, GOEMOTIONS_EMOTION_GROUP);
    if (dev) results.push(measure("emotion", "GoEmotions dev (7 groups)", emotion, dev));
    results.push(measure("emotion", "call-centre messages (tests)", emotion, callCentre("emotion")));
  }
  if (flags.json) console.log(JSON.stringify({ data: dir, results }));
  else printTables(results);
}, USAGE);
