// The one CSV writer for every export: RFC 4180 quoting, CRLF line ends, and a guard
// against spreadsheet formula injection (customer text is untrusted).

export type CsvValue = string | number | boolean | Date | null | undefined;

/**
 * One field: dates as ISO 8601 — in the organisation's zone with its offset when the caller
 * passes its clock's `iso` (lib/platform/time-zone.ts), else UTC — empty for null, every field quoted.
 */
export function csvField(value: CsvValue, dateText: (d: Date) => string = (d) => d.toISOString()): string {
  const s = value instanceof Date ? dateText(value) : value === null || value === undefined ? "" : String(value);
  // A text starting with = + - @ (or a tab / carriage return before one) is run as a formula by
  // spreadsheet apps; a leading apostrophe makes it plain text. Numbers are written as they are,
  // so a negative net score stays a number.
  const safe = typeof value !== "number" && /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
  return `"${safe.replace(/"/g, '""')}"`;
}

export function toCsv(header: readonly string[], rows: Iterable<readonly CsvValue[]>, { dateText }: { dateText?: (d: Date) => string } = {}): string {
  // Header names are the exporter's own constants: written bare unless they need quotes.
  const lines = [header.map((h) => (/[",\r\n]/.test(h) ? csvField(h) : h)).join(",")];
  for (const row of rows) lines.push(row.map((v) => csvField(v, dateText)).join(","));
  return lines.join("\r\n") + "\r\n";
}

/** A download response for a CSV body. */
export function csvResponse(body: string, filename: string): Response {
  const safeName = filename.replace(/[^A-Za-z0-9._-]/g, "_");
  return new Response(body, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="${safeName}"`,
      "cache-control": "no-store",
    },
  });
}
