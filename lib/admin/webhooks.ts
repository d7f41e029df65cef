// Webhooks: admins register URLs for events; each event becomes a delivery row that the
// worker posts, signed, retrying with exponential backoff. Rows make deliveries survive
// restarts and show on the Users page.
//
// The signing secret is stored encrypted (lib/platform/secret-box.ts) and shown to the admin once.
// Signature: X-CSA-Signature: sha256=<hex HMAC-SHA256(secret, "<X-CSA-Timestamp>.<body>")>.
// The receiver recomputes it and rejects old timestamps, so a captured call cannot be replayed.
import { createHmac, randomBytes } from "node:crypto";
import http from "node:http";
import https from "node:https";
import net from "node:net";
import { z } from "zod";
import { insertAuditEntry } from "@/db/queries/audit";
import {
  claimDueDeliveries,
  enqueueDeliveries,
  insertWebhook,
  listWebhookSecrets,
  listWebhooks,
  recentDeliveries,
  recordAttempt,
  replaceWebhookSecret,
  setWebhookActive,
  type WebhookEventRow,
} from "@/db/queries/webhooks";
import { WEBHOOK_EVENTS, type WebhookEvent } from "@/db/schema";
import { env } from "@/lib/platform/env";
import { AppError, parseOrThrow } from "@/lib/platform/errors";
import { logger } from "@/lib/platform/logger";
import { isSealed, openSecret, sealSecret } from "@/lib/platform/secret-box";
import { checkWebhookTarget, guardedLookup, isPublicAddress, PrivateTargetError } from "@/lib/admin/webhook-target";

export const MAX_ATTEMPTS = 6;
const BASE_BACKOFF_MS = 30_000;
const TIMEOUT_MS = 5000;
/** What the stored signing secrets are sealed for (lib/platform/secret-box.ts). */
const SECRET_PURPOSE = "webhook signing secret";

export const newWebhookSchema = z.object({
  url: z.url({ protocol: /^https?$/, message: "Enter an http(s) URL." }),
  events: z.array(z.enum(WEBHOOK_EVENTS)).min(1, "Choose at least one event."),
});

export async function registerWebhook(input: unknown, actorId: number): Promise<{ id: number; secret: string }> {
  const hookInput = parseOrThrow(newWebhookSchema, input, "validation:webhook", "The webhook is not valid.");
  try {
    await checkWebhookTarget(hookInput.url, env().WEBHOOK_ALLOW_PRIVATE_TARGETS);
  } catch (error) {
    if (!(error instanceof PrivateTargetError)) throw error;
    throw new AppError("validation:webhook", "The webhook is not valid.", { fieldErrors: { url: "This address is internal (loopback, private, link-local or similar); webhooks go only to public addresses." } });
  }
  const secret = `whsec_${randomBytes(24).toString("base64url")}`;
  const hook = await insertWebhook({ ...hookInput, secret: sealSecret(secret, SECRET_PURPOSE), authorId: actorId });
  await insertAuditEntry({ actorId, action: "webhook.create", target: `webhook:${hook.id}`, details: { url: hook.url, events: hook.events } });
  return { id: hook.id, secret };
}

/** Seals the signing secrets stored in plain text before they were encrypted (at start-up). */
export async function sealPlainWebhookSecrets(): Promise<number> {
  let sealed = 0;
  for (const { id, secret } of await listWebhookSecrets()) {
    if (isSealed(secret)) continue;
    if (await replaceWebhookSecret({ id, was: secret, secret: sealSecret(secret, SECRET_PURPOSE) })) sealed += 1;
  }
  if (sealed > 0) logger.info("webhook signing secrets encrypted", { count: sealed });
  return sealed;
}

export async function disableWebhook(id: number, actorId: number): Promise<void> {
  if (!(await setWebhookActive({ id, active: false }))) throw new AppError("not_found:webhook", `Webhook ${id} does not exist.`);
  await insertAuditEntry({ actorId, action: "webhook.disable", target: `webhook:${id}` });
}

export async function webhooksOverview() {
  const [hooks, deliveries] = await Promise.all([listWebhooks(), recentDeliveries({ limit: 30 })]);
  return { hooks, deliveries };
}

/** The event as it is delivered (what a claim's batch writes with the claim: db/queries/support.ts). */
export function webhookEvent(event: WebhookEvent, data: Record<string, unknown>): WebhookEventRow {
  return { event, payload: { event, occurred_at: new Date().toISOString(), data } };
}

/** Records an event for every subscribed webhook; the worker delivers it. Never throws. */
export async function emitEvent(event: WebhookEvent, data: Record<string, unknown>): Promise<void> {
  try {
    await enqueueDeliveries(webhookEvent(event, data));
  } catch (error) {
    logger.error("webhook event not recorded", { event, error });
  }
}

export function sign(secret: string, timestamp: string, body: string): string {
  return `sha256=${createHmac("sha256", secret).update(`${timestamp}.${body}`).digest("hex")}`;
}

export function backoffMs(attempts: number): number {
  return BASE_BACKOFF_MS * 2 ** (attempts - 1);
}

/**
 * One POST, no redirects followed, answered within TIMEOUT_MS. The target's address is
 * checked on the connection itself (guardedLookup; an IP literal before connecting), so a
 * name registered as public that now resolves to an internal address is refused.
 */
function postTo(rawUrl: string, headers: Record<string, string>, body: string): Promise<number> {
  const target = new URL(rawUrl);
  const allowPrivate = env().WEBHOOK_ALLOW_PRIVATE_TARGETS;
  const host = target.hostname.replace(/^\[(.*)\]$/, "$1");
  if (!allowPrivate && net.isIP(host) && !isPublicAddress(host)) return Promise.reject(new PrivateTargetError(host));
  return new Promise((resolve, reject) => {
    const request = (target.protocol === "https:" ? https : http).request(
      target,
      { method: "POST", headers: { ...headers, "content-length": String(Buffer.byteLength(body)) }, lookup: guardedLookup(allowPrivate), timeout: TIMEOUT_MS },
      (response) => {
        response.resume();
        resolve(response.statusCode ?? 0);
      },
    );
    request.on("timeout", () => request.destroy(new Error(`no answer within ${TIMEOUT_MS} ms`)));
    request.on("error", reject);
    request.end(body);
  });
}

/** Posts the deliveries that are due; returns how many were attempted. */
export async function deliverDueWebhooks(now = new Date()): Promise<number> {
  const due = await claimDueDeliveries({ now });
  for (const { delivery, url, secret } of due) {
    const body = JSON.stringify({ id: delivery.id, ...delivery.payload });
    const timestamp = String(Math.floor(Date.now() / 1000));
    const attempts = delivery.attempts + 1;
    let status: number | null = null;
    let error: string | null = null;
    try {
      // Inside the try: a secret sealed under another server secret fails this delivery, with the reason.
      const signingSecret = openSecret(secret, SECRET_PURPOSE);
      status = await postTo(url, {
        "content-type": "application/json",
        "user-agent": "customer-sentiment-analyzer-webhooks/1",
        "x-csa-event": delivery.event,
        "x-csa-delivery": String(delivery.id),
        "x-csa-timestamp": timestamp,
        "x-csa-signature": sign(signingSecret, timestamp, body),
      }, body);
      if (status < 200 || status >= 300) error = `HTTP ${status}`;
    } catch (e) {
      error = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
    }
    if (!error) {
      await recordAttempt({ id: delivery.id, values: { status: "delivered", attempts, responseStatus: status, lastError: null, deliveredAt: new Date() } });
    } else {
      const giveUp = attempts >= MAX_ATTEMPTS;
      await recordAttempt({
        id: delivery.id,
        values: { status: giveUp ? "failed" : "pending", attempts, responseStatus: status, lastError: error.slice(0, 500), nextAttemptAt: new Date(Date.now() + backoffMs(attempts)) },
      });
      logger.warn("webhook delivery failed", { deliveryId: delivery.id, attempts, giveUp, error });
    }
  }
  return due.length;
}
