// A streaming CSV reader (RFC 4180: quoted fields, doubled quotes, newlines inside
// quotes, CRLF, a UTF-8 BOM) that remembers the line each record starts on, so a bad
// row can be reported by its line number. It streams: a large file is never held whole.
import fs from "node:fs";

export type CsvRecord = { line: number; fields: string[]; error?: string };

/** Parses CSV text fed in chunks; `push` returns the records completed so far. */
export class CsvParser {
  private field = "";
  private fields: string[] = [];
  private inQuotes = false;
  private afterQuote = false; // a quote closed (or, if the next char is a quote, escaped) the field
  private skipLF = false;
  private started = false;
  private line = 1;
  private recordLine = 1;
  private error: string | undefined;

  constructor(private readonly delimiter = ",") {
    if (delimiter.length !== 1) throw new Error("The delimiter must be a single character.");
  }

  push(chunk: string): CsvRecord[] {
    const out: CsvRecord[] = [];
    for (let i = 0; i < chunk.length; i++) {
      const ch = chunk[i];
      if (!this.started) {
        this.started = true;
        if (ch === "\uFEFF") continue;
      }
      if (this.skipLF) {
        this.skipLF = false;
        if (ch === "\n") continue;
      }
      if (this.inQuotes) {
        if (ch === '"') {
          this.inQuotes = false;
          this.afterQuote = true;
        } else {
          if (ch === "\n") this.line++;
          this.field += ch;
        }
        continue;
      }
      if (this.afterQuote && ch === '"') {
        // "" inside a quoted field: a literal quote, and the field goes on.
        this.field += '"';
        this.inQuotes = true;
        this.afterQuote = false;
        continue;
      }
      if (ch === this.delimiter) {
        this.fields.push(this.field);
        this.field = "";
        this.afterQuote = false;
      } else if (ch === "\n" || ch === "\r") {
        if (ch === "\r") this.skipLF = true;
        const record = this.endRecord();
        this.line++;
        this.recordLine = this.line;
        if (record) out.push(record);
      } else if (ch === '"') {
        if (this.field === "") this.inQuotes = true;
        else {
          this.error ??= "a quote inside an unquoted field";
          this.field += ch;
        }
      } else {
        if (this.afterQuote) this.error ??= "text after a closing quote";
        this.field += ch;
      }
    }
    return out;
  }

  /** Ends the input; returns the last record, if any. */
  end(): CsvRecord[] {
    if (this.inQuotes) this.error = "a quoted field that never closes";
    if (this.field === "" && this.fields.length === 0 && !this.error) return [];
    const record = this.endRecord();
    return record ? [record] : [];
  }

  private endRecord(): CsvRecord | null {
    this.fields.push(this.field);
    const record: CsvRecord = { line: this.recordLine, fields: this.fields, error: this.error };
    this.field = "";
    this.fields = [];
    this.error = undefined;
    this.afterQuote = false;
    this.inQuotes = false;
    // Blank lines are not records.
    return record.fields.length === 1 && record.fields[0] === "" && !record.error ? null : record;
  }
}

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
