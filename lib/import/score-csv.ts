// "Score a CSV" on the models page: the same rows back with sentiment (the active model)
// and emotion (the emotion service) added. Nothing is written to the database. A file with
// unreadable rows is refused whole, naming their lines; a row with an empty text comes back
// with empty scores. When the emotion service is down the file is still scored, with
// emotion "pending": emotion is an enrichment here as everywhere (lib/emotion/client.ts).
import { z } from "zod";
import { classifyEmotionsDetailed, type EmotionOutcome } from "@/lib/emotion/client";
import { csvField } from "@/lib/platform/csv-writer";
import { AppError } from "@/lib/platform/errors";
import type { CsvRecord } from "@/lib/import/csv-reader";
import { recordProblem, textProblem, type RowProblem } from "@/lib/import/import-csv";
import { requireActiveModel } from "@/lib/sentiment/active-model";

export const MAX_SCORE_ROWS = 50_000;
export const MAX_SCORE_BYTES = 64 * 1_048_576;
export const SCORE_COLUMNS = ["sentiment", "sentiment_confidence", "emotion", "emotion_confidence"] as const;
/** Emotion when the service could not answer: the rows are scored, the emotion is not. */
export const EMOTION_PENDING = "pending";

const SENTIMENT_CHUNK = 500;
// Well inside one emotion call's deadline (EMOTION_TIMEOUT_MS covers the whole call).
const EMOTION_CHUNK = 128;

export const scoreCsvSchema = z.object({
  delimiter: z.enum([",", ";", "\t", "|"], { message: "Choose a delimiter from the list." }).default(","),
  textColumn: z.string().trim().min(1, "Choose the text column."),
});
export type ScoreCsvInput = z.infer<typeof scoreCsvSchema>;

export type ScoreProgress = (phase: "reading" | "sentiment" | "emotion", done: number, of: number | null) => void;
export type ScoreCsvResult = { csv: string; rows: number; scored: number; emotionPending: number; modelVersion: number };

const round = (v: number) => Math.round(v * 10_000) / 10_000;

export async function scoreCsv(
  records: AsyncIterable<CsvRecord>,
  { delimiter, textColumn }: ScoreCsvInput,
  { progress = () => {}, emotions = classifyEmotionsDetailed }: { progress?: ScoreProgress; emotions?: (texts: string[]) => Promise<EmotionOutcome> } = {},
): Promise<ScoreCsvResult> {
  let header: string[] | null = null;
  let textIndex = -1;
  const rows: string[][] = [];
  const problems: RowProblem[] = [];
  for await (const record of records) {
    if (!header) {
      header = record.fields;
      textIndex = header.map((h) => h.trim()).indexOf(textColumn);
      if (textIndex < 0) throw new AppError("validation:upload", `Column "${textColumn}" (text column) is not in the header; the columns are: ${header.map((h) => h.trim()).join(", ")}.`);
      continue;
    }
    if (rows.length + problems.length >= MAX_SCORE_ROWS) {
      throw new AppError("validation:upload", `The file has more than ${MAX_SCORE_ROWS.toLocaleString("en-GB")} rows (line ${record.line}): split it into smaller files.`);
    }
    const problem = recordProblem(record, header) ?? (record.fields[textIndex].trim() ? textProblem(record.fields[textIndex].trim()) : null);
    if (problem) problems.push({ line: record.line, reason: problem });
    else rows.push(record.fields);
    if (rows.length % 2000 === 0) progress("reading", rows.length, null);
  }
  if (!header) throw new AppError("validation:upload", "The file is empty: it needs a header row.");
  if (problems.length) {
    throw new AppError("validation:upload", `${problems.length} row(s) cannot be read, so nothing was scored: ${problems.slice(0, 3).map((p) => `line ${p.line}: ${p.reason}`).join("; ")}${problems.length > 3 ? "; …" : ""}.`, {
      problems: problems.slice(0, 100),
    });
  }

  const texts = rows.map((r) => r[textIndex].trim());
  // Rows with an empty text keep empty scores.
  const toScore = texts.flatMap((t, i) => (t ? [i] : []));
  const { versionId, classifier } = await requireActiveModel();
  const sentiment = new Map<number, { label: string; confidence: number }>();
  for (let i = 0; i < toScore.length; i += SENTIMENT_CHUNK) {
    const chunk = toScore.slice(i, i + SENTIMENT_CHUNK);
    classifier.predictBatch(chunk.map((k) => texts[k])).forEach((p, j) => sentiment.set(chunk[j], { label: p.label, confidence: p.confidence }));
    progress("sentiment", Math.min(toScore.length, i + SENTIMENT_CHUNK), toScore.length);
  }

  const emotion = new Map<number, { label: string; confidence: number | null }>();
  let serviceDown = false;
  for (let i = 0; i < toScore.length; i += EMOTION_CHUNK) {
    const chunk = toScore.slice(i, i + EMOTION_CHUNK);
    // Once the service is down, the rest is pending at once rather than waiting on each chunk.
    const outcome: EmotionOutcome = serviceDown ? { ok: false, reason: "unavailable", message: "" } : await emotions(chunk.map((k) => texts[k]));
    if (outcome.ok) {
      outcome.results.forEach((r, j) => emotion.set(chunk[j], { label: r.label, confidence: r.scores[r.label] ?? null }));
    } else {
      if (outcome.reason !== "rejected") serviceDown = true;
      for (const k of chunk) emotion.set(k, { label: EMOTION_PENDING, confidence: null });
    }
    progress("emotion", Math.min(toScore.length, i + EMOTION_CHUNK), toScore.length);
  }

  // Every field through csvField: the file's own cells are untrusted text, headers included,
  // and get the same guard against spreadsheet formulas as every export.
  const line = (fields: (string | number | null)[]) => fields.map((f) => csvField(f)).join(delimiter);
  const out = [line([...header, ...SCORE_COLUMNS])];
  rows.forEach((fields, i) => {
    const s = sentiment.get(i);
    const e = emotion.get(i);
    out.push(line([...fields, s?.label ?? "", s ? round(s.confidence) : null, e?.label ?? "", e?.confidence != null ? round(e.confidence) : null]));
  });
  let emotionPending = 0;
  for (const e of emotion.values()) if (e.label === EMOTION_PENDING) emotionPending++;
  return { csv: out.join("\r\n") + "\r\n", rows: rows.length, scored: toScore.length, emotionPending, modelVersion: versionId };
}
