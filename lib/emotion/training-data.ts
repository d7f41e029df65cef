// Reads labelled emotion data for the built-in emotion model, in the two shapes the
// product knows (see models/emotion/labels.ts):
//   six:      `text;label` lines, optional `text;label_name` header, labels by name or
//             by CARER class id (0 sadness … 5 surprise) — /work/shared/data/emotion
//   thirteen: CSV with a header holding `sentiment` (the label) and `content` (the
//             text) — CrowdFlower "Emotion in Text"
// Rows that cannot be used are skipped and reported with their line numbers, so one
// bad line does not stop a 40,000-row import.
import fs from "node:fs";
import { MAX_TEXT_LENGTH } from "@/models/classifier";
import { LABEL_SETS, sixEmotionFromId, type LabelSet } from "@/models/emotion/labels";
import { AppError } from "@/lib/platform/errors";
import { readCsv, type CsvRecord } from "@/lib/import/csv-reader";

export type EmotionFileFormat = LabelSet;

export interface SkippedRow {
  line: number;
  reason: string;
}

export interface EmotionDataset {
  format: EmotionFileFormat;
  texts: string[];
  labels: string[];
  skipped: SkippedRow[];
  /** Rows per label, in the label set's order. */
  counts: Record<string, number>;
}

/** Rows skipped beyond this many are counted but not listed. */
const MAX_LISTED_SKIPS = 50;

export async function readEmotionDataset(file: string, format: EmotionFileFormat | "auto" = "auto"): Promise<EmotionDataset> {
  if (!fs.existsSync(file) || !fs.statSync(file).isFile()) throw new AppError("not_found:emotion-data", `no such file: ${file}`);
  const resolved = format === "auto" ? detectFormat(file) : format;
  const out: EmotionDataset = { format: resolved, texts: [], labels: [], skipped: [], counts: {} };
  const known = new Set(LABEL_SETS[resolved]);
  let skippedTotal = 0;
  const skip = (line: number, reason: string) => {
    skippedTotal++;
    if (out.skipped.length < MAX_LISTED_SKIPS) out.skipped.push({ line, reason });
  };
  const accept = (record: CsvRecord, text: string, rawLabel: string) => {
    const label = resolved === "six" ? (sixEmotionFromId(rawLabel) ?? rawLabel) : rawLabel;
    if (!known.has(label)) return skip(record.line, `unknown label "${rawLabel}" for the ${resolved}-label set`);
    const trimmed = text.trim();
    if (trimmed === "") return skip(record.line, "empty text");
    if (trimmed.length > MAX_TEXT_LENGTH) return skip(record.line, `text longer than ${MAX_TEXT_LENGTH} characters`);
    out.texts.push(trimmed);
    out.labels.push(label);
  };

  if (resolved === "six") {
    let first = true;
    for await (const record of readCsv(file, ";")) {
      const fields = record.fields;
      const isHeader = first && fields.length >= 2 && fields[0].trim().toLowerCase() === "text";
      first = false;
      if (isHeader) continue;
      if (record.error) skip(record.line, record.error);
      else if (fields.length < 2) skip(record.line, "expected text;label");
      // A text may itself contain ";": the label is always the last field.
      else accept(record, fields.slice(0, -1).join(";"), fields[fields.length - 1].trim().toLowerCase());
    }
  } else {
    let columns: { text: number; label: number } | null = null;
    for await (const record of readCsv(file, ",")) {
      if (!columns) {
        columns = headerColumns(record, file);
        continue;
      }
      if (record.error) skip(record.line, record.error);
      else if (record.fields.length <= Math.max(columns.text, columns.label)) skip(record.line, "too few fields");
      else accept(record, record.fields[columns.text], record.fields[columns.label].trim().toLowerCase());
    }
  }

  if (skippedTotal > out.skipped.length) out.skipped.push({ line: 0, reason: `${skippedTotal - out.skipped.length} more rows skipped` });
  for (const label of LABEL_SETS[resolved]) out.counts[label] = 0;
  for (const label of out.labels) out.counts[label]++;
  const present = Object.values(out.counts).filter((n) => n > 0).length;
  if (present < 2) {
    throw new AppError("validation:emotion-data", `${file} has ${out.texts.length} usable rows covering ${present} label(s); at least two labels are needed`);
  }
  return out;
}

/** "thirteen" when the first line is a CSV header naming content and sentiment columns. */
function detectFormat(file: string): EmotionFileFormat {
  const fd = fs.openSync(file, "r");
  try {
    const buf = Buffer.alloc(4096);
    const n = fs.readSync(fd, buf, 0, buf.length, 0);
    const firstLine = buf.subarray(0, n).toString("utf8").split(/\r?\n/)[0].replace(/^\uFEFF/, "").toLowerCase();
    const names = firstLine.split(",").map((s) => s.trim().replace(/^"|"$/g, ""));
    return names.includes("content") && names.includes("sentiment") ? "thirteen" : "six";
  } finally {
    fs.closeSync(fd);
  }
}

function headerColumns(record: CsvRecord, file: string): { text: number; label: number } {
  const names = record.fields.map((f) => f.trim().toLowerCase());
  const text = names.indexOf("content");
  const label = names.indexOf("sentiment");
  if (text < 0 || label < 0) {
    throw new AppError("validation:emotion-data", `${file}: the 13-label format needs a header with "content" and "sentiment" columns`);
  }
  return { text, label };
}
