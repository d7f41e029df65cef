// Customers' e-mail, from the inbound webhook (POST /api/v1/inbound-email) or a file
// (npm run mail:import): a reply threads into its conversation, anything else opens a task.
// Automatic mail — out-of-office replies, bounces, our own messages coming back — is ignored,
// so two auto-responders can never answer each other forever.
import { z } from "zod";
import { listCategories } from "@/db/queries/catalog";
import { messageByEmailId, setOpeningEmailId, taskOfEmailIds } from "@/db/queries/conversations";
import { getTaskDetail } from "@/db/queries/task-detail";
import { createScoredTask } from "@/lib/intake/scored-task";
import { addCustomerMessage } from "@/lib/conversations/messages";
import { withoutQuotedReply } from "@/lib/conversations/quoted-text";
import { referenceInText } from "@/db/reference";
import { env } from "@/lib/platform/env";
import { AppError, parseOrThrow } from "@/lib/platform/errors";
import { smtpConfig } from "@/lib/mail/config";
import { MAX_TEXT_CHARS } from "@/lib/sentiment/analyze";

const idList = z.union([z.string().max(20_000), z.array(z.string().max(1000)).max(200)]).optional();

/** The documented body of POST /api/v1/inbound-email (lib/api/openapi.ts), in the shape providers' inbound webhooks use. */
export const inboundEmailSchema = z.object({
  from: z.string().trim().min(3, "from is the sender's address").max(400),
  to: z.union([z.string().max(2000), z.array(z.string().max(400)).max(100)]).optional(),
  subject: z.string().max(2000).default(""),
  text: z.string().max(200_000).default(""),
  message_id: z.string().trim().max(1000).optional(),
  in_reply_to: z.string().trim().max(1000).optional(),
  references: idList,
  /** Any other headers, by name (Auto-Submitted, Precedence, X-Autoreply, Return-Path …). */
  headers: z.record(z.string().max(200), z.string().max(5000)).optional(),
});
export type InboundEmail = z.infer<typeof inboundEmailSchema>;

export type InboundResult =
  | { status: "created" | "threaded"; taskId: number; messageId: number | null }
  | { status: "duplicate"; taskId: number }
  | { status: "ignored"; reason: string };

/** "Ann Lee <Ann@Example.com>" → { name: "Ann Lee", address: "ann@example.com" }. */
export function parseAddress(raw: string): { name: string | null; address: string } | null {
  const angle = /<([^<>\s]+@[^<>\s]+)>/.exec(raw);
  const address = (angle ? angle[1] : raw.trim()).toLowerCase();
  if (!/^[^\s@<>"]+@[^\s@<>"]+\.[^\s@<>"]+$/.test(address)) return null;
  const name = angle ? raw.slice(0, angle.index).trim().replace(/^"|"$/g, "").trim() : "";
  return { name: name || null, address };
}

/** Every <id> in a header value (References holds several, space-separated). */
export function messageIds(value: string | string[] | undefined): string[] {
  const all = Array.isArray(value) ? value.join(" ") : (value ?? "");
  const bracketed = all.match(/<[^<>\s]+>/g);
  if (bracketed) return bracketed;
  // Some providers drop the brackets; ids never contain spaces.
  return all.split(/\s+/).filter((s) => s.includes("@")).map((s) => `<${s}>`);
}

const BOUNCE_SENDERS = /^(mailer-daemon|postmaster|mail-daemon|mailerdaemon|bounces?|no-?reply|do-?not-?reply)(\+[^@]*)?@/i;

/** Why a message is automatic and must not be answered or threaded, or null for a person's mail. */
export function automaticReason(mail: InboundEmail, sender: string): string | null {
  const headers = Object.fromEntries(Object.entries(mail.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v.trim().toLowerCase()]));
  const autoSubmitted = headers["auto-submitted"];
  if (autoSubmitted && autoSubmitted !== "no") return `Auto-Submitted: ${autoSubmitted}`;
  if (headers["x-autoreply"] || headers["x-autorespond"] || headers["x-auto-response-suppress"]?.includes("all")) return "an auto-reply header";
  if (["bulk", "junk", "list", "auto_reply"].includes(headers.precedence ?? "")) return `Precedence: ${headers.precedence}`;
  if (BOUNCE_SENDERS.test(sender)) return "a bounce or no-reply sender";
  if (headers["return-path"] === "<>") return "an empty Return-Path (a bounce)";
  const own = smtpConfig() ? parseAddress(smtpConfig()!.from)?.address : null;
  if (own && sender === own) return "our own address (a loop)";
  return null;
}

/** The category of a task opened by e-mail: INBOUND_EMAIL_CATEGORY, or the first by name. */
async function inboundCategory(): Promise<string> {
  const categories = await listCategories();
  const wanted = env().INBOUND_EMAIL_CATEGORY;
  const chosen = wanted ? categories.find((c) => c.name.toLowerCase() === wanted.toLowerCase()) : categories[0];
  if (!chosen) throw new AppError("unavailable:inbound_category", wanted ? `INBOUND_EMAIL_CATEGORY "${wanted}" is not a category.` : "There are no categories to file e-mail under.");
  return chosen.name;
}

/** The conversation a message answers: by Message-ID first, then by the reference in the subject from the same customer. */
async function threadOf(mail: InboundEmail, sender: string): Promise<number | null> {
  const byId = await taskOfEmailIds({ messageIds: [...messageIds(mail.in_reply_to), ...messageIds(mail.references)].slice(-50) });
  if (byId) return byId;
  const referenced = referenceInText(mail.subject);
  if (!referenced) return null;
  // A reference alone is easy to type: it only threads mail from the address the task belongs to.
  const detail = await getTaskDetail({ id: referenced });
  return detail && detail.account.email?.toLowerCase() === sender ? referenced : null;
}

export async function receiveInboundEmail(input: unknown): Promise<InboundResult> {
  const mail = parseOrThrow(inboundEmailSchema, input, "validation:inbound_email", (errors) => {
    const [path, message] = Object.entries(errors)[0];
    return `${path === "_" ? "body" : path}: ${message}`;
  });
  const sender = parseAddress(mail.from);
  if (!sender) throw new AppError("validation:inbound_email", `from: "${mail.from.slice(0, 100)}" holds no e-mail address.`);
  const automatic = automaticReason(mail, sender.address);
  if (automatic) return { status: "ignored", reason: automatic };

  const messageId = messageIds(mail.message_id)[0] ?? null;
  if (messageId) {
    const seen = await messageByEmailId({ messageId });
    if (seen) return { status: "duplicate", taskId: seen.taskId }; // a provider retrying its webhook
  }
  const own = withoutQuotedReply(mail.text);
  const text = (own || mail.subject.trim()).slice(0, MAX_TEXT_CHARS);
  if (!text) throw new AppError("validation:inbound_email", "text: the message is empty (no text and no subject).");

  const taskId = await threadOf(mail, sender.address);
  if (taskId) {
    const added = await addCustomerMessage(taskId, { text, channel: "email", emailMessageId: messageId });
    return { status: "threaded", taskId, messageId: added.messageId };
  }
  const created = await createScoredTask({
    account: { name: sender.name ?? sender.address.split("@")[0], email: sender.address },
    category: await inboundCategory(),
    channel: "email",
    text,
  });
  // Our replies thread under the customer's own message (In-Reply-To), and a retry finds it.
  if (messageId && created.created) await setOpeningEmailId({ taskId: created.taskId, messageId });
  return { status: "created", taskId: created.taskId, messageId: null };
}
