// "Score a CSV": POST the file as the body, the text column and delimiter in the query
// string; the answer streams progress, then the scored file (lib/import/score-csv.ts). Nothing is
// written to the database. Under /api/ for the same reason as ../labelled-data.
import { MAX_SCORE_BYTES, scoreCsv, scoreCsvSchema } from "@/lib/import/score-csv";
import { csvUploadRoute } from "../csv-upload-route";

export async function POST(request: Request) {
  return csvUploadRoute(request, { choices: scoreCsvSchema, maxBytes: MAX_SCORE_BYTES }, ({ records, params, send }) =>
    scoreCsv(records, params, { progress: (phase, done, of) => phase !== "reading" && send({ phase: `scoring ${phase}`, done, of }) }),
  );
}
