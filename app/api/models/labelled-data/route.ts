// Labelled data uploaded on the models page: POST the CSV file as the body, the choices in
// the query string (lib/import/labelled-upload.ts). mode=check writes nothing. Under /api/
// because the web server refuses page POSTs over 1 MB (server/refusals.ts), and a
// file of 100,000 rows is larger; the handler checks the role and origin itself.
import { revalidatePath } from "next/cache";
import { labelledUploadSchema, MAX_UPLOAD_BYTES, processLabelledUpload } from "@/lib/import/labelled-upload";
import { csvUploadRoute } from "../csv-upload-route";

export async function POST(request: Request) {
  return csvUploadRoute(request, { choices: labelledUploadSchema, maxBytes: MAX_UPLOAD_BYTES }, async ({ records, params, send }) => {
    const result = await processLabelledUpload(records, params, (phase, done, of) => send({ phase, done, of }));
    if (result.imported) revalidatePath("/models");
    return result;
  });
}
