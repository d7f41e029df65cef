// The environment, validated once. A wrong value stops start-up with a message that
// names the variable; optional services (the emotion server) are simply absent.
import { z } from "zod";
import { ConfigError, databaseEnvSchema, describeEnvIssues } from "@/db/config";

const optionalString = z.string().trim().min(1).optional();

export const envSchema = databaseEnvSchema.extend({
  AUTH_SECRET: z.string().min(32, "must be at least 32 characters (npm start generates one in data/)").optional(),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  HOST: z.string().trim().min(1).default("127.0.0.1"),
  ADMIN_EMAIL: z.string().trim().toLowerCase().pipe(z.email()).optional(),
  ADMIN_PASSWORD: z.string().min(12, "must be at least 12 characters").optional(),
  EMOTION_INFERENCE_URL: z.url({ protocol: /^https?$/, message: "must be an http(s) URL" }).optional(),
  EMOTION_INFERENCE_TOKEN: optionalString,
  EMOTION_MODEL_DIR: optionalString,
  EMOTION_TIMEOUT_MS: z.coerce.number().int().min(50).max(60_000).default(2000),
  LOG_LEVEL: z.enum(["debug", "info", "warn", "error"]).default("info"),
  SEED_TASKS: z.coerce.number().int().min(0).max(10_000_000).default(3000),
  API_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).max(10_000_000).default(6000),
  API_RATE_LIMIT_BURST: z.coerce.number().int().min(1).max(1_000_000).default(300),
});

export type Env = z.infer<typeof envSchema>;

/** Parses an environment; empty strings count as unset so `FOO=` does not mean "". */
export function parseEnv(source: Record<string, string | undefined> = process.env): Env {
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ""));
  const parsed = envSchema.safeParse(cleaned);
  if (!parsed.success) throw new ConfigError(`Invalid configuration: ${describeEnvIssues(parsed.error)}`);
  return parsed.data;
}

let cached: Env | undefined;

export function env(): Env {
  cached ??= parseEnv();
  return cached;
}

/** Forgets the parsed environment (tests that change a setting). */
export function resetEnvCache(): void {
  cached = undefined;
}
