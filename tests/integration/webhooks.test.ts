import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { webhookDeliveries } from "@/db/schema";
import { resetEnvCache } from "@/lib/platform/env";
import { promoteModelVersion } from "@/lib/training/runs";
import { createUser } from "@/lib/admin/users";
import { MAX_ATTEMPTS, backoffMs, deliverDueWebhooks, disableWebhook, registerWebhook, sign, webhooksOverview } from "@/lib/admin/webhooks";
import { unique } from "../support/temp-db";
import { freshDemoDatabase } from "../support/demo-db";

// A real HTTP receiver on loopback stands in for the other company system.
type Received = { headers: http.IncomingHttpHeaders; body: string };
const received: Received[] = [];
let failNext = 0;
const receiver = http.createServer((req, res) => {
  let body = "";
  req.on("data", (c) => (body += c));
  req.on("end", () => {
    received.push({ headers: req.headers, body });
    res.statusCode = failNext > 0 ? (failNext--, 500) : 204;
    res.end();
  });
});
let url = "";
let adminId = 0;
let modelId = 0;

beforeAll(async () => {
  // The receiver is on loopback, which webhooks refuse unless the operator allows it.
  process.env.WEBHOOK_ALLOW_PRIVATE_TARGETS = "true";
  resetEnvCache();
  await new Promise<void>((r) => receiver.listen(0, "127.0.0.1", () => r()));
  url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
  modelId = (await freshDemoDatabase({ tasks: 20, examples: 600 })).modelVersionId!;
  adminId = (await createUser({ email: `${unique("admin")}@example.test`, name: "A", password: "admin-password-1", role: "admin" }, null)).id;
});
afterAll(() => {
  receiver.close();
  delete process.env.WEBHOOK_ALLOW_PRIVATE_TARGETS;
  resetEnvCache();
});

describe("webhooks", () => {
  it("delivers a signed event once and records it", async () => {
    const { id, secret } = await registerWebhook({ url, events: ["model.promoted"] }, adminId);
    await promoteModelVersion(modelId, adminId);
    expect(await deliverDueWebhooks()).toBe(1);
    const [call] = received.splice(0);
    expect(call.headers["x-csa-event"]).toBe("model.promoted");
    expect(call.headers["x-csa-signature"]).toBe(sign(secret, String(call.headers["x-csa-timestamp"]), call.body));
    expect(JSON.parse(call.body)).toMatchObject({ event: "model.promoted", data: { model_version_id: modelId } });
    const [row] = await getDb().select().from(webhookDeliveries).where(eq(webhookDeliveries.webhookId, id));
    expect(row).toMatchObject({ status: "delivered", attempts: 1, responseStatus: 204 });
    expect(await deliverDueWebhooks()).toBe(0); // nothing is sent twice
    await disableWebhook(id, adminId);
  });

  it("retries a failing receiver with growing backoff, then gives up", async () => {
    const { id } = await registerWebhook({ url, events: ["training_run.finished"] }, adminId);
    const { emitEvent } = await import("@/lib/admin/webhooks");
    await emitEvent("training_run.finished", { training_run_id: 1, status: "succeeded" });
    failNext = MAX_ATTEMPTS;
    let now = Date.now();
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      expect(await deliverDueWebhooks(new Date(now))).toBe(1);
      const [row] = await getDb().select().from(webhookDeliveries).where(eq(webhookDeliveries.webhookId, id));
      expect(row.attempts).toBe(attempt);
      expect(row.lastError).toBe("HTTP 500");
      expect(row.status).toBe(attempt === MAX_ATTEMPTS ? "failed" : "pending");
      // Not due again before its backoff has passed.
      expect(await deliverDueWebhooks(new Date(Date.now() + backoffMs(attempt) - 5000))).toBe(0);
      now = Date.now() + backoffMs(attempt) + 1000;
    }
    expect(backoffMs(2)).toBe(2 * backoffMs(1));
    expect(received).toHaveLength(MAX_ATTEMPTS);
  });

  it("announces an account when its third negative request in a row arrives, once", async () => {
    const { id } = await registerWebhook({ url, events: ["account.at_risk"] }, adminId);
    const { createScoredTask } = await import("@/lib/intake/scored-task");
    const account = { name: "Unhappy Ltd", externalRef: unique("unhappy") };
    const angry = ["I am furious, the refund never arrived", "Still no refund, this is a disgrace", "Third time asking, furious, nobody answers", "Still furious, cancel everything"];
    for (const text of angry) await createScoredTask({ account, category: "Billing", text });
    const rows = await getDb().select().from(webhookDeliveries).where(eq(webhookDeliveries.webhookId, id));
    expect(rows).toHaveLength(1);
    expect(rows[0].payload).toMatchObject({ event: "account.at_risk", data: { rule: "3 negative requests in a row" } });
    expect((rows[0].payload as { data: { task_ids: number[] } }).data.task_ids).toHaveLength(3);
    await disableWebhook(id, adminId);
  });

  it("announces it as well when a customer's follow-up turns the third request in a row negative", async () => {
    const { id } = await registerWebhook({ url, events: ["account.at_risk"] }, adminId);
    const { createScoredTask } = await import("@/lib/intake/scored-task");
    const { addCustomerMessage } = await import("@/lib/conversations/messages");
    const account = { name: "Turning Ltd", externalRef: unique("turning") };
    for (const text of ["I am furious, the refund never arrived", "Still no refund, this is a disgrace"]) await createScoredTask({ account, category: "Billing", text });
    const calm = await createScoredTask({ account, category: "Billing", text: "Thank you, the new card arrived and works perfectly. Great service!" });
    expect(calm.sentiment).not.toBe("negative");
    const deliveries = () => getDb().select().from(webhookDeliveries).where(eq(webhookDeliveries.webhookId, id));
    expect(await deliveries()).toHaveLength(0);
    await addCustomerMessage(calm.taskId, { text: "Now it is blocked again and nobody answers. I am furious, this is a disgrace." });
    const rows = await deliveries();
    expect(rows).toHaveLength(1);
    expect((rows[0].payload as { data: { task_ids: number[] } }).data.task_ids).toContain(calm.taskId);
    await disableWebhook(id, adminId);
  });

  it("refuses a bad URL or no events", async () => {
    await expect(registerWebhook({ url: "ftp://x", events: ["model.promoted"] }, adminId)).rejects.toThrow(/not valid/);
    await expect(registerWebhook({ url, events: [] }, adminId)).rejects.toMatchObject({ details: { fieldErrors: { events: "Choose at least one event." } } });
  });

  it("counts each webhook's own deliveries by status on the admin's list", async () => {
    const busy = await registerWebhook({ url, events: ["task.escalated"] }, adminId);
    const quiet = await registerWebhook({ url, events: ["task.escalated"] }, adminId);
    // Written directly, due far ahead, so no other test's delivery run sends them.
    const later = new Date(Date.now() + 365 * 86_400_000);
    const statuses = ["delivered", "delivered", "failed", "pending"] as const;
    await getDb().insert(webhookDeliveries).values(statuses.map((status) => ({ webhookId: busy.id, event: "task.escalated" as const, payload: {}, status, nextAttemptAt: later })));
    const { hooks } = await webhooksOverview();
    expect(hooks.find((h) => h.id === busy.id)).toMatchObject({ delivered: 2, failed: 1, pending: 1 });
    expect(hooks.find((h) => h.id === quiet.id)).toMatchObject({ delivered: 0, failed: 0, pending: 0 });
    await disableWebhook(busy.id, adminId);
    await disableWebhook(quiet.id, adminId);
  });
});
