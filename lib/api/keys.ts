// API keys for internal systems. A key reads `csa_<prefix>_<secret>`: the prefix finds
// the row, the secret is checked against its SHA-256 hash. (A slow hash is for
// passwords people choose; a 32-byte random secret cannot be guessed, and checking it
// on every request must be cheap.) The full key is shown once, when it is created.
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import { z } from "zod";
import { insertAuditEntry } from "@/db/queries/audit";
import { findApiKeyByPrefix, insertApiKey, listApiKeys, revokeApiKey, touchApiKey } from "@/db/queries/api-keys";
import { findUserById } from "@/db/queries/users";
import { API_SCOPES, type ApiKey, type ApiScope } from "@/db/schema";
import { AppError, fieldErrors } from "@/lib/errors";

const KEY_PATTERN = /^csa_([a-z0-9]{10})_([A-Za-z0-9_-]{43})$/;
const TOUCH_EVERY_MS = 60_000;

const sha256 = (s: string) => createHash("sha256").update(s).digest();

export const newApiKeySchema = z.object({
  name: z.string().trim().min(1, "Name the key after the system that uses it.").max(80),
  scopes: z.array(z.enum(API_SCOPES)).min(1, "Choose at least one scope."),
});

export async function createApiKey(input: unknown, actorId: number): Promise<{ key: ApiKey; secret: string }> {
  const parsed = newApiKeySchema.safeParse(input);
  if (!parsed.success) throw new AppError("validation:api_key", "The API key is not valid.", { fieldErrors: fieldErrors(parsed.error.issues) });
  const prefix = randomBytes(8).toString("hex").slice(0, 10);
  const secret = randomBytes(32).toString("base64url");
  const key = await insertApiKey({ name: parsed.data.name, prefix, hash: sha256(secret).toString("hex"), scopes: parsed.data.scopes, authorId: actorId });
  await insertAuditEntry({ actorId, action: "api_key.create", target: `api_key:${key.id}`, details: { name: key.name, scopes: key.scopes, prefix } });
  return { key, secret: `csa_${prefix}_${secret}` };
}

export async function revokeKey(id: number, actorId: number): Promise<void> {
  if (!(await revokeApiKey({ id }))) throw new AppError("not_found:api_key", `API key ${id} does not exist.`);
  await insertAuditEntry({ actorId, action: "api_key.revoke", target: `api_key:${id}` });
}

export { listApiKeys };

/** The key behind an Authorization header value, or an AppError 401. */
export async function verifyApiKey(token: string): Promise<{ id: number; name: string; scopes: ApiScope[]; authorId: number | null }> {
  const match = KEY_PATTERN.exec(token);
  if (!match) throw new AppError("unauthorized:api_key", "The API key is malformed.");
  const key = await findApiKeyByPrefix({ prefix: match[1] });
  const expected = key ? Buffer.from(key.hash, "hex") : sha256("no such key");
  const ok = timingSafeEqual(sha256(match[2]), expected) && !!key;
  if (!ok || !key) throw new AppError("unauthorized:api_key", "The API key is not valid.");
  if (key.revokedAt) throw new AppError("unauthorized:api_key", "The API key has been revoked.");
  // A key acts for the admin who issued it: it stops working when they are deactivated or demoted.
  const owner = key.authorId !== null ? await findUserById({ id: key.authorId }) : undefined;
  if (!owner || !owner.active || owner.role !== "admin") throw new AppError("unauthorized:api_key", "The admin who issued this API key no longer has access.");
  if (!key.lastUsedAt || Date.now() - key.lastUsedAt.getTime() > TOUCH_EVERY_MS) {
    // Recorded at most once a minute per key, so a busy integration does not write on every call.
    await touchApiKey({ id: key.id, at: new Date() });
  }
  return { id: key.id, name: key.name, scopes: key.scopes, authorId: key.authorId };
}
