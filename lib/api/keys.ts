// API keys for internal systems. A key reads `csa_<prefix>_<secret>`: the prefix finds
// the row, the secret is checked against its SHA-256 hash. (A slow hash is for
// passwords people choose; a 32-byte random secret cannot be guessed, and checking it
// on every request must be cheap.) The full key is shown once, when it is created.
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import { z } from "zod";
import { insertAuditEntry } from "@/db/queries/audit";
import { findApiKeyWithOwner, insertApiKey, listApiKeys, revokeApiKey, touchApiKey } from "@/db/queries/api-keys";
import { API_SCOPES, type ApiKey, type ApiScope } from "@/db/schema";
import { AppError, parseOrThrow } from "@/lib/platform/errors";
import { logger } from "@/lib/platform/logger";

const KEY_PATTERN = /^csa_([a-z0-9]{10})_([A-Za-z0-9_-]{43})$/;
const TOUCH_EVERY_MS = 60_000;
/**
 * How long a verified key is trusted without reading the database again. Checking a key
 * costs a database read, more than scoring a text; an integration calling many times a
 * second would pay it on every call. A revocation or an owner's demotion made in this
 * process clears the cache at once; one made by another instance takes effect here
 * within this time (the same order as a promotion, lib/sentiment/active-model.ts).
 */
export const VERIFIED_KEY_TTL_MS = 2000;

const sha256 = (s: string) => createHash("sha256").update(s).digest();

export const newApiKeySchema = z.object({
  name: z.string().trim().min(1, "Name the key after the system that uses it.").max(80),
  scopes: z.array(z.enum(API_SCOPES)).min(1, "Choose at least one scope."),
});

export async function createApiKey(input: unknown, actorId: number): Promise<{ key: ApiKey; secret: string }> {
  const { name, scopes } = parseOrThrow(newApiKeySchema, input, "validation:api_key", "The API key is not valid.");
  const prefix = randomBytes(8).toString("hex").slice(0, 10);
  const secret = randomBytes(32).toString("base64url");
  const key = await insertApiKey({ name, prefix, hash: sha256(secret).toString("hex"), scopes, authorId: actorId });
  await insertAuditEntry({ actorId, action: "api_key.create", target: `api_key:${key.id}`, details: { name: key.name, scopes: key.scopes, prefix } });
  return { key, secret: `csa_${prefix}_${secret}` };
}

export async function revokeKey(id: number, actorId: number): Promise<void> {
  if (!(await revokeApiKey({ id }))) throw new AppError("not_found:api_key", `API key ${id} does not exist.`);
  forgetVerifiedApiKeys();
  await insertAuditEntry({ actorId, action: "api_key.revoke", target: `api_key:${id}` });
}

export { listApiKeys };

type VerifiedKey = { id: number; name: string; scopes: ApiScope[]; authorId: number | null };

// Keyed by the SHA-256 of the whole token, so a cache hit still proves the caller holds
// the secret. Only successes are kept: a wrong key always reaches the database. On
// globalThis because Next.js may load this module once per route bundle, and a revocation
// made from the Users page must clear the cache the API routes read.
const verified = ((globalThis as { __csaVerifiedKeys?: Map<string, { key: VerifiedKey; until: number }> }).__csaVerifiedKeys ??= new Map());
const MAX_CACHED_KEYS = 1000;

/** Drops every cached verification (a key was revoked, or a user's role or state changed). */
export function forgetVerifiedApiKeys(): void {
  verified.clear();
}

/** The key behind an Authorization header value, or an AppError 401. */
export async function verifyApiKey(token: string, now = Date.now()): Promise<VerifiedKey> {
  const tokenHash = createHash("sha256").update(token).digest("base64");
  const cached = verified.get(tokenHash);
  if (cached && cached.until > now) return cached.key;

  const match = KEY_PATTERN.exec(token);
  if (!match) throw new AppError("unauthorized:api_key", "The API key is malformed.");
  const key = await findApiKeyWithOwner({ prefix: match[1] });
  const expected = key ? Buffer.from(key.hash, "hex") : sha256("no such key");
  const ok = timingSafeEqual(sha256(match[2]), expected) && !!key;
  if (!ok || !key) throw new AppError("unauthorized:api_key", "The API key is not valid.");
  if (key.revokedAt) throw new AppError("unauthorized:api_key", "The API key has been revoked.");
  // A key acts for the admin who issued it: it stops working when they are deactivated or demoted.
  if (!key.ownerActive || key.ownerRole !== "admin") throw new AppError("unauthorized:api_key", "The admin who issued this API key no longer has access.");
  if (!key.lastUsedAt || now - key.lastUsedAt.getTime() > TOUCH_EVERY_MS) {
    // Recorded at most once a minute per key, so a busy integration does not write on every
    // call; and in the background, so no request waits for this bookkeeping write (another
    // process may hold the write lock for seconds) or fails on it.
    void touchApiKey({ id: key.id, at: new Date(now) }).catch((error: unknown) =>
      logger.warn("API key: last-used time not recorded", { keyId: key.id, reason: (error as Error).message }),
    );
  }
  const result = { id: key.id, name: key.name, scopes: key.scopes, authorId: key.authorId };
  if (verified.size >= MAX_CACHED_KEYS) verified.clear();
  verified.set(tokenHash, { key: result, until: now + VERIFIED_KEY_TTL_MS });
  return result;
}
