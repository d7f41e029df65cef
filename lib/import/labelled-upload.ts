// Labelled data uploaded on the models page: the same checks as `npm run import`
// (import-csv.ts), first to show the supervisor a preview and every refused line, then to
// write, all or nothing, into a new dataset or one the company uploaded before.
import { z } from "zod";
import { listDatasetsWithCounts } from "@/db/queries/datasets";
import { AppError } from "@/lib/platform/errors";
import type { CsvRecord } from "./csv-reader";
import { checkRecords, refuseUnlessImportable, writeCheckedRows, type ColumnNames, type RowProblem } from "./import-csv";

export const MAX_UPLOAD_ROWS = 100_000;
export const MAX_UPLOAD_BYTES = 64 * 1_048_576;
const PREVIEW_ROWS = 10;

const NAMES: ColumnNames = { text: "text column", label: "label column", category: "category column", account: "account column", time: "time column" };

const optional = z.preprocess((v) => (v === "" || v === null ? undefined : v), z.string().trim().optional());

export const labelledUploadSchema = z
  .object({
    mode: z.enum(["check", "import"]),
    delimiter: z.enum([",", ";", "\t", "|"], { message: "Choose a delimiter from the list." }).default(","),
    textColumn: z.string().trim().min(1, "Choose the text column."),
    labelColumn: z.string().trim().min(1, "Choose the label column."),
    categoryColumn: optional,
    timeColumn: optional,
    datasetId: z.preprocess((v) => (v === "" || v === null ? undefined : v), z.coerce.number().int().positive().optional()),
    datasetName: optional.pipe(z.string().max(80, "Use at most 80 characters for the name.").optional()),
    skipBad: z.preprocess((v) => v === "true" || v === "on" || v === true, z.boolean()).default(false),
  })
  .refine((o) => o.datasetId !== undefined || (o.datasetName ?? "") !== "", { message: "Name the new dataset, or choose one to add to.", path: ["datasetName"] });

export type LabelledUpload = z.infer<typeof labelledUploadSchema>;

export type UploadCheck = {
  rowsRead: number;
  good: number;
  labels: Record<string, number>;
  preview: { line: number; text: string; label: string }[];
  problems: RowProblem[];
};

/** The dataset an upload goes to: a new name, or a dataset of the company's own (never the demo text or the corrections). */
async function targetDataset(upload: LabelledUpload): Promise<{ name: string; isNew: boolean }> {
  const datasets = await listDatasetsWithCounts();
  if (upload.datasetId !== undefined) {
    const d = datasets.find((x) => x.id === upload.datasetId);
    if (!d) throw new AppError("validation:dataset", `Dataset ${upload.datasetId} does not exist.`, { fieldErrors: { datasetId: "Choose a dataset from the list." } });
    if (d.kind !== "import" && d.kind !== "manual") {
      throw new AppError("validation:dataset", `"${d.name}" is kept by the app itself; upload into a dataset of your own.`, { fieldErrors: { datasetId: "Choose one of your own datasets." } });
    }
    return { name: d.name, isNew: false };
  }
  const name = upload.datasetName!;
  if (datasets.some((d) => d.name.toLowerCase() === name.toLowerCase())) {
    throw new AppError("validation:dataset", `A dataset named "${name}" already exists: choose it under "Add to" instead, or use another name.`, {
      fieldErrors: { datasetName: "This name is taken." },
    });
  }
  return { name, isNew: true };
}

export type UploadProgress = (phase: "checking" | "writing", done: number, of: number | null) => void;

/**
 * Checks every row (mode "check": a preview and the refused lines; nothing written) or
 * imports them (mode "import": nothing written unless every row is good, or skipBad).
 */
export async function processLabelledUpload(
  records: AsyncIterable<CsvRecord>,
  upload: LabelledUpload,
  progress: UploadProgress = () => {},
): Promise<UploadCheck & { imported?: { dataset: string; examples: number } }> {
  // Before reading the file: a wrong target is refused without making anyone wait for it.
  const target = await targetDataset(upload);
  const checked = await checkRecords(limitRows(records), upload, {
    names: NAMES,
    source: "The file",
    onRow: (n) => n % 2000 === 0 && progress("checking", n, null),
  });
  const labels: Record<string, number> = {};
  for (const r of checked.good) labels[r.label!] = (labels[r.label!] ?? 0) + 1;
  const result: UploadCheck = {
    rowsRead: checked.rowsRead,
    good: checked.good.length,
    labels,
    preview: checked.good.slice(0, PREVIEW_ROWS).map((r) => ({ line: r.line, text: r.text, label: r.label! })),
    problems: checked.problems,
  };
  if (upload.mode === "check") return result;
  refuseUnlessImportable(checked, upload.skipBad, "tick “Skip bad lines” to import the rest");
  const { examples } = await writeCheckedRows(checked.good, {
    dataset: { name: target.name, description: target.isNew ? "Uploaded on the models page." : "" },
    onWritten: (_what, n) => progress("writing", n, checked.good.length),
  });
  return { ...result, imported: { dataset: target.name, examples } };
}

async function* limitRows(records: AsyncIterable<CsvRecord>): AsyncGenerator<CsvRecord> {
  let n = -1; // the header is not a row
  for await (const record of records) {
    if (++n > MAX_UPLOAD_ROWS) {
      throw new AppError("validation:upload", `The file has more than ${MAX_UPLOAD_ROWS.toLocaleString("en-GB")} rows (line ${record.line}): split it into smaller files.`);
    }
    yield record;
  }
}
