// "Score a CSV": POST the file as the body, the text column and delimiter in the query
// string; the answer streams progress, then the scored file (lib/score-csv.ts). Nothing is
// written to the database. Under /api/ for the same reason as ../labelled-data.
import { readCsvUpload } from "@/lib/import/csv-reader";
import { MAX_SCORE_BYTES, scoreCsv, scoreCsvSchema } from "@/lib/score-csv";
import { pageRole } from "@/lib/auth/roles";
import { uploadRoute } from "@/lib/upload-route";

export async function POST(request: Request) {
  return uploadRoute(
    request,
    pageRole("/models"),
    scoreCsvSchema,
    async ({ body, params, size, send }) => {
      const records = readCsvUpload(body, {
        delimiter: params.delimiter,
        maxBytes: MAX_SCORE_BYTES,
        onBytes: (bytes) => size && send({ phase: "reading", done: bytes, of: size }),
      });
      return scoreCsv(records, params, { progress: (phase, done, of) => phase !== "reading" && send({ phase: `scoring ${phase}`, done, of }) });
    },
  );
}
