// Server-side request forgery through webhook URLs: internal targets are refused when the
// webhook is registered, in every spelling the URL parser accepts, and again at each
// delivery on the address the connection would use, so a webhook registered while a name
// (or the operator's setting) allowed it posts nothing to an internal service later.
// A real receiver on loopback plays the internal service.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { webhookDeliveries } from "@/db/schema";
import { resetEnvCache } from "@/lib/platform/env";
import { createUser } from "@/lib/admin/users";
import { guardedLookup, isPublicAddress } from "@/lib/admin/webhook-target";
import { deliverDueWebhooks, disableWebhook, emitEvent, registerWebhook } from "@/lib/admin/webhooks";
import { useFreshDatabase, unique } from "../support/temp-db";

const hits: string[] = [];
const internal = http.createServer((req, res) => {
  hits.push(req.url ?? "");
  res.end("internal secrets");
});
let port = 0;
let adminId = 0;

function allowPrivate(on: boolean) {
  if (on) process.env.WEBHOOK_ALLOW_PRIVATE_TARGETS = "true";
  else delete process.env.WEBHOOK_ALLOW_PRIVATE_TARGETS;
  resetEnvCache();
}

beforeAll(async () => {
  await new Promise<void>((r) => internal.listen(0, "127.0.0.1", () => r()));
  port = (internal.address() as AddressInfo).port;
  await useFreshDatabase();
  adminId = (await createUser({ email: `${unique("admin")}@example.test`, name: "A", password: "admin-password-1", role: "admin" }, null)).id;
  allowPrivate(false);
});
afterAll(() => {
  internal.close();
  allowPrivate(false);
});

describe("webhook targets", () => {
  it("refuses loopback, private, link-local, unique-local, multicast and unspecified addresses in any spelling", async () => {
    const urls = [
      "http://169.254.169.254/latest/meta-data/",
      "http://10.0.0.1/",
      "http://172.16.5.4/",
      "http://192.168.1.1/",
      "http://[fd00::1]/",
      "http://[fe80::1]/",
      "http://[::1]/",
      "http://[::]/",
      "http://[::ffff:127.0.0.1]/",
      "http://localhost/",
      "http://api.localhost/",
      "http://0.0.0.0/",
      "http://2130706433/",
      "http://127.1/",
      "http://0x7f000001/",
      "http://017700000001/",
      "http://224.0.0.1/",
      `http://127.0.0.1:${port}/hook`,
    ];
    for (const url of urls) {
      const error = await registerWebhook({ url, events: ["model.promoted"] }, adminId).catch((e) => e);
      expect(error?.code, url).toBe("validation:webhook");
      expect(error.details.fieldErrors.url, url).toMatch(/internal/);
    }
    expect(Number((await getDb().$client.execute("select count(*) as n from webhooks")).rows[0].n)).toBe(0);
  });

  it("accepts public addresses", async () => {
    expect(isPublicAddress("93.184.216.34")).toBe(true);
    expect(isPublicAddress("2606:4700::1111")).toBe(true);
    for (const a of ["127.0.0.1", "10.1.2.3", "100.64.0.1", "169.254.169.254", "::1", "fd12::1", "ff02::1", "::ffff:10.0.0.1", "0.0.0.0"]) expect(isPublicAddress(a), a).toBe(false);
    const hook = await registerWebhook({ url: "https://93.184.216.34/hook", events: ["model.promoted"] }, adminId);
    expect(hook.id).toEqual(expect.any(Number));
    await disableWebhook(hook.id, adminId); // the tests post to nothing outside this machine
  });

  it("checks the resolved address at delivery: a webhook that was allowed when registered posts nothing to an internal address", async () => {
    allowPrivate(true);
    await registerWebhook({ url: `http://127.0.0.1:${port}/by-address`, events: ["model.promoted"] }, adminId);
    await registerWebhook({ url: `http://localhost:${port}/by-name`, events: ["model.promoted"] }, adminId);
    allowPrivate(false);
    await emitEvent("model.promoted", { model_version_id: 1 });
    await deliverDueWebhooks();
    expect(hits).toEqual([]);
    const rows = await getDb().select().from(webhookDeliveries).where(eq(webhookDeliveries.status, "pending"));
    const internalRows = rows.filter((r) => r.lastError && /internal address/.test(r.lastError));
    expect(internalRows.length).toBe(2);
    expect(internalRows.every((r) => r.responseStatus === null)).toBe(true);

    // The operator's setting lets them through (how the other webhook tests reach their receiver).
    allowPrivate(true);
    await getDb().update(webhookDeliveries).set({ nextAttemptAt: new Date(0) });
    await deliverDueWebhooks();
    expect(hits.sort()).toEqual(["/by-address", "/by-name"]);
    allowPrivate(false);
  });

  it("the guarded lookup refuses a name that resolves to an internal address (the DNS-rebinding case)", async () => {
    const lookup = guardedLookup(false);
    const outcome = await new Promise<string>((resolve) => lookup("localhost", { all: true }, (error) => resolve(error ? error.message : "resolved")));
    expect(outcome).toMatch(/internal address/);
  });
});
