// CSV files read as a stream of records, through the project's one CSV
// parser (models/text/csv.ts), so a large file is never held whole. Each
// record carries the line it starts on for error messages about bad rows.
import fs from "node:fs";
import { AppError } from "@/lib/platform/errors";
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

/**
 * A CSV sent in a request body, read as it arrives (an upload on the models page). The
 * bytes must be UTF-8; more than maxBytes is refused. onBytes reports the bytes read, for
 * a progress bar.
 */
export async function* readCsvUpload(
  body: ReadableStream<Uint8Array> | null,
  { delimiter = ",", maxBytes, onBytes }: { delimiter?: string; maxBytes: number; onBytes?: (bytes: number) => void },
): AsyncGenerator<CsvRecord> {
  if (!body) throw new AppError("validation:upload", "The upload is empty: choose a CSV file with a header row.");
  const parser = new CsvParser(delimiter);
  const decoder = new TextDecoder("utf-8", { fatal: true });
  let bytes = 0;
  const reader = body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      bytes += value.byteLength;
      if (bytes > maxBytes) throw new AppError("payload_too_large:upload", `The file is larger than ${Math.round(maxBytes / 1_048_576)} MB.`);
      onBytes?.(bytes);
      // A byte sequence that is not UTF-8 throws a TypeError, turned into a message below.
      yield* parser.push(decoder.decode(value, { stream: true }));
    }
    const rest = decoder.decode();
    if (rest) yield* parser.push(rest);
  } catch (error) {
    if (error instanceof TypeError) throw new AppError("validation:upload", "The file is not UTF-8 text: save it as CSV UTF-8 and try again.");
    throw error;
  } finally {
    reader.releaseLock();
  }
  yield* parser.end();
}
