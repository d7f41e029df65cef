// The environment, validated once. A wrong value stops start-up with a message that
// names the variable; optional services (the emotion server) are simply absent.
import { z } from "zod";
import { ConfigError, databaseEnvSchema, describeEnvIssues } from "@/db/config";
import { PASSWORD_MIN_LENGTH } from "@/lib/auth/password";
import { parseRoleMap } from "@/lib/auth/role-mapping";

const optionalString = z.string().trim().min(1).optional();
const httpsOrLoopbackUrl = z.url({ protocol: /^https?$/, message: "must be an http(s) URL" }).refine(
  (v) => v.startsWith("https://") || /^http:\/\/(127\.0\.0\.1|localhost|\[::1\])(:|\/|$)/.test(v),
  "must be an https URL (http only on loopback, for tests)",
);
const onOff = z.enum(["true", "false", "1", "0", "on", "off"], "must be true or false").transform((v) => ["true", "1", "on"].includes(v));

export const envSchema = databaseEnvSchema.extend({
  AUTH_SECRET: z.string().min(32, "must be at least 32 characters (npm start generates one in data/)").optional(),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  HOST: z.string().trim().min(1).default("127.0.0.1"),
  ADMIN_EMAIL: z.string().trim().toLowerCase().pipe(z.email()).optional(),
  ADMIN_PASSWORD: z.string().min(PASSWORD_MIN_LENGTH, `must be at least ${PASSWORD_MIN_LENGTH} characters`).optional(),
  EMOTION_INFERENCE_URL: z.url({ protocol: /^https?$/, message: "must be an http(s) URL" }).optional(),
  EMOTION_INFERENCE_TOKEN: optionalString,
  EMOTION_MODEL_DIR: optionalString,
  EMOTION_TIMEOUT_MS: z.coerce.number().int().min(50).max(60_000).default(2000),
  LOG_LEVEL: z.enum(["debug", "info", "warn", "error"]).default("info"),
  SEED_TASKS: z.coerce.number().int().min(0).max(10_000_000).default(3000),
  API_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).max(10_000_000).default(6000),
  API_RATE_LIMIT_BURST: z.coerce.number().int().min(1).max(1_000_000).default(300),
  // Behind a reverse proxy that appends the client's address to X-Forwarded-For (lib/platform/client-address.ts).
  TRUST_PROXY: onOff.default(false),
  // Webhooks post only to public addresses unless the operator allows internal ones (lib/admin/webhook-target.ts).
  WEBHOOK_ALLOW_PRIVATE_TARGETS: onOff.default(false),
  FEEDBACK_LIMIT_PER_ADDRESS_PER_HOUR: z.coerce.number().int().min(1).max(1_000_000).default(30),
  // Sign-in methods (README "Single sign-on").
  AUTH_PASSWORD_LOGIN: onOff.default(true),
  AUTH_OIDC_ISSUER: httpsOrLoopbackUrl.optional(),
  AUTH_OIDC_CLIENT_ID: optionalString,
  AUTH_OIDC_CLIENT_SECRET: optionalString,
  AUTH_OIDC_NAME: z.string().trim().min(1).max(60).default("Single sign-on"),
  AUTH_OIDC_SCOPE: z.string().trim().min(1).default("openid profile email"),
  AUTH_GOOGLE_ID: optionalString,
  AUTH_GOOGLE_SECRET: optionalString,
  AUTH_GOOGLE_HOSTED_DOMAIN: z.string().trim().toLowerCase().min(1).optional(),
  AUTH_MICROSOFT_ENTRA_ID_ID: optionalString,
  AUTH_MICROSOFT_ENTRA_ID_SECRET: optionalString,
  AUTH_MICROSOFT_ENTRA_ID_ISSUER: httpsOrLoopbackUrl
    .refine((v) => !/\/(common|organizations|consumers)\//.test(v), "must name your tenant (https://login.microsoftonline.com/<tenant id>/v2.0), not common, organizations or consumers")
    .optional(),
  AUTH_SSO_UNKNOWN_USERS: z.enum(["refuse", "pending"], "must be refuse or pending").default("refuse"),
  AUTH_SSO_ROLE_CLAIM: optionalString,
  AUTH_SSO_ROLE_MAP: optionalString,
  // Outgoing e-mail (README "E-mail"); without SMTP_HOST notifications stay in the app.
  SMTP_HOST: optionalString,
  SMTP_PORT: z.coerce.number().int().min(1).max(65535).optional(),
  SMTP_USER: optionalString,
  SMTP_PASSWORD: optionalString,
  SMTP_FROM: optionalString,
  SMTP_TLS: z.enum(["tls", "starttls", "none"], "must be tls, starttls or none").default("starttls"),
  // Customers' e-mail replies (README "Conversations"): the inbound webhook's own secret, sent by the
  // mail provider in the X-Inbound-Secret header; without it POST /api/v1/inbound-email answers 503.
  INBOUND_EMAIL_SECRET: z.string().min(24, "must be at least 24 characters").optional(),
  // The category of a task opened by an e-mail that answers no conversation (default: the first by name).
  INBOUND_EMAIL_CATEGORY: optionalString,
  // The address customers reach the app at, for links in e-mail (default AUTH_URL, else localhost).
  APP_PUBLIC_URL: z.url({ protocol: /^https?$/, message: "must be an http(s) URL" }).optional(),
  // How long a closed task's satisfaction link stays valid, in days.
  SATISFACTION_LINK_DAYS: z.coerce.number().int().min(1, "must be at least 1 day").max(365, "must be at most 365 days").default(14),
}).superRefine((e, ctx) => {
  // A provider is either fully configured or not at all: half a configuration is a typo.
  const groups: [string, (keyof typeof e)[]][] = [
    ["AUTH_OIDC_ISSUER", ["AUTH_OIDC_ISSUER", "AUTH_OIDC_CLIENT_ID", "AUTH_OIDC_CLIENT_SECRET"]],
    ["AUTH_GOOGLE_ID", ["AUTH_GOOGLE_ID", "AUTH_GOOGLE_SECRET"]],
    ["AUTH_MICROSOFT_ENTRA_ID_ID", ["AUTH_MICROSOFT_ENTRA_ID_ID", "AUTH_MICROSOFT_ENTRA_ID_SECRET", "AUTH_MICROSOFT_ENTRA_ID_ISSUER"]],
  ];
  let providers = 0;
  for (const [, names] of groups) {
    const set = names.filter((n) => e[n] !== undefined);
    if (set.length === names.length) providers += 1;
    else if (set.length > 0) {
      for (const n of names.filter((n) => e[n] === undefined)) ctx.addIssue({ code: "custom", path: [n], message: `is needed with ${set.join(", ")}` });
    }
  }
  if (!e.AUTH_PASSWORD_LOGIN && providers === 0) {
    ctx.addIssue({ code: "custom", path: ["AUTH_PASSWORD_LOGIN"], message: "false leaves no way to sign in: configure a single sign-on provider too" });
  }
  if ((e.AUTH_SSO_ROLE_CLAIM === undefined) !== (e.AUTH_SSO_ROLE_MAP === undefined)) {
    ctx.addIssue({ code: "custom", path: [e.AUTH_SSO_ROLE_CLAIM ? "AUTH_SSO_ROLE_MAP" : "AUTH_SSO_ROLE_CLAIM"], message: "is needed with the other of AUTH_SSO_ROLE_CLAIM / AUTH_SSO_ROLE_MAP" });
  }
  if (e.AUTH_SSO_ROLE_MAP) {
    try {
      parseRoleMap(e.AUTH_SSO_ROLE_MAP);
    } catch (error) {
      ctx.addIssue({ code: "custom", path: ["AUTH_SSO_ROLE_MAP"], message: (error as Error).message });
    }
  }
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
