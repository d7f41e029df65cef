// npm run bench:explain — do the highlighted words explain the decision? A deletion test
// of the shipped sentiment model (models/shipped/, no database) on real customer messages
// it was never trained on (the airline tweets of ../shared/data, see its README).
//
//   npm run bench:explain -- [--file ../shared/data/airline-tweets/tweets.csv] [--text-column text]
//                            [--marks 3] [--draws 5] [--seed 1] [--limit N] [--json]
//
// For every message: the predicted class's probability p; then p again with the first
// --marks highlights removed (what the task page marks first: the marks for the decision,
// strongest first), and with as many random words removed, --draws times (seeded). A
// highlight may be a negation of several words ("not … good"); the random draws remove
// the same number of words, so the comparison is word for word. A random draw of exactly
// --marks words is reported too. Target: the highlights' mean drop is at least 3× the
// random one.
import fs from "node:fs";
import path from "node:path";
import { loadClassifier, MAX_TEXT_LENGTH } from "@/models/classifier";
import { createRng } from "@/models/random";
import { column, parseCsv } from "@/models/text/csv";
import { tokenizeWithSpans } from "@/models/text/tokenizer";
import { readShippedSentiment } from "@/lib/training/shipped/files";
import { CliUsageError, formatUsage, parseFlags, type FlagSpecs } from "./cli-args";
import { runCli } from "./run-cli";

const FLAGS = {
  file: { type: "string", help: "CSV of messages (default ../shared/data/airline-tweets/tweets.csv)" },
  "text-column": { type: "string", help: "column holding the message (default text)" },
  marks: { type: "number", integer: true, min: 1, help: "highlights removed per message (default 3)" },
  draws: { type: "number", integer: true, min: 1, help: "random removals per message (default 5)" },
  seed: { type: "number", integer: true, min: 0, help: "seed of the random removals (default 1)" },
  limit: { type: "number", integer: true, min: 1, help: "only the first N messages" },
  json: { type: "boolean", help: "print one JSON object" },
} satisfies FlagSpecs;
const USAGE = formatUsage("npm run bench:explain -- [options]", FLAGS);
const TARGET_RATIO = 3;
const DEFAULT_FILE = path.join("..", "shared", "data", "airline-tweets", "tweets.csv");

/** The text with these spans blanked out (a space keeps the words around them apart). */
function without(text: string, spans: readonly { start: number; end: number }[]): string {
  let out = "";
  let at = 0;
  for (const s of [...spans].sort((a, b) => a.start - b.start)) {
    out += text.slice(at, s.start) + " ";
    at = s.end;
  }
  return out + text.slice(at);
}

/** The words of a text: distinct token spans ("can't" is one word, tokenised "can not"). */
function wordSpans(text: string): { start: number; end: number }[] {
  const seen = new Map<string, { start: number; end: number }>();
  for (const t of tokenizeWithSpans(text)) seen.set(`${t.start}:${t.end}`, { start: t.start, end: t.end });
  return [...seen.values()];
}

function pick<T>(items: readonly T[], n: number, rng: () => number): T[] {
  const pool = items.slice();
  for (let i = 0; i < n && i < pool.length; i++) {
    const j = i + Math.floor(rng() * (pool.length - i));
    [pool[i], pool[j]] = [pool[j], pool[i]];
  }
  return pool.slice(0, Math.min(n, pool.length));
}

async function main(): Promise<void> {
  const flags = parseFlags(process.argv.slice(2), FLAGS);
  const file = flags.file ?? DEFAULT_FILE;
  if (!fs.existsSync(file)) {
    throw new CliUsageError(
      `${file} does not exist: this benchmark needs the airline tweets of the shared data folder (see ../shared/data/README.md), or another CSV given with --file. Nothing was measured.`,
    );
  }
  const marks = flags.marks ?? 3;
  const draws = flags.draws ?? 5;
  const seed = flags.seed ?? 1;
  let texts = column(parseCsv(fs.readFileSync(file, "utf8")), flags["text-column"] ?? "text").filter((t) => t.trim() !== "" && t.length <= MAX_TEXT_LENGTH);
  if (flags.limit) texts = texts.slice(0, flags.limit);

  const shipped = readShippedSentiment();
  const model = loadClassifier(shipped.artifact);
  const rng = createRng(seed);
  const started = performance.now();
  let measured = 0;
  let unexplained = 0;
  let wordsRemoved = 0;
  let dropTop = 0;
  let dropMatched = 0;
  let dropFixed = 0;
  let topBeatsRandom = 0;
  for (const text of texts) {
    const before = model.predict(text);
    // A message with every word removed scores as one with no words at all.
    const p = (t: string) => model.predict(t.trim() === "" ? "." : t).scores[before.label];
    const top = model.explain(text).slice(0, marks);
    if (top.length === 0) {
      unexplained++;
      continue;
    }
    const words = wordSpans(text);
    const inTop = words.filter((w) => top.some((m) => w.start >= m.start && w.end <= m.end)).length;
    const drop = before.confidence - p(without(text, top));
    let matched = 0;
    let fixed = 0;
    for (let d = 0; d < draws; d++) {
      matched += before.confidence - p(without(text, pick(words, inTop, rng)));
      fixed += before.confidence - p(without(text, pick(words, marks, rng)));
    }
    measured++;
    wordsRemoved += inTop;
    dropTop += drop;
    dropMatched += matched / draws;
    dropFixed += fixed / draws;
    if (drop > matched / draws) topBeatsRandom++;
  }
  if (measured === 0) throw new CliUsageError(`${file}: no message got a highlight; nothing to compare`);

  const mean = (x: number) => x / measured;
  const ratioMatched = mean(dropTop) / mean(dropMatched);
  const ratioFixed = mean(dropTop) / mean(dropFixed);
  const result = {
    model: shipped.info.name,
    file,
    messages: texts.length,
    measured,
    unexplained,
    marks,
    draws,
    seed,
    meanWordsInTopMarks: mean(wordsRemoved),
    meanDropTopMarks: mean(dropTop),
    meanDropRandomSameWords: mean(dropMatched),
    meanDropRandomMarksWords: mean(dropFixed),
    ratioSameWords: ratioMatched,
    ratioMarksWords: ratioFixed,
    shareTopBeatsRandom: topBeatsRandom / measured,
    seconds: (performance.now() - started) / 1000,
    target: TARGET_RATIO,
    pass: Math.min(ratioMatched, ratioFixed) >= TARGET_RATIO,
  };
  if (flags.json) {
    process.stdout.write(`${JSON.stringify(result)}\n`);
    return;
  }
  const pct = (x: number) => `${(x * 100).toFixed(2)} points`;
  process.stdout.write(
    [
      `Deletion test of the highlighted words — ${result.model} on ${file}`,
      `${measured} messages measured (${unexplained} without any highlight skipped), seed ${seed}, ${draws} random draws each, ${result.seconds.toFixed(1)} s`,
      `predicted class's probability drop, mean over messages:`,
      `  top ${marks} highlights removed (${result.meanWordsInTopMarks.toFixed(2)} words): ${pct(result.meanDropTopMarks)}`,
      `  as many random words removed:               ${pct(result.meanDropRandomSameWords)}   ratio ${ratioMatched.toFixed(2)}×`,
      `  ${marks} random words removed:                     ${pct(result.meanDropRandomMarksWords)}   ratio ${ratioFixed.toFixed(2)}×`,
      `highlights beat the random words on ${(result.shareTopBeatsRandom * 100).toFixed(1)}% of messages`,
      `target: both ratios ≥ ${TARGET_RATIO}× — ${result.pass ? "met" : "NOT met"}`,
      "",
    ].join("\n"),
  );
  if (!result.pass) process.exitCode = 1;
}

runCli(main, USAGE);
