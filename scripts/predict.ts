// npm run -s predict — scores every row of a CSV file: one JSON object per row, in order.
//
//   npm run -s predict -- FILE --text-column COL [--delimiter D] [--shipped]
//
// {"sentiment","sentiment_confidence","emotion","emotion_confidence"} per row.
// --shipped: exactly the models a first `npm start` on a fresh clone activates
//   (models/shipped/), with no database and no server; nothing is written and the same
//   file gives the same output on every run.
// Without it: the active sentiment model (database) and the configured emotion server;
//   when that server cannot be reached, emotion and emotion_confidence are null.
// The whole file is read and checked before anything is printed: a bad file prints
// only an error naming its line.
import { loadClassifier, MAX_TEXT_LENGTH, type TextClassifier } from "@/models/classifier";
import { parseEmotionArtifact } from "@/lib/emotion/builtin-model";
import { readShippedEmotionJson, readShippedSentiment, SHIPPED_EMOTION_FILE } from "@/lib/training/shipped/files";
import { CliUsageError, formatUsage, parseFlags, type FlagSpecs } from "./cli-args";
import { readCsvColumns } from "./csv-columns";
import { runCli } from "./run-cli";

const FLAGS = {
  "text-column": { type: "string", required: true, help: "column holding the message text" },
  delimiter: { type: "string", help: 'field separator (default ",")' },
  shipped: { type: "boolean", help: "use the shipped models: no database, no server, same output every run" },
} satisfies FlagSpecs;
const USAGE = formatUsage("npm run -s predict -- FILE --text-column COL [--delimiter D] [--shipped]", FLAGS);

const round = (x: number) => Math.round(x * 10_000) / 10_000;

type Label = { label: string; confidence: number };

/** One output row, whichever models scored it; emotion null when there was none. */
function scored(sentiment: Label, emotion: Label | null) {
  return {
    sentiment: sentiment.label,
    sentiment_confidence: round(sentiment.confidence),
    emotion: emotion?.label ?? null,
    emotion_confidence: emotion ? round(emotion.confidence) : null,
  };
}
type Scored = ReturnType<typeof scored>;

function readTexts(file: string, textColumn: string, delimiter: string): string[] {
  const { columns, lines } = readCsvColumns(file, [textColumn], { delimiter });
  const texts = columns[textColumn];
  texts.forEach((text, i) => {
    if (text.trim() === "") throw new CliUsageError(`${file}: line ${lines[i]}: the ${textColumn} column is empty`);
    if (text.length > MAX_TEXT_LENGTH) throw new CliUsageError(`${file}: line ${lines[i]}: the text is longer than ${MAX_TEXT_LENGTH} characters`);
  });
  return texts;
}

async function shippedModels(): Promise<{ sentiment: TextClassifier; emotion: TextClassifier }> {
  const sentiment = loadClassifier(readShippedSentiment().artifact);
  const emotion = (await parseEmotionArtifact(readShippedEmotionJson(), SHIPPED_EMOTION_FILE)).classifier;
  return { sentiment, emotion };
}

async function activeScores(texts: string[]): Promise<Scored[]> {
  const { requireActiveModel } = await import("@/lib/sentiment/active-model");
  const { classifyEmotions } = await import("@/lib/emotion/client");
  const model = await requireActiveModel();
  const sentiments = model.classifier.predictBatch(texts);
  const emotions: (Label | null)[] = new Array(texts.length).fill(null);
  const BATCH = 100;
  let reachable = true;
  for (let start = 0; start < texts.length && reachable; start += BATCH) {
    const results = await classifyEmotions(texts.slice(start, start + BATCH));
    if (!results) {
      reachable = false;
      process.stderr.write("note: the emotion server did not answer; emotion is null (use --shipped for the shipped emotion model)\n");
      break;
    }
    results.forEach((r, k) => (emotions[start + k] = { label: r.label, confidence: r.scores[r.label] ?? 0 }));
  }
  return sentiments.map((p, i) => scored(p, emotions[i]));
}

runCli(async () => {
  const flags = parseFlags(process.argv.slice(2), FLAGS, { positionals: true });
  const [file, ...extra] = flags._;
  if (!file) throw new CliUsageError("name the CSV file to score");
  if (extra.length) throw new CliUsageError(`one file at a time (also given: ${extra.join(" ")})`);
  const texts = readTexts(file, flags["text-column"]!, flags.delimiter ?? ",");
  let rows: Scored[];
  if (flags.shipped) {
    const { sentiment, emotion } = await shippedModels();
    const s = sentiment.predictBatch(texts);
    const e = emotion.predictBatch(texts);
    rows = s.map((p, i) => scored(p, e[i]));
  } else {
    rows = await activeScores(texts);
  }
  // One write per row would be slow for 50,000 rows; one string for the whole file is fine at that size.
  process.stdout.write(rows.map((r) => JSON.stringify(r)).join("\n") + (rows.length ? "\n" : ""));
}, USAGE);
