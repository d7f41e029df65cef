// Announces an escalation or an SLA breach: a webhook event for subscribed systems and an
// e-mail (when SMTP is configured). This builds the rows only: the caller writes them in the
// same batch as the claim of the firing (db/queries/support.ts), so each is announced once
// however many processes run, and a claim is never left without its announcement. Every alert
// also goes to the organisation's alert addresses (lib/support/alert-emails.ts), when
// supervisors set some.
import { latestCustomerMessageText } from "@/db/queries/conversations";
import { getTaskRow, type TaskRow } from "@/db/queries/task-list";
import { activeUser, supervisorEmails, type Announcement } from "@/db/queries/support";
import { outboxRow } from "@/lib/mail/outbox";
import { alertEmails } from "@/lib/support/alert-emails";
import { webhookEvent } from "@/lib/admin/webhooks";

/** The task as the claim's batch leaves it, where that differs from what is stored now. */
export type AnnouncedTask = Partial<Pick<TaskRow, "priority" | "priorityReasons" | "ownerId" | "ownerName" | "slaDueAt">>;

type Options = {
  summary: string;
  /**
   * Explicit recipients (a rule's); otherwise the owner, or when nobody owns it the alert
   * addresses, or the supervisors when there are none. The alert addresses get every alert.
   */
  emails?: string[];
  ownerId?: number | null;
  /** false: no webhook event (a rule without the webhook action). */
  webhook?: boolean;
  extra?: Record<string, unknown>;
  after?: AnnouncedTask;
};

/** The webhook event and the e-mail announcing the event; null when there is no such task. */
export async function taskAnnouncement(event: "task.escalated" | "task.sla_breached", taskId: number, options: Options): Promise<Announcement | null> {
  const stored = await getTaskRow({ id: taskId });
  if (!stored) return null;
  const task = { ...stored, ...options.after };
  const webhook =
    options.webhook === false
      ? null
      : webhookEvent(event, { task_id: taskId, summary: options.summary, priority: task.priority, owner_id: task.ownerId, sla_due_at: task.slaDueAt?.toISOString() ?? null, ...options.extra });
  const alerts = await alertEmails();
  let to = options.emails ?? [];
  if (!options.emails) {
    const owner = options.ownerId ? await activeUser({ id: options.ownerId }) : null;
    to = owner ? [owner.email] : alerts.length ? [] : await supervisorEmails();
  }
  to = [...to, ...alerts];
  const what = event === "task.escalated" ? "Escalated" : "SLA breached";
  // What the customer said last (a follow-up may be what escalated it).
  const said = (await latestCustomerMessageText({ taskId })) ?? task.text;
  const email = outboxRow({
    to,
    reason: event,
    subject: `[${task.priority}] ${what}: request #${taskId} from ${task.accountName}`,
    text: [
      options.summary,
      "",
      `Request #${taskId} · ${task.categoryName} · via ${task.channel} · priority ${task.priority}`,
      `Why this priority: ${task.priorityReasons.join(", ") || "—"}`,
      `Owner: ${task.ownerName ?? "nobody yet"}`,
      "",
      said.length > 1000 ? `${said.slice(0, 1000)}…` : said,
      "",
      `Open it in the portal: /tasks/${taskId}`,
    ].join("\n"),
  });
  return { email, webhook };
}
