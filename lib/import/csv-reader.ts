// CSV files read as a stream of records, through the project's one CSV
// parser (models/text/csv.ts), so a large file is never held whole. Each
// record carries the line it starts on for error messages about bad rows.
import fs from "node:fs";
import { CsvParser, type CsvRecord } from "@/models/text/csv";

export { CsvParser, type CsvRecord };

export async function* readCsv(file: string, delimiter = ","): AsyncGenerator<CsvRecord> {
  const parser = new CsvParser(delimiter);
  for await (const chunk of fs.createReadStream(file, { encoding: "utf8", highWaterMark: 1 << 20 }) as AsyncIterable<string>) {
    yield* parser.push(chunk);
  }
  yield* parser.end();
}

/** Counts lines cheaply so a progress bar knows its total. */
export async function countLines(file: string): Promise<number> {
  let n = 0;
  for await (const chunk of fs.createReadStream(file) as AsyncIterable<Buffer>) {
    for (let i = 0; i < chunk.length; i++) if (chunk[i] === 10) n++;
  }
  return n;
}
