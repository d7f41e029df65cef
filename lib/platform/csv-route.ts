// The one handler for the portal's CSV downloads: the role check, the file, and failures
// answered as apiRoute answers them — an AppError with its status (403, a 422 for a bad
// filter, 404), a database that cannot serve now as 503 with Retry-After (not a bare 500),
// anything else logged under the request id.
import "server-only";
import type { Role } from "@/db/schema";
import { requireRole, type CurrentUser } from "@/lib/auth/session";
import { csvResponse } from "@/lib/platform/csv-writer";
import { AppError, databaseUnavailable, retryAfterSeconds } from "@/lib/platform/errors";
import { logger } from "@/lib/platform/logger";
import { requestIdFrom } from "@/lib/platform/request-id";

export type CsvFile = { body: string; filename: string };
type CsvInput = { query: Record<string, string>; params: Record<string, string>; user: CurrentUser };

export function csvRoute(role: Role, handler: (input: CsvInput) => Promise<CsvFile>) {
  return async (request: Request, context: { params?: Promise<Record<string, string>> } = {}): Promise<Response> => {
    const path = new URL(request.url).pathname;
    const requestId = requestIdFrom(request.headers);
    try {
      const user = await requireRole(role);
      const file = await handler({ query: Object.fromEntries(new URL(request.url).searchParams), params: (await context.params) ?? {}, user });
      return csvResponse(file.body, file.filename);
    } catch (error) {
      if (error instanceof AppError) return error.toResponse();
      const unavailable = databaseUnavailable(error);
      if (unavailable) {
        logger.warn("csv export refused: database unavailable", { requestId, path, code: unavailable.code });
        return unavailable.toResponse({ "retry-after": String(retryAfterSeconds(unavailable)) });
      }
      logger.error("csv export failed", { requestId, path, error });
      return new AppError("internal", `Internal error; quote request id ${requestId}.`).toResponse({ "x-request-id": requestId });
    }
  };
}
