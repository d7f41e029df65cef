// A mail provider's inbound webhook: one e-mail as JSON (lib/conversations/inbound.ts), protected
// by its own secret rather than an API key. Ignored and duplicate mail answers 200, so the
// provider does not retry it.
import type { Operation } from "@/lib/api/openapi";
import { apiErrorResponse, otherMethods, readJson } from "@/lib/api/route";
import { inboundEmailRequest, inboundEmailResponse } from "@/lib/api/schemas";
import { checkInboundSecret } from "@/lib/conversations/inbound-secret";
import { receiveInboundEmail } from "@/lib/conversations/inbound";
import { AppError, databaseUnavailable } from "@/lib/platform/errors";
import { logger } from "@/lib/platform/logger";
import { requestIdFrom } from "@/lib/platform/request-id";

async function receive(request: Request): Promise<Response> {
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
    if (error instanceof AppError) return apiErrorResponse(error, headers);
    const unavailable = databaseUnavailable(error);
    if (unavailable) return apiErrorResponse(unavailable, headers);
    logger.error("inbound e-mail failed", { requestId, error });
    return apiErrorResponse(new AppError("internal", `Internal error; quote request id ${requestId}.`), headers);
  }
}

// Not an apiRoute (no API key, scope or rate limit): the operation is attached by hand for the OpenAPI document.
export const POST = Object.assign(receive, {
  operation: {
    method: "post",
    path: "/inbound-email",
    scope: null,
    summary: "Inbound e-mail webhook: a customer's e-mail threads into its conversation or opens a task; automatic mail is ignored",
    description:
      "For a mail provider's inbound webhook (or a relay in front of one), authenticated by the X-Inbound-Secret header holding INBOUND_EMAIL_SECRET — not an API key. A message answering one of ours (in_reply_to / references), or naming a task's reference (REQ-003001) in its subject from that task's customer, is added to the conversation and scored; anything else opens a task (INBOUND_EMAIL_CATEGORY). Quoted earlier messages are dropped. Auto-replies (Auto-Submitted other than no, Precedence bulk/junk/list, X-Autoreply), bounces (mailer-daemon, postmaster, empty Return-Path) and our own From address are answered 200 ignored; a message_id received before is answered 200 duplicate, so retries are safe. 503 while INBOUND_EMAIL_SECRET is not set.",
    body: inboundEmailRequest,
    response: inboundEmailResponse,
    success: [201, 200],
    errors: [],
  } satisfies Operation,
});

export const { GET, HEAD, PUT, PATCH, DELETE, OPTIONS } = otherMethods("POST");
