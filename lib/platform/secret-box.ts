// Secrets the app must read back (webhook signing secrets: the HMAC needs them) are stored
// encrypted with AES-256-GCM under a key derived from the server secret (HKDF-SHA256), so
// a copy of the database alone (a backup, a stolen file) does not reveal them. Stored as
// "enc:v1:<iv>:<ciphertext+tag>" (base64url). A value without the prefix is a secret stored
// in plain text before encryption came in: still read, and sealed at the next start.
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";
import { serverSecret } from "@/lib/platform/auth-secret";

const PREFIX = "enc:v1:";
const SALT = "customer-sentiment-analyzer secrets at rest";

export class SecretUnreadableError extends Error {
  constructor(what: string) {
    super(`The stored ${what} cannot be decrypted with this server's secret (was AUTH_SECRET or data/.auth-secret changed?). Create it again.`);
    this.name = "SecretUnreadableError";
  }
}

const keys = new Map<string, Buffer>();

/** One key per purpose, so a value sealed for one use cannot be opened as another. */
function keyFor(purpose: string, secret: string): Buffer {
  const id = `${purpose}\0${secret}`;
  let key = keys.get(id);
  if (!key) {
    key = Buffer.from(hkdfSync("sha256", secret, SALT, purpose, 32));
    keys.set(id, key);
  }
  return key;
}

export function isSealed(stored: string): boolean {
  return stored.startsWith(PREFIX);
}

export function sealSecret(plain: string, purpose: string, secret = serverSecret()): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", keyFor(purpose, secret), iv);
  const sealed = Buffer.concat([cipher.update(plain, "utf8"), cipher.final(), cipher.getAuthTag()]);
  return `${PREFIX}${iv.toString("base64url")}:${sealed.toString("base64url")}`;
}

export function openSecret(stored: string, purpose: string, secret = serverSecret()): string {
  if (!isSealed(stored)) return stored;
  const [iv, sealed] = stored.slice(PREFIX.length).split(":");
  try {
    const data = Buffer.from(sealed, "base64url");
    const decipher = createDecipheriv("aes-256-gcm", keyFor(purpose, secret), Buffer.from(iv, "base64url"));
    decipher.setAuthTag(data.subarray(data.length - 16));
    return Buffer.concat([decipher.update(data.subarray(0, data.length - 16)), decipher.final()]).toString("utf8");
  } catch {
    throw new SecretUnreadableError(purpose);
  }
}
