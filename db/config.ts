// Where the database is: validated once, shared by the app, the scripts and drizzle-kit.
import path from "node:path";
import { z } from "zod";

export const DEFAULT_DATABASE_URL = "file:data/app.db";
export const DEFAULT_DATABASE_TIMEOUT_MS = 20_000;

const databaseUrl = z
  .string()
  .trim()
  .min(1)
  .refine((v) => /^(file:|libsql:\/\/|https?:\/\/|wss?:\/\/|:memory:$)/.test(v), {
    message: "must start with file:, libsql://, http://, https://, ws:// or wss:// (or be :memory:)",
  });

export const databaseEnvSchema = z.object({
  DATABASE_URL: databaseUrl.default(DEFAULT_DATABASE_URL),
  DATABASE_AUTH_TOKEN: z.string().min(1).optional(),
  // How long one call to a libSQL server may take before it fails (not used for file:).
  DATABASE_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(DEFAULT_DATABASE_TIMEOUT_MS),
});

export type DatabaseConfig = { url: string; authToken?: string; timeoutMs?: number };

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ConfigError";
  }
}

/** Turns zod issues into one line per setting, naming the variable and its problem. */
export function describeEnvIssues(error: z.ZodError): string {
  return error.issues.map((i) => `${i.path.join(".") || "environment"}: ${i.message}`).join("; ");
}

export function readDatabaseConfig(env: Record<string, string | undefined> = process.env): DatabaseConfig {
  const parsed = databaseEnvSchema.safeParse({
    DATABASE_URL: env.DATABASE_URL || undefined,
    DATABASE_AUTH_TOKEN: env.DATABASE_AUTH_TOKEN || undefined,
    DATABASE_TIMEOUT_MS: env.DATABASE_TIMEOUT_MS || undefined,
  });
  if (!parsed.success) throw new ConfigError(`Invalid database setting: ${describeEnvIssues(parsed.error)}`);
  return { url: parsed.data.DATABASE_URL, authToken: parsed.data.DATABASE_AUTH_TOKEN, timeoutMs: parsed.data.DATABASE_TIMEOUT_MS };
}

/** The file path of an embedded database, or null for a server URL. */
export function embeddedDatabasePath(url: string): string | null {
  if (!url.startsWith("file:")) return null;
  return path.resolve(url.slice("file:".length));
}
