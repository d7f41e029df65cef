// The models page's file uploads (labelled data, score a CSV): a POST whose body is the
// file and whose query string holds the choices. The answer is a stream of JSON lines so
// the page can show progress on 100,000 rows: {"type":"progress",...} lines, then one
// {"type":"result",...} or {"type":"error","error":{code,message,details}}. Everything
// that can be refused before reading the file (role, origin, choices) is refused with a
// plain HTTP error instead.
import type { z } from "zod";
import type { Role } from "@/db/schema";
import { requireSameOrigin } from "@/lib/auth/same-origin";
import { requireRole, type CurrentUser } from "@/lib/auth/session";
import { isAppError, parseOrThrow } from "@/lib/platform/errors";
import { logger } from "@/lib/platform/logger";
import { currentRequestId } from "@/lib/platform/request-id";

export type Progress = { phase: string; done: number; of: number | null };
type Send = (progress: Progress) => void;

// One progress line per this many milliseconds at most: enough for a smooth bar.
const PROGRESS_EVERY_MS = 150;

/** `choices` checks the query string; its problems come back as the form's field errors. */
export async function uploadRoute<S extends z.ZodType>(
  request: Request,
  role: Role,
  choices: S,
  run: (input: { body: ReadableStream<Uint8Array> | null; params: z.output<S>; user: CurrentUser; size: number | null; send: Send }) => Promise<unknown>,
): Promise<Response> {
  let user: CurrentUser;
  let params: z.output<S>;
  try {
    user = await requireRole(role);
    requireSameOrigin(request);
    params = parseOrThrow(choices, Object.fromEntries(new URL(request.url).searchParams), "validation:upload");
  } catch (error) {
    if (isAppError(error)) return error.toResponse();
    throw error;
  }
  const declared = Number(request.headers.get("content-length"));
  const size = Number.isFinite(declared) && declared > 0 ? declared : null;
  const requestId = await currentRequestId();
  const encoder = new TextEncoder();
  const stream = new ReadableStream<Uint8Array>({
    async start(controller) {
      let open = true;
      // A page closed mid-way cancels the stream; the work still finishes (an import stays all or nothing).
      const line = (value: unknown) => {
        if (!open) return;
        try {
          controller.enqueue(encoder.encode(JSON.stringify(value) + "\n"));
        } catch {
          open = false;
        }
      };
      let last = 0;
      const send: Send = (p) => {
        const now = Date.now();
        if (now - last < PROGRESS_EVERY_MS) return;
        last = now;
        line({ type: "progress", ...p });
      };
      try {
        line({ type: "result", ...((await run({ body: request.body, params, user, size, send })) as object) });
      } catch (error) {
        if (isAppError(error)) line({ type: "error", error: error.toJSON().error });
        else {
          logger.error("upload failed", { requestId, error });
          line({ type: "error", error: { code: "internal", message: `Something went wrong on our side; nothing was written (request ${requestId}).`, details: null } });
        }
      }
      if (open) controller.close();
    },
  });
  return new Response(stream, {
    headers: { "content-type": "application/x-ndjson; charset=utf-8", "cache-control": "no-store", "x-accel-buffering": "no" },
  });
}
