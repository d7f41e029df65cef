// A task's conversation: the customer's follow-ups (scored; the task's labels become theirs) and
// the agents' replies (e-mailed through the outbox, threaded) and internal notes (never sent).
import crypto from "node:crypto";
import { z } from "zod";
import { insertAgentMessage, insertFollowUp, listMessages, threadEmailIds, type MessageRow } from "@/db/queries/conversations";
import { getTaskDetail } from "@/db/queries/task-detail";
import { sentimentTrend, type SentimentTrend } from "@/db/conversation-trend";
import type { Channel, Sentiment } from "@/db/schema";
import { NUL_MESSAGE, predictionRow, withoutNul } from "@/lib/analysis";
import { formatReference } from "@/db/reference";
import { classifyEmotionsOrPending } from "@/lib/emotion-for-analysis";
import { AppError, parseOrThrow } from "@/lib/errors";
import { smtpConfig } from "@/lib/mail/config";
import { queueEmail } from "@/lib/mail/outbox";
import { requireActiveModel } from "@/lib/sentiment/active-model";
import { textSchema } from "@/lib/sentiment/analyze";
import { changeStatus, type Actor } from "@/lib/support/ownership";
import { runRules } from "@/lib/support/rules";
import { refreshPriorities } from "@/lib/support/task-priority";

export type Conversation = { messages: MessageRow[]; trend: { opening: Sentiment | null; latest: Sentiment | null; change: SentimentTrend } };

/** The messages and the trend: opening vs latest customer message (db/conversation-trend.ts). */
export async function conversation(taskId: number): Promise<Conversation> {
  const messages = await listMessages({ taskId });
  const customer = messages.filter((m) => m.author === "customer");
  const opening = customer[0]?.sentiment ?? null;
  const latest = customer[customer.length - 1]?.sentiment ?? null;
  return { messages, trend: { opening, latest, change: sentimentTrend(opening, latest) } };
}

/** A fresh Message-ID in our domain (the SMTP_FROM address's), so replies to it find the task. */
export function newMessageId(taskId: number): string {
  const from = smtpConfig()?.from ?? "";
  const domain = /@([A-Za-z0-9.-]+)/.exec(from)?.[1] ?? "customer-sentiment-analyzer.invalid";
  return `<${formatReference(taskId).toLowerCase()}.${crypto.randomBytes(9).toString("base64url")}@${domain}>`;
}

const followUpText = textSchema.refine(withoutNul, NUL_MESSAGE);

/**
 * A customer's message in an existing conversation: scored like a new request, and the task's
 * current labels become this message's. A replied or closed task is opened again — the customer
 * is waiting.
 */
export async function addCustomerMessage(
  taskId: number,
  input: { text: unknown; channel?: Channel; emailMessageId?: string | null },
): Promise<{ messageId: number; sentiment: Sentiment; confidence: number; emotion: string | null }> {
  const { text } = parseOrThrow(z.object({ text: followUpText }), { text: input.text }, "validation:message");
  const detail = await getTaskDetail({ id: taskId });
  if (!detail) throw new AppError("not_found:task", `Task ${taskId} does not exist.`);
  const { versionId, classifier } = await requireActiveModel();
  const prediction = classifier.predict(text);
  const [emotion] = await classifyEmotionsOrPending([text]);
  const sentiment = prediction.label as Sentiment;
  const { messageId } = await insertFollowUp({
    taskId,
    text,
    channel: input.channel ?? "web",
    emailMessageId: input.emailMessageId ?? null,
    negativeScore: prediction.scores.negative ?? null,
    prediction: predictionRow(versionId, prediction, emotion),
  });
  if (detail.task.status !== "open") await changeStatus(taskId, "open", { id: null, name: "the customer's reply" });
  // The task's labels are now this message's: its level of support follows them, as after any
  // re-score (a thankful answer no longer reads "urgent: negative, anger"), and the rules look again.
  await refreshPriorities([taskId], "the customer wrote back");
  await runRules([taskId], "re-scored");
  return { messageId, sentiment, confidence: prediction.confidence, emotion: emotion?.label ?? null };
}

export const agentMessageSchema = z.object({
  text: z
    .string("Write the message.")
    .trim()
    .min(1, "Write the message.")
    .max(5120, "Keep the message under 5120 characters.")
    .refine(withoutNul, NUL_MESSAGE),
  internal: z.preprocess((v) => v === true || v === "true" || v === "on", z.boolean()).default(false),
});

/**
 * An agent's reply (e-mailed to the customer, threaded under the conversation's last e-mail,
 * the reference in the subject; the task becomes "replied", which stops the first-response
 * clock) or internal note (kept in the portal only). A reply that cannot be sent — no customer
 * address, no SMTP server — is refused before anything is written.
 */
export async function addAgentMessage(taskId: number, input: unknown, actor: Actor): Promise<{ messageId: number; emailed: boolean }> {
  const { text, internal } = parseOrThrow(agentMessageSchema, input, "validation:message");
  const detail = await getTaskDetail({ id: taskId });
  if (!detail) throw new AppError("not_found:task", `Task ${taskId} does not exist.`);
  if (internal) {
    const messageId = await insertAgentMessage({ taskId, authorId: actor.id, text, internal: true, emailMessageId: null, emailOutboxId: null });
    return { messageId, emailed: false };
  }
  const to = detail.account.email;
  if (!to) throw new AppError("validation:no_customer_email", "This customer left no e-mail address, so a reply cannot be sent. Add an internal note instead.", { fieldErrors: { text: "No customer e-mail address." } });
  if (!smtpConfig()) throw new AppError("unavailable:email", "E-mail is not set up (SMTP_HOST), so a reply cannot be sent. Add an internal note instead.");
  const thread = await threadEmailIds({ taskId });
  const emailMessageId = newMessageId(taskId);
  const outboxId = await queueEmail({
    to: [to],
    reason: "task.reply",
    subject: `Re: [${formatReference(taskId)}] Your request about ${detail.category.name.toLowerCase()}`,
    text: `${text}\n\n— ${actor.name}\nReference ${formatReference(taskId)}: reply to this e-mail to add to the conversation.`,
    thread: { messageId: emailMessageId, ...(thread.length ? { inReplyTo: thread[thread.length - 1], references: thread.join(" ") } : {}) },
  });
  if (outboxId === null) throw new AppError("unavailable:email", "The reply could not be queued for sending; try again.");
  const messageId = await insertAgentMessage({ taskId, authorId: actor.id, text, internal: false, emailMessageId, emailOutboxId: outboxId });
  if (detail.task.status !== "replied") await changeStatus(taskId, "replied", actor);
  return { messageId, emailed: true };
}
