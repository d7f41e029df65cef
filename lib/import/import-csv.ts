// Imports labelled text from a CSV file into a dataset (training examples) and,
// optionally, as customer requests (tasks scored with the active model).
// All-or-nothing: every row is checked before anything is written, and the writes
// run in one transaction; with skipBad the unreadable rows are left out and listed.
import path from "node:path";
import { dbReady } from "@/db/client";
import { upsertAccounts, upsertCategories } from "@/db/queries/catalog";
import { ensureDataset, insertExampleStatements } from "@/db/queries/datasets";
import { CHANNELS, type Channel } from "@/db/schema";
import { BulkTaskWriter, type BulkTask } from "@/lib/bulk-tasks";
import { AppError } from "@/lib/errors";
import type { ProgressReporter } from "@/lib/progress";
import { requireActiveModel } from "@/lib/sentiment/active-model";
import { countLines, readCsv } from "./csv-reader";

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

type GoodRow = { line: number; text: string; label: string | null; category: string | null; account: string | null; at: Date | null };

const slug = (s: string) => s.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "") || "category";

export async function importCsv(options: ImportOptions): Promise<ImportReport> {
  const { file, delimiter = ",", textColumn } = options;
  if (!options.labelColumn && !options.asTasks) {
    throw new AppError("validation:import", "Name a --label-column (for training examples) or use --as-tasks.");
  }
  const total = options.progress ? Math.max(1, (await countLines(file)) - 1) : 0;
  const progress = options.progress?.(total);

  // Pass 1: read and check every row; nothing is written yet.
  let header: string[] | null = null;
  let index: Record<"text" | "label" | "category" | "account" | "time", number> | null = null;
  const good: GoodRow[] = [];
  const problems: RowProblem[] = [];
  let rowsRead = 0;
  for await (const record of readCsv(file, delimiter)) {
    if (!header) {
      header = record.fields.map((f) => f.trim());
      const find = (name: string | undefined, flag: string) => {
        if (!name) return -1;
        const i = header!.indexOf(name);
        if (i < 0) throw new AppError("validation:import", `Column "${name}" (${flag}) is not in the header; the columns are: ${header!.join(", ")}.`);
        return i;
      };
      index = {
        text: find(textColumn, "--text-column"),
        label: find(options.labelColumn, "--label-column"),
        category: find(options.categoryColumn, "--category-column"),
        account: find(options.accountColumn, "--account-column"),
        time: find(options.timeColumn, "--time-column"),
      };
      continue;
    }
    rowsRead++;
    if (progress && rowsRead % 1000 === 0) progress.update(Math.min(rowsRead, total), "checking");
    const problem = checkRow(record, header, index!);
    if (typeof problem === "string") problems.push({ line: record.line, reason: problem });
    else good.push(problem);
  }
  if (!header) throw new AppError("validation:import", `${file} is empty: it needs a header row.`);
  if (problems.length && !options.skipBad) {
    throw new AppError(
      "validation:import",
      `${problems.length} row(s) cannot be read, so nothing was imported (use --skip-bad to import the rest).`,
      { problems: problems.slice(0, 100) },
    );
  }
  if (good.length === 0) throw new AppError("validation:import", "No importable rows: nothing was imported.");

  // Pass 2: write everything in one transaction.
  const datasetName = options.dataset ?? path.basename(file).replace(/\.[^.]+$/, "");
  const db = await dbReady();
  const model = options.asTasks ? await requireActiveModel() : null;
  let examples = 0;
  let tasks = 0;
  await db.transaction(async (tx) => {
    const categoryNames = [...new Set(good.map((r) => r.category).filter((c): c is string => !!c))];
    const categoryRows = await upsertCategories(categoryNames.map((name) => ({ name, slug: slug(name) })), tx);
    const categoryId = new Map(categoryRows.map((c) => [c.name, c.id]));

    if (options.labelColumn) {
      const dataset = await ensureDataset({ name: datasetName, kind: "import", description: `Imported from ${path.basename(file)}` }, tx);
      const rows = good.map((r) => ({
        datasetId: dataset.id,
        text: r.text,
        label: r.label!,
        categoryId: r.category ? categoryId.get(r.category) ?? null : null,
        occurredAt: r.at,
      }));
      for (const statement of insertExampleStatements(rows, tx)) await statement;
      examples = rows.length;
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
        progress?.update(Math.min(total, i + batch.length), "writing tasks");
      }
    }
  });
  progress?.finish();
  return { dataset: datasetName, rowsRead, examples, tasks, skipped: problems };
}

function checkRow(
  record: { line: number; fields: string[]; error?: string },
  header: string[],
  index: Record<"text" | "label" | "category" | "account" | "time", number>,
): GoodRow | string {
  if (record.error) return `malformed CSV: ${record.error}`;
  if (record.fields.length !== header.length) return `expected ${header.length} fields, found ${record.fields.length}`;
  const get = (i: number) => (i >= 0 ? record.fields[i].trim() : "");
  const text = get(index.text);
  if (!text) return `the text column is empty`;
  if (text.length > MAX_TEXT_LENGTH) return `the text is ${text.length} characters long (the limit is ${MAX_TEXT_LENGTH})`;
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
