// Browser side of the models page's uploads (lib/import/upload-route.ts): the file's header for
// the column choices, and a POST whose answer streams progress lines and then the result.
import type { ErrorDetails } from "@/lib/platform/errors";
import { CsvParser } from "@/models/text/csv";

export const DELIMITERS = [
  { value: ",", label: "Comma (,)" },
  { value: ";", label: "Semicolon (;)" },
  { value: "\t", label: "Tab" },
  { value: "|", label: "Pipe (|)" },
] as const;

/** The column names in the file's first line ([] when it cannot be read with this delimiter). */
export async function readHeader(file: File, delimiter: string): Promise<string[]> {
  const text = await file.slice(0, 256 * 1024).text();
  const parser = new CsvParser(delimiter);
  const first = parser.push(text)[0] ?? parser.end()[0];
  return first ? first.fields.map((f) => f.trim()).filter(Boolean) : [];
}

export type UploadProgress = { phase: string; done: number; of: number | null };
export type UploadError = { code: string; message: string; details?: ErrorDetails | null };
export type UploadOutcome<R> = { ok: true; result: R } | { ok: false; error: UploadError };

export async function postCsv<R>(url: string, file: File, params: Record<string, string>, onProgress: (p: UploadProgress) => void): Promise<UploadOutcome<R>> {
  let response: Response;
  try {
    response = await fetch(`${url}?${new URLSearchParams(params)}`, { method: "POST", body: file, headers: { "content-type": "text/csv" } });
  } catch {
    return { ok: false, error: { code: "network", message: "The upload did not reach the server. Check the connection and try again." } };
  }
  if (!response.ok || !response.body) {
    const body = (await response.json().catch(() => null)) as { error?: UploadError } | null;
    return { ok: false, error: body?.error ?? { code: String(response.status), message: `The server answered ${response.status}.` } };
  }
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = "";
  for (;;) {
    const { done, value } = await reader.read();
    if (value) buffer += value;
    let nl: number;
    while ((nl = buffer.indexOf("\n")) >= 0) {
      const line = JSON.parse(buffer.slice(0, nl)) as { type: string; error?: UploadError } & UploadProgress;
      buffer = buffer.slice(nl + 1);
      if (line.type === "progress") onProgress(line);
      else if (line.type === "error") return { ok: false, error: line.error! };
      else if (line.type === "result") return { ok: true, result: line as unknown as R };
    }
    if (done) break;
  }
  return { ok: false, error: { code: "incomplete", message: "The server stopped before it finished; nothing was written. Try again." } };
}

/** "Reading 45 %", "12,000 rows checked", "Writing 3,000 of 9,000". */
export function progressText(p: UploadProgress | null): string {
  if (!p) return "Sending the file…";
  const n = (v: number) => v.toLocaleString("en-GB");
  if (p.phase === "reading" && p.of) return `Reading the file: ${Math.floor((p.done / p.of) * 100)} %`;
  if (p.of) return `${p.phase[0].toUpperCase()}${p.phase.slice(1)}: ${n(p.done)} of ${n(p.of)} rows`;
  return `${p.phase[0].toUpperCase()}${p.phase.slice(1)}: ${n(p.done)} rows`;
}

export function progressFraction(p: UploadProgress | null): number | null {
  return p?.of ? Math.min(1, p.done / p.of) : null;
}

/** Offers text as a file download. */
export function download(text: string, filename: string, type = "text/csv;charset=utf-8") {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement("a");
  a.href = url;
  a.download = filename;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
