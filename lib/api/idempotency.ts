// Idempotency-Key on API POSTs: a client that did not get an answer (a timeout, a reset
// connection) may send the same request again with the same key and get the first answer
// instead of a second write. The first request with a key claims it (in the database, so
// every web process sees it); its 2xx answer is stored for KEY_TTL_MS and replayed to a
// retry with the same method, path and body. The same key with a different request is
// refused (422), and a retry while the first is still being answered gets 409. A request
// that was refused or failed (4xx, 5xx) keeps nothing, so it may be retried with its key.
// Keys are per caller (API key or user): two callers cannot see each other's answers.
import { createHash } from "node:crypto";
import { claimIdempotencyKey, releaseIdempotencyKey, storeIdempotentAnswer } from "@/db/queries/idempotency-keys";
import { AppError } from "@/lib/platform/errors";

const IDEMPOTENCY_HEADER = "idempotency-key";
const KEY_TTL_MS = 24 * 60 * 60 * 1000;
const KEY_PATTERN = /^[\x21-\x7e]{1,255}$/;

/** The request's key, or null without one; a malformed key is refused. */
export function idempotencyKeyOf(request: Request): string | null {
  const key = request.headers.get(IDEMPOTENCY_HEADER);
  if (key === null) return null;
  if (!KEY_PATTERN.test(key)) {
    throw new AppError("bad_request:idempotency_key", "The Idempotency-Key header must be 1 to 255 visible ASCII characters (a UUID is a good choice).");
  }
  return key;
}

export type IdempotentClaim = { caller: string; key: string };

/** What a request is, for comparing a retry with the first: method, path with query, body. */
function requestHash(request: Request, body: string): string {
  const url = new URL(request.url);
  return createHash("sha256").update(`${request.method} ${url.pathname}${url.search}\n${body}`).digest("hex");
}

/**
 * Claims the key for this request, or answers for it: the stored answer of the first
 * request (a replay), or a refusal. Returns the claim to settle once the request is answered.
 */
export async function claimOrReplay(
  { request, caller, key, body, now = new Date() }: { request: Request; caller: string; key: string; body: string; now?: Date },
): Promise<{ claim: IdempotentClaim } | { replay: { status: number; response: string } }> {
  const hash = requestHash(request, body);
  const held = await claimIdempotencyKey({ caller, key, requestHash: hash, now, expiresAt: new Date(now.getTime() + KEY_TTL_MS) });
  if (!held) return { claim: { caller, key } };
  if (held.requestHash !== hash) {
    throw new AppError(
      "validation:idempotency_key_reused",
      "This Idempotency-Key was used for a different request (another method, path or body) in the last 24 hours. Use a new key for a new request.",
    );
  }
  if (held.status === null || held.response === null) {
    throw new AppError(
      "conflict:idempotency_key_in_progress",
      "A request with this Idempotency-Key is still being answered (or was interrupted). Retry in a moment; if it keeps failing, check whether it took effect before sending it with a new key.",
    );
  }
  return { replay: { status: held.status, response: held.response } };
}

/** Keeps a 2xx answer for replay; gives the key back otherwise. */
export async function settleClaim(claim: IdempotentClaim, status: number, response: string | null): Promise<void> {
  if (status >= 200 && status < 300 && response !== null) await storeIdempotentAnswer({ ...claim, status, response });
  else await releaseIdempotencyKey(claim);
}
