// Speed and memory benchmark of the sentiment engine.
//
//   npm run bench:model -- [--sizes 10000,100000,1000000] [--algorithm nb] [--airline FILE] [--repeat 3] [--json]
//   npm run bench:model -- --timeline 20      (batch speed on the airline tweets, second by second)
//
// For the airline tweets and for synthetic corpora of each size it measures
// training time, prediction throughput (batch and one call per text) and the
// peak resident memory. Every corpus runs in its own child process so each
// peak-memory figure belongs to that corpus alone.

import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { ALGORITHMS, prepareAlgorithm, trainClassifier, type Algorithm, type TextClassifier } from "@/models/classifier";
import { createRng } from "@/models/random";
import { CliUsageError, formatUsage, parseFlags, type FlagSpecs } from "./cli-args";
import { readCsvColumns } from "./csv-columns";
import { runCli } from "./run-cli";

// Resolved from this script's own path (works whether tsx runs it as CommonJS or ESM).
const SCRIPT = path.resolve(process.argv[1] ?? "scripts/bench-model.ts");
const DEFAULT_AIRLINE = path.resolve(path.dirname(SCRIPT), "../../shared/data/airline-tweets/tweets.csv");

const FLAGS = {
  sizes: { type: "string", help: "synthetic corpus sizes, comma-separated (default 10000,100000,1000000)" },
  algorithm: { type: "string", choices: ALGORITHMS.map((a) => a.id), help: "algorithm (default nb)" },
  airline: { type: "string", help: `airline tweets CSV (default ${path.relative(process.cwd(), DEFAULT_AIRLINE)}); "none" to skip` },
  repeat: { type: "number", integer: true, min: 1, help: "timing repetitions; the best is reported (default 3)" },
  json: { type: "boolean", help: "print the results as JSON" },
  timeline: { type: "number", integer: true, min: 1, help: "instead: predict the airline tweets in batches for this many seconds and print the speed of each second" },
  child: { type: "string", help: "(internal) run one corpus in this process: 'airline' or a size" },
} satisfies FlagSpecs;

const USAGE = formatUsage("npm run bench:model -- [options]", FLAGS);

interface BenchResult {
  corpus: string;
  algorithm: Algorithm;
  nTrain: number;
  avgChars: number;
  features: number;
  artifactBytes: number;
  trainMs: number;
  trainMsPer1k: number;
  batchPerSec: number;
  singlePerSec: number;
  /** Same, per second of this process's CPU time: less sensitive to other load on the machine. */
  trainCpuMs: number;
  batchPerCpuSec: number;
  singlePerCpuSec: number;
  peakRssMb: number;
}

// ---------------------------------------------------------------------------
// Synthetic customer messages: templates with sentiment phrases, a Zipfian
// long tail of filler words (so the vocabulary keeps growing with the corpus
// like real text does), order numbers, mentions, emoticons and label noise.

const OPENERS = ["", "", "hi", "hello", "@support", "@airline", "dear team", "hey", "good morning", "excuse me"];
const SUBJECTS = [
  "my flight", "the agent", "your app", "the refund", "my order", "customer service", "the delivery", "my bag",
  "the website", "the phone line", "my booking", "the driver", "this product", "the upgrade", "your staff", "the invoice",
];
const PHRASES: Record<string, string[]> = {
  positive: [
    "was great", "was amazing", "thank you so much", "love it", "very helpful", "arrived early", "made my day", "is perfect",
    "super friendly", "excellent as always", "works like a charm", "best service ever", "really appreciate it", ":)", "<3", "😍",
  ],
  negative: [
    "was terrible", "is still missing", "worst experience", "never again", "so rude", "not helpful at all", "cancelled again",
    "waited for hours", "is broken", "charged me twice", "very disappointed", "don't care about customers", "lost my luggage", ":(", "😡", "!!!",
  ],
  neutral: [
    "what time does it open", "how do I change it", "can you tell me the status", "is it possible to update", "where can I find the form",
    "which option should I pick", "do you ship abroad", "when does the sale start", "can I pay by card", "is there a number to call",
  ],
};
const LABELS = Object.keys(PHRASES);

function syllableWords(count: number, rng: () => number): string[] {
  const on = ["b", "c", "d", "f", "g", "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "w", "st", "tr", "pl", "gr", "sh", "ch"];
  const nu = ["a", "e", "i", "o", "u", "ai", "ea", "ou", "io"];
  const words = new Set<string>();
  while (words.size < count) {
    const parts = 1 + Math.floor(rng() * 3);
    let w = "";
    for (let p = 0; p < parts; p++) w += on[Math.floor(rng() * on.length)] + nu[Math.floor(rng() * nu.length)];
    if (rng() < 0.3) w += on[Math.floor(rng() * on.length)];
    words.add(w);
  }
  return [...words];
}

export function syntheticCorpus(n: number, seed = 1): { texts: string[]; labels: string[] } {
  const rng = createRng(seed);
  const filler = syllableWords(60_000, rng);
  // Zipf: word rank r is drawn with probability ∝ 1/r, by inverting the
  // harmonic CDF approximation r = exp(u · ln N).
  const zipf = () => filler[Math.min(filler.length - 1, Math.floor(Math.exp(rng() * Math.log(filler.length))) - 1)];
  const pick = <T>(a: readonly T[]) => a[Math.floor(rng() * a.length)];
  const texts: string[] = new Array(n);
  const labels: string[] = new Array(n);
  for (let i = 0; i < n; i++) {
    const label = LABELS[rng() < 0.55 ? 1 : rng() < 0.55 ? 2 : 0]; // skewed like real support traffic
    const words: string[] = [];
    const opener = pick(OPENERS);
    if (opener) words.push(opener);
    for (let k = 1 + Math.floor(rng() * 4); k > 0; k--) words.push(zipf());
    words.push(pick(SUBJECTS));
    if (rng() < 0.3) words.push(`#${100000 + Math.floor(rng() * 900000)}`);
    words.push(pick(PHRASES[label]));
    for (let k = Math.floor(rng() * 6); k > 0; k--) words.push(zipf());
    if (rng() < 0.25) words.push(pick(PHRASES[label]));
    // 10% label noise: real labels disagree with the words now and then.
    labels[i] = rng() < 0.1 ? pick(LABELS) : label;
    texts[i] = words.join(" ");
  }
  return { texts, labels };
}

// ---------------------------------------------------------------------------

function loadAirline(file: string): { texts: string[]; labels: string[] } {
  const { columns } = readCsvColumns(file, ["text", "airline_sentiment"]);
  return { texts: columns.text, labels: columns.airline_sentiment };
}

interface Timing {
  wallMs: number;
  cpuMs: number;
}

/** Best wall-clock and best CPU time over `repeat` runs. */
function bestOf(repeat: number, fn: () => void): Timing {
  let wallMs = Infinity;
  let cpuMs = Infinity;
  for (let i = 0; i < repeat; i++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    fn();
    wallMs = Math.min(wallMs, performance.now() - t0);
    const c = process.cpuUsage(c0);
    cpuMs = Math.min(cpuMs, (c.user + c.system) / 1000);
  }
  return { wallMs, cpuMs };
}

async function runOne(corpusName: string, algorithm: Algorithm, airlineFile: string, repeat: number): Promise<BenchResult> {
  const data = corpusName === "airline" ? loadAirline(airlineFile) : syntheticCorpus(Number(corpusName));
  await prepareAlgorithm(algorithm);
  const n = data.texts.length;
  // Big corpora are trained once: a repeat would double a minute-long run.
  const trainRepeats = n > 200_000 ? 1 : repeat;
  let model: TextClassifier | null = null;
  const train = bestOf(trainRepeats, () => {
    model?.dispose?.();
    model = trainClassifier(data.texts, data.labels, { algorithm });
  });
  const m = model as unknown as TextClassifier;
  // Prediction is timed on (up to) 200k of the texts, repeated to at least 200k calls.
  const sample = data.texts.slice(0, 200_000);
  const reps = Math.max(1, Math.ceil(200_000 / sample.length));
  const batch = bestOf(repeat, () => {
    for (let r = 0; r < reps; r++) m.predictBatch(sample);
  });
  const single = bestOf(repeat, () => {
    for (let r = 0; r < reps; r++) for (let i = 0; i < sample.length; i++) m.predict(sample[i]);
  });
  const artifact = m.serialize();
  const features = (JSON.parse(artifact) as { features: { names: string[] } }).features.names.length;
  m.dispose?.();
  return {
    corpus: corpusName === "airline" ? "airline tweets" : `synthetic ${n.toLocaleString("en-US")}`,
    algorithm,
    nTrain: n,
    avgChars: Math.round(data.texts.reduce((a, t) => a + t.length, 0) / n),
    features,
    artifactBytes: artifact.length,
    trainMs: train.wallMs,
    trainMsPer1k: train.wallMs / (n / 1000),
    batchPerSec: (sample.length * reps) / (batch.wallMs / 1000),
    singlePerSec: (sample.length * reps) / (single.wallMs / 1000),
    trainCpuMs: train.cpuMs,
    batchPerCpuSec: (sample.length * reps) / (batch.cpuMs / 1000),
    singlePerCpuSec: (sample.length * reps) / (single.cpuMs / 1000),
    // maxRSS is the process's peak resident set in kilobytes.
    peakRssMb: process.resourceUsage().maxRSS / 1024,
  };
}

function runChild(corpus: string, algorithm: Algorithm, airline: string, repeat: number): BenchResult {
  const args = [...process.execArgv, SCRIPT, "--child", corpus, "--algorithm", algorithm, "--airline", airline, "--repeat", String(repeat)];
  const res = spawnSync(process.execPath, args, { encoding: "utf8", maxBuffer: 16 << 20 });
  if (res.status !== 0) throw new Error(`benchmark of ${corpus} failed (exit ${res.status}):\n${res.stderr}`);
  return JSON.parse(res.stdout.trim().split("\n").pop()!) as BenchResult;
}

function table(results: BenchResult[]): string {
  const ms = (v: number) => (v >= 10_000 ? `${(v / 1000).toFixed(1)} s` : `${v.toFixed(0)} ms`);
  const rate = (v: number) => Math.round(v).toLocaleString("en-US");
  const head = ["corpus", "texts", "avg chars", "features", "train (cpu)", "train/1k texts", "batch predict/s (per cpu-s)", "single predict/s (per cpu-s)", "peak RSS"];
  const rows = results.map((r) => [
    r.corpus,
    r.nTrain.toLocaleString("en-US"),
    String(r.avgChars),
    r.features.toLocaleString("en-US"),
    `${ms(r.trainMs)} (${ms(r.trainCpuMs)})`,
    `${r.trainMsPer1k.toFixed(1)} ms`,
    `${rate(r.batchPerSec)} (${rate(r.batchPerCpuSec)})`,
    `${rate(r.singlePerSec)} (${rate(r.singlePerCpuSec)})`,
    `${r.peakRssMb.toFixed(0)} MB`,
  ]);
  return [head, head.map(() => "---"), ...rows].map((r) => `| ${r.join(" | ")} |`).join("\n");
}

/**
 * One model, one process, the same batch over and over: the speed of each second. The code
 * and its inputs do not change between seconds, so steps in this series are the machine's
 * (on this shared VM, a single process was seen to step between ~105k and ~170k texts/s
 * with no compilation or garbage-collection event in between).
 */
async function timeline(seconds: number, algorithm: Algorithm, airlineFile: string): Promise<void> {
  const { texts, labels } = loadAirline(airlineFile);
  await prepareAlgorithm(algorithm);
  const model = trainClassifier(texts, labels, { algorithm });
  const loadBefore = os.loadavg().map((l) => l.toFixed(2)).join(" ");
  console.log("second | batches | texts/s");
  console.log("--- | --- | ---");
  const perSecond: number[] = [];
  const start = performance.now();
  for (let s = 1; s <= seconds; s++) {
    let batches = 0;
    const t0 = performance.now();
    while (performance.now() - start < s * 1000) {
      model.predictBatch(texts);
      batches++;
    }
    const rate = (batches * texts.length) / ((performance.now() - t0) / 1000);
    perSecond.push(rate);
    console.log(`${s} | ${batches} | ${Math.round(rate).toLocaleString("en-US")}`);
  }
  model.dispose?.();
  const sorted = [...perSecond].sort((a, b) => a - b);
  const fmt = (v: number) => Math.round(v).toLocaleString("en-US");
  console.log(`\nmin ${fmt(sorted[0])}, median ${fmt(sorted[Math.floor(sorted.length / 2)])}, max ${fmt(sorted[sorted.length - 1])} texts/s (load average before: ${loadBefore})`);
}

async function main(): Promise<void> {
  const flags = parseFlags(process.argv.slice(2), FLAGS);
  const algorithm = (flags.algorithm ?? "nb") as Algorithm;
  const airline = flags.airline ?? DEFAULT_AIRLINE;
  const repeat = flags.repeat ?? 3;
  if (flags.timeline !== undefined) {
    if (!existsSync(airline)) throw new CliUsageError(`airline file not found: ${airline}`);
    await timeline(flags.timeline, algorithm, airline);
    return;
  }
  if (flags.child) {
    if (flags.child !== "airline" && !(Number(flags.child) >= 100)) throw new CliUsageError(`--child must be "airline" or a size >= 100`);
    console.log(JSON.stringify(await runOne(flags.child, algorithm, airline, repeat)));
    return;
  }
  const sizes = (flags.sizes ?? "10000,100000,1000000").split(",").map((s) => s.trim()).filter(Boolean);
  for (const s of sizes) if (!Number.isInteger(Number(s)) || Number(s) < 100) throw new CliUsageError(`--sizes: "${s}" is not a whole number >= 100`);
  const corpora = [...(airline !== "none" ? ["airline"] : []), ...sizes];
  if (airline !== "none" && !existsSync(airline)) throw new CliUsageError(`airline file not found: ${airline} (pass --airline none to skip)`);

  const loadBefore = os.loadavg().map((l) => l.toFixed(2)).join(" ");
  const results: BenchResult[] = [];
  for (const corpus of corpora) {
    if (!flags.json) process.stderr.write(`benchmarking ${corpus}…\n`);
    results.push(runChild(corpus, algorithm, airline, repeat));
  }
  const machine = `${os.cpus()[0]?.model ?? "unknown CPU"} × ${os.cpus().length}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GB RAM, Node ${process.version}, ${os.platform()} ${os.release()}`;
  if (flags.json) console.log(JSON.stringify({ machine, algorithm, loadBefore, results }));
  else console.log(`algorithm: ${algorithm}\nmachine: ${machine}\nload average before/after: ${loadBefore} / ${os.loadavg().map((l) => l.toFixed(2)).join(" ")}\n\n${table(results)}`);
}

void runCli(main, USAGE);
