// One error type for every rule the application enforces. Codes read as
// "<kind>:<subject>" (e.g. "forbidden:review"); the kind decides the HTTP status.
import { DATABASE_TIMEOUT, isSqliteBusy } from "@/db/errors";

const STATUS_BY_KIND = {
  bad_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  method_not_allowed: 405,
  request_timeout: 408,
  conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  headers_too_large: 431,
  validation: 422,
  rate_limited: 429,
  unavailable: 503,
  internal: 500,
} as const;

export type ErrorKind = keyof typeof STATUS_BY_KIND;
export type ErrorCode = ErrorKind | `${ErrorKind}:${string}`;

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details?: unknown;

  constructor(code: ErrorCode, message: string, details?: unknown) {
    super(message);
    this.name = "AppError";
    this.code = code;
    this.details = details;
  }

  get kind(): ErrorKind {
    return this.code.split(":")[0] as ErrorKind;
  }

  get status(): number {
    return STATUS_BY_KIND[this.kind] ?? 500;
  }

  toJSON() {
    return { error: { code: this.code, message: this.message, details: this.details ?? null } };
  }

  toResponse(headers?: HeadersInit): Response {
    return Response.json(this.toJSON(), { status: this.status, headers });
  }
}

export function isAppError(value: unknown): value is AppError {
  return value instanceof AppError;
}

/** An error and its causes, as far as they go (Drizzle wraps the driver's error, which wraps the HTTP one). */
function errorChain(error: unknown): { code: unknown; name: string; status: unknown; message: string }[] {
  const out = [];
  for (let e = error, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth++) {
    out.push({ code: (e as { code?: unknown }).code, name: e.name, status: (e as { status?: unknown }).status, message: e.message });
  }
  return out;
}

/**
 * A call that lost the race for the database: SQLite's busy timeout ran out (a long
 * import holds the lock), or a libSQL server refused it under contention (SQLITE_BUSY, or
 * HTTP 429 when all its connections stayed taken). Nothing was written and the same
 * request will succeed a moment later, so it is a 503 with Retry-After, not an internal
 * error.
 */
function isDatabaseBusy(error: unknown): boolean {
  return errorChain(error).some(
    ({ code, name, status, message }) =>
      isSqliteBusy({ code }) || code === "SQLITE_LOCKED" || (name === "HttpServerError" && status === 429) || /\bdatabase is locked\b/i.test(message),
  );
}

/**
 * The answer to a request that failed because the database could not serve it now (busy,
 * or a libSQL server that did not answer in time: db/client.ts), or null for any other
 * failure. Both are 503s the client retries; a timed-out write may still have been
 * applied, which the API's idempotency keys (external_id) make safe to retry.
 */
export function databaseUnavailable(error: unknown): AppError | null {
  if (isDatabaseBusy(error)) return new AppError("unavailable:database_busy", "The database is busy; nothing was written. Retry in a second.");
  if (errorChain(error).some(({ code }) => code === DATABASE_TIMEOUT)) {
    return new AppError("unavailable:database_timeout", "The database did not answer in time. Retry in a few seconds; a task sent with an external_id is stored only once.");
  }
  return null;
}

/** Field errors from a zod error, keyed by dotted path, for forms and 422 bodies. */
export function fieldErrors(issues: { path: PropertyKey[]; message: string }[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of issues) {
    const key = issue.path.map(String).join(".") || "_";
    out[key] ??= issue.message;
  }
  return out;
}
