// Imports labelled text from a CSV file into a dataset (training examples) and,
// optionally, as customer requests (tasks scored with the active model).
// All-or-nothing: every row is checked before anything is written, and the writes
// run in one transaction; with skipBad the unreadable rows are left out and listed.
// The command line (`npm run import`) and the models page's upload share these steps:
// checkRecords (pass 1, nothing written), refuseUnlessImportable, writeCheckedRows (pass 2).
import path from "node:path";
import { dbReady } from "@/db/client";
import { upsertAccounts, upsertCategories } from "@/db/queries/catalog";
import { ensureDataset, insertExampleStatements } from "@/db/queries/datasets";
import { CHANNELS, type Channel } from "@/db/schema";
import { BulkTaskWriter, type BulkTask } from "@/lib/intake/bulk-tasks";
import { AppError } from "@/lib/platform/errors";
import type { ProgressReporter } from "@/lib/platform/progress-bar";
import { requireActiveModel } from "@/lib/sentiment/active-model";
import { countLines, readCsv, type CsvRecord } from "./csv-reader";

export const MAX_TEXT_LENGTH = 5120;

export type ImportOptions = {
  file: string;
  delimiter?: string;
  textColumn: string;
  labelColumn?: string;
  categoryColumn?: string;
  accountColumn?: string;
  timeColumn?: string;
  dataset?: string;
  asTasks?: boolean;
  skipBad?: boolean;
  /** Makes a progress reporter once the number of rows is known. */
  progress?: (totalRows: number) => ProgressReporter;
};

export type RowProblem = { line: number; reason: string };
export type ImportReport = { dataset: string; rowsRead: number; examples: number; tasks: number; skipped: RowProblem[] };

export type GoodRow = { line: number; text: string; label: string | null; category: string | null; account: string | null; at: Date | null };

type Field = "text" | "label" | "category" | "account" | "time";
/** The columns to read, by header name; only the text column is required. */
export type ColumnChoice = { textColumn: string; labelColumn?: string; categoryColumn?: string; accountColumn?: string; timeColumn?: string };
/** How a column choice is named in messages: the CLI's flags, or the upload form's fields. */
export type ColumnNames = Record<Field, string>;
const CLI_NAMES: ColumnNames = { text: "--text-column", label: "--label-column", category: "--category-column", account: "--account-column", time: "--time-column" };

export type CheckedRows = { header: string[]; good: GoodRow[]; problems: RowProblem[]; rowsRead: number };

const slug = (s: string) => s.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "") || "category";

/**
 * Pass 1: reads the header and checks every row of a CSV (from a file or an upload);
 * nothing is written. A column missing from the header is an error at once.
 */
export async function checkRecords(
  records: AsyncIterable<CsvRecord>,
  columns: ColumnChoice,
  { names = CLI_NAMES, onRow, source = "The file" }: { names?: ColumnNames; onRow?: (rowsRead: number) => void; source?: string } = {},
): Promise<CheckedRows> {
  let header: string[] | null = null;
  let index: Record<Field, number> | null = null;
  const good: GoodRow[] = [];
  const problems: RowProblem[] = [];
  let rowsRead = 0;
  for await (const record of records) {
    if (!header) {
      header = record.fields.map((f) => f.trim());
      const find = (name: string | undefined, field: Field) => {
        if (!name) return -1;
        const i = header!.indexOf(name);
        if (i < 0) throw new AppError("validation:import", `Column "${name}" (${names[field]}) is not in the header; the columns are: ${header!.join(", ")}.`);
        return i;
      };
      index = {
        text: find(columns.textColumn, "text"),
        label: find(columns.labelColumn, "label"),
        category: find(columns.categoryColumn, "category"),
        account: find(columns.accountColumn, "account"),
        time: find(columns.timeColumn, "time"),
      };
      continue;
    }
    rowsRead++;
    onRow?.(rowsRead);
    const problem = checkRow(record, header, index!);
    if (typeof problem === "string") problems.push({ line: record.line, reason: problem });
    else good.push(problem);
  }
  if (!header) throw new AppError("validation:import", `${source} is empty: it needs a header row.`);
  return { header, good, problems, rowsRead };
}

/** Nothing is imported from a file with unreadable rows (unless skipBad) or with no good row. */
export function refuseUnlessImportable(checked: CheckedRows, skipBad: boolean, skipHint = "use --skip-bad to import the rest"): void {
  const { problems, good } = checked;
  if (problems.length && !skipBad) {
    throw new AppError("validation:import", `${problems.length} row(s) cannot be read, so nothing was imported (${skipHint}).`, { problems: problems.slice(0, 100) });
  }
  if (good.length === 0) throw new AppError("validation:import", "No importable rows: nothing was imported.");
}

export type WriteTarget = {
  /** Examples go to this dataset (made when new); null writes no examples. */
  dataset: { name: string; description: string } | null;
  asTasks?: boolean;
  /** Called after each chunk with the examples or tasks written so far. */
  onWritten?: (what: "examples" | "tasks", rows: number) => void;
};

/** Pass 2: writes checked rows in one transaction: all of them or, on any failure, none. */
export async function writeCheckedRows(good: GoodRow[], target: WriteTarget): Promise<{ examples: number; tasks: number }> {
  const db = await dbReady();
  const model = target.asTasks ? await requireActiveModel() : null;
  let examples = 0;
  let tasks = 0;
  await db.transaction(async (tx) => {
    const categoryNames = [...new Set(good.map((r) => r.category).filter((c): c is string => !!c))];
    const categoryRows = await upsertCategories(categoryNames.map((name) => ({ name, slug: slug(name) })), tx);
    const categoryId = new Map(categoryRows.map((c) => [c.name, c.id]));

    if (target.dataset) {
      const dataset = await ensureDataset({ name: target.dataset.name, kind: "import", description: target.dataset.description }, tx);
      const rows = good.map((r) => ({
        datasetId: dataset.id,
        text: r.text,
        label: r.label!,
        categoryId: r.category ? categoryId.get(r.category) ?? null : null,
        occurredAt: r.at,
      }));
      for (const statement of insertExampleStatements(rows, tx)) {
        await statement;
        examples += Math.min(1000, rows.length - examples);
        target.onWritten?.("examples", examples);
      }
    }

    if (model) {
      const fallback = (await upsertCategories([{ name: "Imported", slug: "imported" }], tx))[0];
      const accounts = await upsertAccounts(
        [...new Set(good.map((r) => r.account ?? "unknown"))].map((name) => ({ externalRef: `import:${name.toLowerCase()}`, name })),
        tx,
      );
      const writer = await BulkTaskWriter.open(tx, model);
      const channel: Channel = CHANNELS.includes("api") ? "api" : "web";
      for (let i = 0; i < good.length; i += 2000) {
        const batch: BulkTask[] = good.slice(i, i + 2000).map((r) => ({
          accountId: accounts.get(`import:${(r.account ?? "unknown").toLowerCase()}`)!,
          categoryId: r.category ? categoryId.get(r.category)! : fallback.id,
          channel,
          text: r.text,
          status: "open",
          createdAt: r.at ?? new Date(),
        }));
        await writer.write(batch, tx);
        tasks += batch.length;
        target.onWritten?.("tasks", tasks);
      }
    }
  });
  return { examples, tasks };
}

export async function importCsv(options: ImportOptions): Promise<ImportReport> {
  const { file, delimiter = "," } = options;
  if (!options.labelColumn && !options.asTasks) {
    throw new AppError("validation:import", "Name a --label-column (for training examples) or use --as-tasks.");
  }
  const total = options.progress ? Math.max(1, (await countLines(file)) - 1) : 0;
  const progress = options.progress?.(total);

  const checked = await checkRecords(readCsv(file, delimiter), options, {
    source: file,
    onRow: (n) => progress && n % 1000 === 0 && progress.update(Math.min(n, total), "checking"),
  });
  refuseUnlessImportable(checked, Boolean(options.skipBad));

  const datasetName = options.dataset ?? path.basename(file).replace(/\.[^.]+$/, "");
  const { examples, tasks } = await writeCheckedRows(checked.good, {
    dataset: options.labelColumn ? { name: datasetName, description: `Imported from ${path.basename(file)}` } : null,
    asTasks: options.asTasks,
    onWritten: (what, n) => what === "tasks" && progress?.update(Math.min(total, n), "writing tasks"),
  });
  progress?.finish();
  return { dataset: datasetName, rowsRead: checked.rowsRead, examples, tasks, skipped: checked.problems };
}
/** What makes a record unreadable whatever its columns mean (null: nothing). */
export function recordProblem(record: CsvRecord, header: string[]): string | null {
  if (record.error) return `malformed CSV: ${record.error}`;
  if (record.fields.length !== header.length) return `expected ${header.length} fields, found ${record.fields.length}`;
  return null;
}

/** What makes a text unscorable (null: nothing). */
export function textProblem(text: string): string | null {
  if (!text) return `the text column is empty`;
  if (text.length > MAX_TEXT_LENGTH) return `the text is ${text.length} characters long (the limit is ${MAX_TEXT_LENGTH})`;
  return null;
}

function checkRow(record: CsvRecord, header: string[], index: Record<Field, number>): GoodRow | string {
  const shape = recordProblem(record, header);
  if (shape) return shape;
  const get = (i: number) => (i >= 0 ? record.fields[i].trim() : "");
  const text = get(index.text);
  const bad = textProblem(text);
  if (bad) return bad;
  const label = index.label >= 0 ? get(index.label) : null;
  if (index.label >= 0 && !label) return `the label column is empty`;
  let at: Date | null = null;
  if (index.time >= 0 && get(index.time)) {
    at = parseTime(get(index.time));
    if (Number.isNaN(at.getTime())) return `"${get(index.time).slice(0, 40)}" is not a date and time`;
  }
  return { line: record.line, text, label, category: get(index.category) || null, account: get(index.account) || null, at };
}

/**
 * A date or date-time from a file. One without a zone ("2024-03-01 10:00") is read as
 * UTC, like the rest of the app's days, rather than in this server's local zone.
 */
export function parseTime(value: string): Date {
  const local = /^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(value);
  return new Date(local ? `${value.replace(" ", "T")}Z` : value);
}
