// The models page's two CSV uploads (labelled data, score a CSV) read the body the same way:
// as CSV records in the delimiter the query string chose, refused past the size limit, with
// the bytes read sent as the "reading" phase when the request declared its length.
import type { z } from "zod";
import { readCsvUpload } from "@/lib/import/csv-reader";
import { pageRole } from "@/lib/auth/roles";
import { uploadRoute, type Progress } from "@/lib/import/upload-route";

export function csvUploadRoute<S extends z.ZodType<{ delimiter: string }>>(
  request: Request,
  { choices, maxBytes }: { choices: S; maxBytes: number },
  run: (input: { records: ReturnType<typeof readCsvUpload>; params: z.output<S>; send: (progress: Progress) => void }) => Promise<unknown>,
): Promise<Response> {
  return uploadRoute(request, pageRole("/models"), choices, ({ body, params, size, send }) => {
    const records = readCsvUpload(body, {
      delimiter: params.delimiter,
      maxBytes,
      onBytes: (bytes) => size && send({ phase: "reading", done: bytes, of: size }),
    });
    return run({ records, params, send });
  });
}
