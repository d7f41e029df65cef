// A mail provider's inbound webhook: one e-mail as JSON (lib/conversations/inbound.ts), protected
// by its own secret rather than an API key. Ignored and duplicate mail answers 200, so the
// provider does not retry it.
import { otherMethods, readJson } from "@/lib/api/route";
import { checkInboundSecret } from "@/lib/conversations/inbound-secret";
import { receiveInboundEmail } from "@/lib/conversations/inbound";
import { AppError, databaseUnavailable } from "@/lib/errors";
import { logger } from "@/lib/logger";
import { requestIdFrom } from "@/lib/request-id";

export async function POST(request: Request): Promise<Response> {
  const requestId = requestIdFrom(request.headers);
  const headers = new Headers({ "x-request-id": requestId, "cache-control": "no-store" });
  try {
    checkInboundSecret(request.headers);
    const result = await receiveInboundEmail((await readJson(request)).value);
    const body =
      result.status === "ignored"
        ? { status: result.status, reason: result.reason, task_id: null }
        : { status: result.status, task_id: result.taskId };
    return Response.json(body, { status: result.status === "created" ? 201 : 200, headers });
  } catch (error) {
    if (error instanceof AppError) return error.toResponse(headers);
    const unavailable = databaseUnavailable(error);
    if (unavailable) return unavailable.toResponse(headers);
    logger.error("inbound e-mail failed", { requestId, error });
    return new AppError("internal", `Internal error; quote request id ${requestId}.`).toResponse(headers);
  }
}

export const { GET, HEAD, PUT, PATCH, DELETE, OPTIONS } = otherMethods("POST");
