// The server's secret: next-auth signs sessions with it, and the keys that encrypt secrets
// stored in the database are derived from it (lib/platform/secret-box.ts). AUTH_SECRET when set;
// otherwise one generated once and kept in data/ (owner-only), so a fresh clone needs no
// manual .env step and sessions and stored secrets survive restarts.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { env, type Env } from "@/lib/platform/env";

const DEFAULT_DATA_DIR = () => path.join(process.cwd(), "data");

export function ensureAuthSecret(config: Pick<Env, "AUTH_SECRET">, dataDir = DEFAULT_DATA_DIR()): string {
  if (config.AUTH_SECRET) return config.AUTH_SECRET;
  const file = path.join(dataDir, ".auth-secret");
  if (fs.existsSync(file)) return fs.readFileSync(file, "utf8").trim();
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const secret = crypto.randomBytes(48).toString("base64url");
  // "wx": two processes starting at once must not each write their own.
  try {
    fs.writeFileSync(file, secret + "\n", { mode: 0o600, flag: "wx" });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    return fs.readFileSync(file, "utf8").trim();
  }
  return secret;
}

/** This process's server secret. */
export function serverSecret(): string {
  return ensureAuthSecret(env());
}
