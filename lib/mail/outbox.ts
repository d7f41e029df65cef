// The outbox: callers queue a message (a row), the worker sends what is due and retries a
// failure with the webhooks' backoff (lib/admin/webhooks.ts), so a message survives restarts and
// an SMTP server that is down for a while. Issue 20 (replies to customers) sends through here too.
import { claimDueEmails, insertEmail, recordEmailAttempt, type NewEmail } from "@/db/queries/email-outbox";
import { logger } from "@/lib/platform/logger";
import { backoffMs, MAX_ATTEMPTS } from "@/lib/admin/webhooks";
import { smtpConfig, type SmtpConfig } from "./config";
import { sendMail, type MailThread } from "./transport";

/** `thread`: a reply to a customer's conversation, with the ids their mail program threads by. */
export type QueuedMail = { to: string[]; subject: string; text: string; reason: string; thread?: MailThread };

/**
 * The outbox row for a message: addresses trimmed, lower-cased and each once, the subject cut to
 * its column. Null when there is nobody to send to or no SMTP server is configured (the
 * notification then stays in the app). A claim's batch writes it with the claim
 * (db/queries/support.ts); queueEmail writes it alone.
 */
export function outboxRow(mail: QueuedMail): NewEmail | null {
  const to = [...new Set(mail.to.map((a) => a.trim().toLowerCase()).filter(Boolean))];
  if (to.length === 0 || !smtpConfig()) return null;
  return { to, subject: mail.subject.slice(0, 200), body: mail.text, reason: mail.reason, headers: mail.thread ?? {} };
}

/**
 * Queues a message; returns its id, or null when no SMTP server is configured (the caller's
 * notification then stays in the app). Never throws: a notification must not fail the
 * request that caused it.
 */
export async function queueEmail(mail: QueuedMail): Promise<number | null> {
  const row = outboxRow(mail);
  if (!row) return null;
  try {
    return await insertEmail(row);
  } catch (error) {
    logger.error("e-mail not queued", { reason: mail.reason, error });
    return null;
  }
}

/** Sends the messages that are due; returns how many were attempted. */
export async function deliverDueEmails({ now = new Date(), config = smtpConfig() }: { now?: Date; config?: SmtpConfig | null } = {}): Promise<number> {
  if (!config) return 0;
  const due = await claimDueEmails({ now });
  for (const mail of due) {
    const attempts = mail.attempts + 1;
    try {
      await sendMail(config, { to: mail.to, subject: mail.subject, text: mail.body, thread: mail.headers, headers: { "X-CSA-Reason": mail.reason, "X-CSA-Message": String(mail.id) } });
      await recordEmailAttempt({ id: mail.id, values: { status: "sent", attempts, lastError: null, sentAt: new Date() } });
    } catch (e) {
      const error = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
      const giveUp = attempts >= MAX_ATTEMPTS;
      await recordEmailAttempt({ id: mail.id, values: { status: giveUp ? "failed" : "pending", attempts, lastError: error.slice(0, 500), nextAttemptAt: new Date(Date.now() + backoffMs(attempts)) } });
      // The addresses stay out of the log: they are customers' or staff's personal data.
      logger.warn("e-mail not sent", { emailId: mail.id, attempts, giveUp, error });
    }
  }
  return due.length;
}
