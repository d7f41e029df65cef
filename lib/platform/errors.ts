// One error type for every rule the application enforces. Codes read as
// "<kind>:<subject>" (e.g. "forbidden:review"); the kind decides the HTTP status.
import type { z } from "zod";
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

/** What is wrong with each field of an input, keyed by its dotted path as lib/ names it ("test.datasetIds"; "_" for the input as a whole). */
export type FieldErrors = Record<string, string>;

/** A row of an uploaded file that cannot be read. */
export type RowProblem = { line: number; reason: string };

/** What an error carries besides its message. Forms show fieldErrors beside their fields; the API answers them as a list (lib/api/route.ts). */
export type ErrorDetails = {
  fieldErrors?: FieldErrors;
  /** A field's own error code, where each field of a batch failed for its own reason (POST /predictions' inputs). */
  fieldCodes?: Record<string, ErrorCode>;
  problems?: RowProblem[];
};

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details?: ErrorDetails;

  constructor(code: ErrorCode, message: string, details?: ErrorDetails) {
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

/** How long a client waits before retrying a database that could not serve it: a busy one frees in a moment, a slow one takes longer. */
export function retryAfterSeconds(unavailable: AppError): number {
  return unavailable.code === "unavailable:database_busy" ? 1 : 5;
}

/** Field errors from zod issues, keyed by dotted path: the first problem of each field. */
export function fieldErrors(issues: readonly { path: readonly PropertyKey[]; message: string }[]): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of issues) {
    const key = issue.path.map(String).join(".") || "_";
    out[key] ??= issue.message;
  }
  return out;
}

/**
 * The one way lib/ checks an input: the parsed value, or a 422 AppError with `code` and
 * each field's problem. The message is the first problem unless one is given (or made
 * from the field errors).
 */
export function parseOrThrow<S extends z.ZodType>(schema: S, input: unknown, code: ErrorCode, message?: string | ((errors: FieldErrors) => string)): z.output<S> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  throw invalid(code, parsed.error.issues, message);
}

/** A validation error from a list of problems (zod's, or ones found after parsing, such as an unknown user). */
export function invalid(code: ErrorCode, issues: readonly { path: readonly PropertyKey[]; message: string }[], message?: string | ((errors: FieldErrors) => string)): AppError {
  const errors = fieldErrors(issues);
  const text = typeof message === "function" ? message(errors) : (message ?? issues[0]?.message ?? "The input is not valid.");
  return new AppError(code, text, { fieldErrors: errors });
}
