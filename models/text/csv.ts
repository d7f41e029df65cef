// Minimal RFC 4180 CSV reader for labelled training/evaluation files:
// quoted fields, doubled quotes, delimiters and newlines inside quotes,
// CRLF line ends, a header row. Errors name the 1-based line of the problem.

export class CsvError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(`line ${line}: ${message}`);
    this.name = "CsvError";
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

export function parseCsv(input: string, opts: CsvOptions = {}): CsvTable {
  const delimiter = opts.delimiter ?? ",";
  if (delimiter.length !== 1 || delimiter === '"' || delimiter === "\n" || delimiter === "\r") {
    throw new CsvError(`invalid delimiter ${JSON.stringify(delimiter)}: use one character other than a quote or newline`, 1);
  }
  const D = delimiter.charCodeAt(0);
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input; // byte-order mark
  const records: string[][] = [];
  const lines: number[] = [];
  let line = 1;
  let i = 0;
  const n = text.length;

  while (i < n) {
    const startLine = line;
    const record: string[] = [];
    // One record: fields until an unquoted newline or the end.
    for (;;) {
      let field: string;
      if (text.charCodeAt(i) === 34 /* " */) {
        const quoteLine = line;
        let j = i + 1;
        let value = "";
        for (;;) {
          const q = text.indexOf('"', j);
          if (q < 0) throw new CsvError("unterminated quoted field", quoteLine);
          value += text.slice(j, q);
          for (let k = j; k < q; k++) if (text.charCodeAt(k) === 10) line++;
          if (text.charCodeAt(q + 1) === 34) {
            value += '"';
            j = q + 2;
          } else {
            j = q + 1;
            break;
          }
        }
        const after = text.charCodeAt(j);
        if (j < n && after !== D && after !== 10 && after !== 13) {
          throw new CsvError(`unexpected character ${JSON.stringify(text[j])} after a closing quote`, line);
        }
        field = value;
        i = j;
      } else {
        let j = i;
        while (j < n) {
          const c = text.charCodeAt(j);
          if (c === D || c === 10 || c === 13) break;
          j++;
        }
        field = text.slice(i, j);
        if (field.includes('"')) throw new CsvError("quote inside an unquoted field (quote the whole field and double inner quotes)", line);
        i = j;
      }
      record.push(field);
      if (i < n && text.charCodeAt(i) === D) {
        i++;
        continue;
      }
      break;
    }
    // Record end: CRLF, LF, CR or end of input.
    if (i < n && text.charCodeAt(i) === 13) i++;
    if (i < n && text.charCodeAt(i) === 10) i++;
    line++;
    if (record.length === 1 && record[0] === "") continue; // blank line
    records.push(record);
    lines.push(startLine);
  }

  if (records.length === 0) throw new CsvError("file is empty (a header row is required)", 1);
  const header = records[0].map((h) => h.trim());
  const width = header.length;
  for (let r = 1; r < records.length; r++) {
    if (records[r].length !== width) {
      throw new CsvError(`expected ${width} fields (as in the header) but found ${records[r].length}`, lines[r]);
    }
  }
  return { header, rows: records.slice(1), lines: lines.slice(1) };
}

/** Values of one column by header name; the error lists the available columns. */
export function column(table: CsvTable, name: string): string[] {
  const idx = table.header.indexOf(name);
  if (idx < 0) throw new CsvError(`no column "${name}"; columns are: ${table.header.join(", ")}`, 1);
  return table.rows.map((r) => r[idx]);
}
