// Sends one message over SMTP (nodemailer). One transport per configuration, reused, so
// the worker does not open a new connection per message.
import nodemailer, { type Transporter } from "nodemailer";
import type { SmtpConfig } from "./config";

/** Threading ids, each with its angle brackets; References space-separated, oldest first. */
export type MailThread = { messageId?: string; inReplyTo?: string; references?: string };
export type MailMessage = { to: string[]; subject: string; text: string; replyTo?: string; headers?: Record<string, string>; thread?: MailThread };

let cached: { key: string; transport: Transporter } | null = null;

function transportFor(config: SmtpConfig): Transporter {
  const key = JSON.stringify(config);
  if (cached?.key !== key) {
    cached?.transport.close();
    cached = {
      key,
      transport: nodemailer.createTransport({
        host: config.host,
        port: config.port,
        secure: config.tls === "tls",
        requireTLS: config.tls === "starttls",
        ignoreTLS: config.tls === "none",
        auth: config.user ? { user: config.user, pass: config.password ?? "" } : undefined,
        connectionTimeout: 10_000,
        greetingTimeout: 10_000,
        socketTimeout: 20_000,
      }),
    };
  }
  return cached.transport;
}

/** Sends it or throws with the server's answer (the outbox records it and retries). */
export async function sendMail(config: SmtpConfig, message: MailMessage): Promise<void> {
  const { messageId, inReplyTo, references } = message.thread ?? {};
  await transportFor(config).sendMail({ from: config.from, to: message.to, subject: message.subject, text: message.text, replyTo: message.replyTo, headers: message.headers, messageId, inReplyTo, references });
}
