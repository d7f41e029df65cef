// What every start-up does before serving: migrate the database, create the first
// users when there are none, make sure an auth secret exists.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { dbReady } from "@/db/client";
import { ConfigError, readDatabaseConfig } from "@/db/config";
import { migrateDatabase } from "@/db/migrate";
import type { Env } from "@/lib/env";
import { bootstrapUsers, type BootstrapCredential } from "@/lib/users";

export async function migrate(): Promise<void> {
  try {
    await migrateDatabase(await dbReady());
  } catch (error) {
    // The first thing every start-up does: say plainly which database could not be used.
    const { url } = readDatabaseConfig();
    const shown = url.replace(/\/\/[^@/]*@/, "//***@");
    const cause = rootCause(error);
    throw new ConfigError(`Cannot use the database at ${shown} (DATABASE_URL): ${cause}`);
  }
}

function rootCause(error: unknown): string {
  let e: unknown = error;
  while (e instanceof Error && e.cause) e = e.cause;
  const code = (e as { code?: string })?.code;
  const message = e instanceof Error ? e.message.split("\n")[0] : String(e);
  return code && !message.includes(code) ? `${message} (${code})` : message;
}

/**
 * next-auth signs sessions with AUTH_SECRET. Without one configured, a random secret
 * is generated once and kept in data/ (git-ignored, owner-only) so sessions survive
 * restarts and a fresh clone needs no manual .env step.
 */
export function ensureAuthSecret(config: Env, dataDir = path.join(process.cwd(), "data")): string {
  if (config.AUTH_SECRET) return config.AUTH_SECRET;
  const file = path.join(dataDir, ".auth-secret");
  if (fs.existsSync(file)) return fs.readFileSync(file, "utf8").trim();
  fs.mkdirSync(dataDir, { recursive: true });
  const secret = crypto.randomBytes(48).toString("base64url");
  fs.writeFileSync(file, secret + "\n", { mode: 0o600 });
  return secret;
}

export async function createFirstUsers(config: Env): Promise<BootstrapCredential[]> {
  return bootstrapUsers({ adminEmail: config.ADMIN_EMAIL, adminPassword: config.ADMIN_PASSWORD });
}

/** Printed once, when the users are created; never logged again. */
export function formatCredentials(credentials: BootstrapCredential[]): string {
  const lines = credentials.map((c) => `  ${c.role.padEnd(11)} ${c.email.padEnd(28)} ${c.password}`);
  return [
    "",
    "Demo sign-ins (shown only this once — note them down):",
    ...lines,
    "",
  ].join("\n");
}

/**
 * Everything before serving: secret, migrations, first users (printed once), and demo
 * data plus a first model when the database has no tasks yet. Returns the secret.
 */
export async function prepareForServing(config: Env, out: NodeJS.WriteStream = process.stdout): Promise<string> {
  const secret = ensureAuthSecret(config);
  await migrate();
  const credentials = await createFirstUsers(config);
  if (credentials.length) out.write(formatCredentials(credentials) + "\n");
  const { countTasks } = await import("@/db/queries/tasks");
  if ((await countTasks()) === 0) {
    const { seedDemo } = await import("@/lib/seed");
    await seedDemo({ tasks: config.SEED_TASKS });
  }
  return secret;
}
