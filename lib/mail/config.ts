// SMTP settings from the environment (README "E-mail"). Without SMTP_HOST there is no mail:
// notifications stay in the app (task timelines), and nothing is queued to be sent.
import { env, type Env } from "@/lib/platform/env";

export type SmtpConfig = {
  host: string;
  port: number;
  user?: string;
  password?: string;
  from: string;
  /** "tls": TLS from the first byte (port 465); "starttls": upgrade required; "none": plain (loopback tests only). */
  tls: "tls" | "starttls" | "none";
};

export function smtpConfig(config: Env = env()): SmtpConfig | null {
  if (!config.SMTP_HOST) return null;
  return {
    host: config.SMTP_HOST,
    port: config.SMTP_PORT ?? (config.SMTP_TLS === "tls" ? 465 : 587),
    user: config.SMTP_USER,
    password: config.SMTP_PASSWORD,
    from: config.SMTP_FROM ?? `Customer Sentiment Analyzer <no-reply@${config.SMTP_HOST}>`,
    tls: config.SMTP_TLS,
  };
}

export function mailConfigured(): boolean {
  return smtpConfig() !== null;
}
