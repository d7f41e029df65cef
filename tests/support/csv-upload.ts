// A CSV file as the models page's upload routes read it: the body of a real Request, read by
// readCsvUpload as it arrives (the routes' size limits are not what these tests are about).
import { readCsvUpload } from "@/lib/import/csv-reader";

export function uploadedCsv(text: string | Uint8Array, delimiter = ",") {
  const body = new Request("http://local/upload", { method: "POST", body: typeof text === "string" ? text : new Blob([new Uint8Array(text)]) }).body;
  return readCsvUpload(body, { delimiter, maxBytes: 64 * 1_048_576 });
}
