// Reading named columns of a CSV file for the command-line tools (eval, predict, bench:model,
// models:ship). Every problem is a CliUsageError that names the file and, for a bad row, its
// line: "data.csv: line 12: a quoted field that never closes".
import { readFileSync } from "node:fs";
import { column, CsvError, parseCsv } from "@/models/text/csv";
import { CliUsageError } from "./cli-args";

export interface CsvColumns<C extends string> {
  /** Each requested column's values, in file order. */
  columns: Record<C, string[]>;
  /** The 1-based line each row starts on. */
  lines: number[];
}

export function readCsvColumns<C extends string>(file: string, names: readonly C[], { delimiter = "," }: { delimiter?: string } = {}): CsvColumns<C> {
  let content: string;
  try {
    content = readFileSync(file, "utf8");
  } catch (e) {
    throw new CliUsageError(`cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  try {
    const table = parseCsv(content, { delimiter });
    const columns = Object.fromEntries(names.map((name) => [name, column(table, name)])) as Record<C, string[]>;
    return { columns, lines: table.lines };
  } catch (e) {
    if (e instanceof CsvError) throw new CliUsageError(`${file}: ${e.message}`);
    throw e;
  }
}
