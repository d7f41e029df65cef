import { and, desc, eq, inArray, sql, type SQL } from "drizzle-orm";
import { getDb, type Database } from "../client";
import { webhookDeliveries, webhooks, type Webhook, type WebhookDelivery, type WebhookEvent } from "../schema";
import { claimDueRows, type ClaimOptions } from "./claim-due";
import { pickColumns } from "./pick-columns";

export async function insertWebhook(values: { url: string; events: WebhookEvent[]; secret: string; authorId: number }, db: Database = getDb()): Promise<Webhook> {
  const [row] = await db.insert(webhooks).values(values).returning();
  return row;
}

/** Every webhook's stored secret (sealing the ones stored in plain text). */
export async function listWebhookSecrets(db: Database = getDb()): Promise<{ id: number; secret: string }[]> {
  return db.select({ id: webhooks.id, secret: webhooks.secret }).from(webhooks);
}

/** Replaces a stored secret only if it is still `was`: another process may have sealed it first. */
export async function replaceWebhookSecret({ id, was, secret }: { id: number; was: string; secret: string }, db: Database = getDb()): Promise<boolean> {
  const rows = await db.update(webhooks).set({ secret }).where(and(eq(webhooks.id, id), eq(webhooks.secret, was))).returning({ id: webhooks.id });
  return rows.length > 0;
}

/**
 * How many of the listed webhook's deliveries have the status. db.$count names both tables'
 * columns in full: in a hand-written subquery a bare "id" bound to the delivery's own id.
 */
function deliveriesWithStatus(db: Database, status: WebhookDelivery["status"]) {
  return db.$count(webhookDeliveries, and(eq(webhookDeliveries.webhookId, webhooks.id), eq(webhookDeliveries.status, status)));
}

export async function listWebhooks(db: Database = getDb()) {
  return db
    .select({
      ...pickColumns(webhooks, ["id", "url", "events", "active", "createdAt"]),
      delivered: deliveriesWithStatus(db, "delivered"),
      pending: deliveriesWithStatus(db, "pending"),
      failed: deliveriesWithStatus(db, "failed"),
    })
    .from(webhooks)
    .orderBy(desc(webhooks.id));
}

export async function setWebhookActive({ id, active }: { id: number; active: boolean }, db: Database = getDb()): Promise<boolean> {
  const rows = await db.update(webhooks).set({ active }).where(eq(webhooks.id, id)).returning({ id: webhooks.id });
  return rows.length > 0;
}

/** An event as it is delivered: its name and the JSON body every subscribed webhook is sent. */
export type WebhookEventRow = { event: WebhookEvent; payload: Record<string, unknown> };

/**
 * One pending delivery per active webhook subscribed to the event, in one statement, written
 * only while `when` holds: a claim's batch (db/queries/support.ts) queues its deliveries in the
 * same transaction as the claim, on the claim's condition.
 */
export function deliveriesInsert({ event, payload }: WebhookEventRow, when: SQL = sql`1`): SQL {
  return sql`
    insert into ${webhookDeliveries} (webhook_id, event, payload, status, attempts, next_attempt_at)
    select w.id, ${event}, ${JSON.stringify(payload)}, 'pending', 0, ${Date.now()}
    from ${webhooks} w, json_each(w.events) e
    where w.active = 1 and e.value = ${event} and ${when}`;
}

export async function enqueueDeliveries(row: WebhookEventRow, db: Database = getDb()): Promise<number> {
  const result = await db.run(deliveriesInsert(row));
  return result.rowsAffected;
}

/**
 * Claims the deliveries that are due, for active webhooks only (claim-due.ts: no delivery is
 * sent twice), with the address and secret to send each one with.
 */
export async function claimDueDeliveries(options: ClaimOptions = {}, db: Database = getDb()) {
  const claimed = await claimDueRows(db, webhookDeliveries, options, {
    join: webhooks,
    on: eq(webhooks.id, webhookDeliveries.webhookId),
    where: eq(webhooks.active, true),
  });
  if (claimed.length === 0) return [];
  return db
    .select({ delivery: webhookDeliveries, url: webhooks.url, secret: webhooks.secret })
    .from(webhookDeliveries)
    .innerJoin(webhooks, eq(webhooks.id, webhookDeliveries.webhookId))
    .where(inArray(webhookDeliveries.id, claimed.map((c) => c.id)))
    .orderBy(webhookDeliveries.id);
}

export async function recordAttempt(
  { id, values }: { id: number; values: Partial<Pick<WebhookDelivery, "status" | "attempts" | "nextAttemptAt" | "responseStatus" | "lastError" | "deliveredAt">> },
  db: Database = getDb(),
): Promise<void> {
  await db.update(webhookDeliveries).set(values).where(eq(webhookDeliveries.id, id));
}

export async function recentDeliveries({ limit = 50 }: { limit?: number } = {}, db: Database = getDb()) {
  return db
    .select(pickColumns(webhookDeliveries, ["id", "webhookId", "event", "status", "attempts", "responseStatus", "lastError", "createdAt", "deliveredAt"]))
    .from(webhookDeliveries)
    .orderBy(desc(webhookDeliveries.id))
    .limit(limit);
}
