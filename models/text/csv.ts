// The project's one CSV reader (RFC 4180: quoted fields, doubled quotes,
// delimiters and newlines inside quotes, CRLF/LF/CR line ends, a UTF-8 BOM).
// Every record remembers the 1-based line it starts on, so a bad row is
// reported by its line number.
//
// CsvParser is fed text in chunks (lib/import streams files through it, so
// a large file is never held whole) and marks malformed records instead of
// stopping; parseCsv reads a whole labelled file (training, evaluation) and
// throws a CsvError at the first problem. Pure: no file access here.
// Kept instead of csv-parse (speed, start lines, recovery): docs/kept-infrastructure.md.

export class CsvError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(`line ${line}: ${message}`);
    this.name = "CsvError";
  }
}

export type CsvRecord = { line: number; fields: string[]; error?: string };

const QUOTE = 34;
const LF = 10;
const CR = 13;

/** Parses CSV text fed in chunks; `push` returns the records completed so far. */
export class CsvParser {
  private readonly delimiter: number;
  private field = "";
  private fields: string[] = [];
  private inQuotes = false;
  private afterQuote = false; // a quote closed (or, if the next char is a quote, escaped) the field
  private skipLF = false;
  private started = false;
  private line = 1;
  private recordLine = 1;
  private error: string | undefined;

  constructor(delimiter = ",") {
    if (delimiter.length !== 1 || delimiter === '"' || delimiter === "\n" || delimiter === "\r") {
      throw new CsvError(`invalid delimiter ${JSON.stringify(delimiter)}: use one character other than a quote or newline`, 1);
    }
    this.delimiter = delimiter.charCodeAt(0);
  }

  push(chunk: string): CsvRecord[] {
    const out: CsvRecord[] = [];
    const D = this.delimiter;
    const n = chunk.length;
    let i = 0;
    if (!this.started && n > 0) {
      this.started = true;
      if (chunk.charCodeAt(0) === 0xfeff) i = 1;
    }
    // Runs of ordinary characters are copied with one slice, not char by char.
    while (i < n) {
      const c = chunk.charCodeAt(i);
      if (this.skipLF) {
        this.skipLF = false;
        if (c === LF) {
          i++;
          continue;
        }
      }
      if (this.inQuotes) {
        const q = chunk.indexOf('"', i);
        const end = q < 0 ? n : q;
        for (let k = i; k < end; k++) if (chunk.charCodeAt(k) === LF) this.line++;
        this.field += chunk.slice(i, end);
        if (q < 0) break;
        this.inQuotes = false;
        this.afterQuote = true;
        i = q + 1;
        continue;
      }
      if (this.afterQuote && c === QUOTE) {
        // "" inside a quoted field: a literal quote, and the field goes on.
        this.field += '"';
        this.inQuotes = true;
        this.afterQuote = false;
        i++;
        continue;
      }
      if (c === D) {
        this.fields.push(this.field);
        this.field = "";
        this.afterQuote = false;
        i++;
      } else if (c === LF || c === CR) {
        if (c === CR) this.skipLF = true;
        const record = this.endRecord();
        this.line++;
        this.recordLine = this.line;
        if (record) out.push(record);
        i++;
      } else if (c === QUOTE) {
        if (this.field === "") this.inQuotes = true;
        else {
          this.error ??= "a quote inside an unquoted field (quote the whole field and double inner quotes)";
          this.field += '"';
        }
        i++;
      } else {
        let j = i + 1;
        while (j < n) {
          const d = chunk.charCodeAt(j);
          if (d === D || d === LF || d === CR || d === QUOTE) break;
          j++;
        }
        if (this.afterQuote) this.error ??= "text after a closing quote";
        this.field += chunk.slice(i, j);
        i = j;
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

export interface CsvOptions {
  /** Single-character field separator (default ","). */
  delimiter?: string;
}

export interface CsvTable {
  header: string[];
  rows: string[][];
  /** 1-based line on which each row starts (for error messages about rows). */
  lines: number[];
}

/** A whole file with a header row; throws CsvError at the first malformed or ragged row. */
export function parseCsv(input: string, opts: CsvOptions = {}): CsvTable {
  const parser = new CsvParser(opts.delimiter ?? ",");
  const records = parser.push(input);
  records.push(...parser.end());
  if (records.length === 0) throw new CsvError("file is empty (a header row is required)", 1);
  const header = records[0].fields.map((h) => h.trim());
  const width = header.length;
  const rows: string[][] = new Array(records.length - 1);
  const lines: number[] = new Array(records.length - 1);
  for (let r = 0; r < records.length; r++) {
    const { fields, line, error } = records[r];
    if (error) throw new CsvError(error, line);
    if (r === 0) continue;
    if (fields.length !== width) throw new CsvError(`expected ${width} fields (as in the header) but found ${fields.length}`, line);
    rows[r - 1] = fields;
    lines[r - 1] = line;
  }
  return { header, rows, lines };
}

/** Values of one column by header name; the error lists the available columns. */
export function column(table: CsvTable, name: string): string[] {
  const idx = table.header.indexOf(name);
  if (idx < 0) throw new CsvError(`no column "${name}"; columns are: ${table.header.join(", ")}`, 1);
  const out: string[] = new Array(table.rows.length);
  for (let i = 0; i < out.length; i++) out[i] = flatCopy(table.rows[i][idx]);
  return out;
}

/**
 * The same characters in a fresh string. A field is a slice of the chunk it
 * was read from, so it keeps the whole file in memory, and once the file has
 * one character above U+00FF (an emoji) every slice is stored two bytes per
 * character. On the airline tweets (94 % Latin-1) every text was such a
 * two-byte slice: the tokenizer's toLowerCase took the slow two-byte path and
 * read each character through the slice (~10 % of prediction time).
 * JSON.parse builds one-byte strings where the characters allow and keeps
 * lone surrogates exactly (TextDecoder would replace them).
 */
function flatCopy(s: string): string {
  return JSON.parse(JSON.stringify(s)) as string;
}
