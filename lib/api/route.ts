// The one wrapper for /api/v1 route handlers: request id, authentication (API key or a
// signed-in session), scope check, rate limit, JSON body checks (size, content type,
// syntax, schema), Idempotency-Key on POSTs (./idempotency.ts) and one error format:
// {"error": {"code", "message", "details"}}.
// A 5xx never carries a stack trace; the request id ties it to the log line.
import type { z } from "zod";
import type { ApiScope, Role } from "@/db/schema";
import { claimOrReplay, idempotencyKeyOf, settleClaim, type IdempotentClaim } from "@/lib/api/idempotency";
import type { Operation } from "@/lib/api/openapi";
import { verifyApiKey } from "@/lib/api/keys";
import { takeToken } from "@/lib/api/rate-limit";
import { ROLE_SCOPES } from "@/lib/api/scopes";
import { requireSameOrigin } from "@/lib/auth/same-origin";
import { currentUser } from "@/lib/auth/session";
import { env } from "@/lib/platform/env";
import { AppError, databaseUnavailable, parseOrThrow, retryAfterSeconds, type ErrorDetails } from "@/lib/platform/errors";
import { logger } from "@/lib/platform/logger";
import { requestIdFrom } from "@/lib/platform/request-id";

export const MAX_BODY_BYTES = 1024 * 1024;

/**
 * Who is calling. `actorId` is the user that writes (reviews, training runs, audit
 * entries) are attributed to: the signed-in user, or the admin who created the API key.
 */
export type Caller =
  | { kind: "key"; keyId: number; name: string; scopes: readonly ApiScope[]; actorId: number | null }
  | { kind: "session"; userId: number; name: string; role: Role; scopes: readonly ApiScope[]; actorId: number };

export type ApiContext<B> = {
  request: Request;
  requestId: string;
  caller: Caller;
  body: B;
  params: Record<string, string>;
  query: Record<string, string>;
};

type Handler<S extends z.ZodType | undefined> = (ctx: ApiContext<S extends z.ZodType ? z.infer<S> : undefined>) => Promise<Response | { status?: number; data: unknown }>;

/** A route handler with the operation it serves, for the OpenAPI document (app/api/v1/operations.ts). */
export type ApiRouteHandler = ((request: Request, context?: { params?: Promise<Record<string, string>> }) => Promise<Response>) & { operation: Operation };

async function authenticate(request: Request): Promise<Caller> {
  const header = request.headers.get("authorization");
  if (header) {
    const [scheme, token] = header.split(/\s+/, 2);
    if (scheme?.toLowerCase() !== "bearer" || !token) throw new AppError("unauthorized:api_key", "Use 'Authorization: Bearer <API key>'.");
    const key = await verifyApiKey(token);
    return { kind: "key", keyId: key.id, name: key.name, scopes: key.scopes, actorId: key.authorId };
  }
  const missing = new AppError("unauthorized", "An API key (Authorization: Bearer …) or a signed-in session is required.");
  // Without a cookie there is no session to look up.
  if (!request.headers.get("cookie")) throw missing;
  const user = await currentUser();
  if (!user) throw missing;
  requireSameOrigin(request);
  return { kind: "session", userId: user.id, name: user.name, role: user.role, scopes: ROLE_SCOPES[user.role], actorId: user.id };
}

/** The body as sent (for comparing an idempotent retry) and parsed. */
export async function readJson(request: Request): Promise<{ text: string; value: unknown }> {
  const type = request.headers.get("content-type") ?? "";
  if (!/^application\/json\b/i.test(type)) throw new AppError("unsupported_media_type", "Send the body as application/json.");
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > MAX_BODY_BYTES) throw new AppError("payload_too_large", `The body is larger than ${MAX_BODY_BYTES} bytes.`);
  // Read with a running limit: a missing or false content-length cannot get past it.
  const reader = request.body?.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  while (reader) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_BODY_BYTES) {
      await reader.cancel();
      throw new AppError("payload_too_large", `The body is larger than ${MAX_BODY_BYTES} bytes.`);
    }
    chunks.push(value);
  }
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(Buffer.concat(chunks));
  } catch {
    throw new AppError("bad_request:encoding", "The body is not valid UTF-8.");
  }
  try {
    return { text, value: JSON.parse(text) };
  } catch {
    throw new AppError("bad_request:json", "The body is not valid JSON.");
  }
}

/** One field's problem in a 422: its path as the caller sends it, and its own code where it has one. */
export type FieldIssue = { path: string; message: string; code?: string };

/**
 * The API's one error body. A 422 lists each field's problem, wherever it was found (the
 * route's body schema or lib/), with snake_case paths: lib/ names fields as the code does
 * ("test.datasetIds"), the API as the caller writes them ("test.dataset_ids").
 */
export function apiErrorResponse(error: AppError, headers?: HeadersInit): Response {
  return Response.json({ error: { code: error.code, message: error.message, details: fieldIssues(error.details) } }, { status: error.status, headers });
}

function fieldIssues(details: ErrorDetails | undefined): FieldIssue[] | null {
  if (!details?.fieldErrors) return null;
  return Object.entries(details.fieldErrors).map(([path, message]) => {
    const code = details.fieldCodes?.[path];
    return { path: apiFieldPath(path), message, ...(code ? { code } : {}) };
  });
}

/** A field's path in lib/'s words ("account.externalRef", "_" for the whole input) as the API names it ("account.external_ref", ""). */
export function apiFieldPath(path: string): string {
  return path === "_" ? "" : path.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

type Method = "GET" | "HEAD" | "POST" | "PUT" | "PATCH" | "DELETE" | "OPTIONS";
type PlainHandler = (request: Request) => Promise<Response>;

/** An error answer outside apiRoute (unknown routes and methods), with the request id every answer carries. */
function refuse(request: Request, error: AppError, extra: Record<string, string> = {}): Response {
  return apiErrorResponse(error, { "x-request-id": requestIdFrom(request.headers), "cache-control": "no-store", ...extra });
}

/**
 * Handlers for the methods a route does not serve, to export beside the ones it does:
 * Next.js would otherwise answer them with an empty 405, outside the API's error shape.
 * OPTIONS answers with the methods served (Next.js's own would also list these refusals).
 */
export function otherMethods(...served: ("GET" | "POST" | "PATCH" | "DELETE")[]): Record<Method, PlainHandler> {
  const allow = [...served, ...(served.includes("GET") ? ["HEAD"] : []), "OPTIONS"].join(", ");
  const notServed: PlainHandler = async (request) =>
    refuse(request, new AppError("method_not_allowed", `${request.method} is not served here; this route answers ${served.join(" and ")}.`), { allow });
  const options: PlainHandler = async (request) =>
    new Response(null, { status: 204, headers: { allow, "x-request-id": requestIdFrom(request.headers), "cache-control": "no-store" } });
  return { GET: notServed, HEAD: notServed, POST: notServed, PUT: notServed, PATCH: notServed, DELETE: notServed, OPTIONS: options };
}

/** Every method of a path no route serves: a JSON 404 rather than the app's HTML not-found page. */
export const unknownRoute: PlainHandler = async (request) =>
  refuse(request, new AppError("not_found:route", `No API route at ${new URL(request.url).pathname}; the routes are listed in /api/v1/openapi.json.`));

/** Settles an idempotency claim; a failure to do so is logged, never turned into the request's answer. */
async function settle(claim: IdempotentClaim, status: number, response: string | null, requestId: string): Promise<void> {
  try {
    await settleClaim(claim, status, response);
  } catch (error) {
    // The key stays claimed: retries are told it is in progress, and nothing is written twice.
    logger.warn("idempotency key not settled", { requestId, error });
  }
}

/** Whose idempotency keys a request uses: keys are per API key, or per signed-in user. */
function callerKey(caller: Caller): string {
  return caller.kind === "key" ? `key:${caller.keyId}` : `user:${caller.userId}`;
}

/** The handler of one operation: its scope and body schema are the ones the OpenAPI document shows. */
export function apiRoute<S extends z.ZodType | undefined = undefined>(operation: Operation<S> & { scope: ApiScope }, handler: Handler<S>): ApiRouteHandler {
  const route = async (request: Request, context: { params?: Promise<Record<string, string>> } = {}): Promise<Response> => {
    const requestId = requestIdFrom(request.headers);
    const headers = new Headers({ "x-request-id": requestId, "cache-control": "no-store" });
    let claim: IdempotentClaim | null = null;
    try {
      const caller = await authenticate(request);
      if (!caller.scopes.includes(operation.scope)) throw new AppError(`forbidden:${operation.scope}`, `This needs the "${operation.scope}" scope.`);
      const config = env();
      const wait = await takeToken(caller.kind === "key" ? `key:${caller.keyId}` : `user:${caller.userId}`, {
        perMinute: config.API_RATE_LIMIT_PER_MINUTE,
        burst: config.API_RATE_LIMIT_BURST,
      });
      if (wait > 0) {
        headers.set("retry-after", String(wait));
        throw new AppError("rate_limited", `Too many requests; retry in ${wait} s.`);
      }
      // Checked before the body is read: a malformed key is refused whatever the body.
      const idempotencyKey = request.method === "POST" ? idempotencyKeyOf(request) : null;
      let body: unknown = undefined;
      let raw = "";
      if (operation.body) {
        const read = await readJson(request);
        raw = read.text;
        body = parseOrThrow(operation.body, read.value, "validation", "The request body is not valid.");
      }
      const params = (await context.params) ?? {};
      const query = Object.fromEntries(new URL(request.url).searchParams);
      if (idempotencyKey) {
        const outcome = await claimOrReplay({ request, caller: callerKey(caller), key: idempotencyKey, body: raw });
        if ("replay" in outcome) {
          headers.set("idempotent-replayed", "true");
          headers.set("content-type", "application/json");
          return new Response(outcome.replay.response, { status: outcome.replay.status, headers });
        }
        claim = outcome.claim;
      }
      const result = await handler({ request, requestId, caller, body: body as never, params, query });
      // Answered: from here on the claim is settled with this answer, never released by the catch below.
      const answered = claim;
      claim = null;
      if (result instanceof Response) {
        if (answered) await settle(answered, result.status, null, requestId);
        headers.forEach((v, k) => result.headers.set(k, v));
        return result;
      }
      const status = result.status ?? 200;
      const text = JSON.stringify(result.data);
      if (answered) await settle(answered, status, text, requestId);
      headers.set("content-type", "application/json");
      return new Response(text, { status, headers });
    } catch (error) {
      const unavailable = databaseUnavailable(error);
      // A refused or failed request keeps no answer, so a retry with its key runs afresh;
      // except after a database timeout, when the write may have been applied: the key
      // stays claimed (a retry is told so) rather than risk a second write.
      if (claim && unavailable?.code !== "unavailable:database_timeout") await settle(claim, 500, null, requestId);
      if (error instanceof AppError) return apiErrorResponse(error, headers);
      if (unavailable) {
        logger.warn("api request refused: database unavailable", { requestId, path: new URL(request.url).pathname, code: unavailable.code });
        headers.set("retry-after", String(retryAfterSeconds(unavailable)));
        return apiErrorResponse(unavailable, headers);
      }
      logger.error("api request failed", { requestId, path: new URL(request.url).pathname, error });
      return apiErrorResponse(new AppError("internal", `Internal error; quote request id ${requestId}.`), headers);
    }
  };
  return Object.assign(route, { operation: operation as Operation });
}
