// Secrets at rest (issue 17, finding 7): database files owner-only, webhook signing
// secrets encrypted so a copy of the database cannot forge signatures; deliveries still
// verify, backups and restore keep working. Real database files, a real HTTP receiver.
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { createClient } from "@libsql/client";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDb, getDb, openDatabase } from "@/db/client";
import { getLimitsDb } from "@/db/limits-client";
import { webhooks } from "@/db/schema";
import { takeToken } from "@/lib/api/rate-limit";
import { backupDatabase, restoreDatabase } from "@/lib/ops/backup";
import { migrate } from "@/lib/ops/bootstrap";
import { resetEnvCache } from "@/lib/platform/env";
import { promoteModelVersion } from "@/lib/training/runs";
import { seedDemo } from "@/lib/demo/seed";
import { createUser } from "@/lib/admin/users";
import { deliverDueWebhooks, registerWebhook, sealPlainWebhookSecrets, sign } from "@/lib/admin/webhooks";
import { unique, useFreshDatabase } from "../support/temp-db";

const mode = (file: string) => fs.statSync(file).mode & 0o777;
/** Every byte the database has on disk: the file and its write-ahead log. */
const onDisk = (file: string) => Buffer.concat([file, `${file}-wal`].filter((f) => fs.existsSync(f)).map((f) => fs.readFileSync(f)));

const received: { headers: http.IncomingHttpHeaders; body: string }[] = [];
const receiver = http.createServer((req, res) => {
  let body = "";
  req.on("data", (c) => (body += c));
  req.on("end", () => {
    received.push({ headers: req.headers, body });
    res.statusCode = 204;
    res.end();
  });
});
let hookUrl = "";
let dbFile = "";
let dir = "";
let adminId = 0;
let modelId = 0;
const SERVER_SECRET = "s".repeat(40);

beforeAll(async () => {
  Object.assign(process.env, { WEBHOOK_ALLOW_PRIVATE_TARGETS: "true", AUTH_SECRET: SERVER_SECRET });
  resetEnvCache();
  await new Promise<void>((r) => receiver.listen(0, "127.0.0.1", () => r()));
  hookUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
  const fresh = await useFreshDatabase();
  dir = fresh.dir;
  dbFile = path.join(dir, "test.db");
  modelId = (await seedDemo({ tasks: 10, examples: 600, quiet: true })).modelVersionId!;
  adminId = (await createUser({ email: `${unique("admin")}@example.test`, name: "A", password: "admin-password-1", role: "admin" }, null)).id;
});
afterAll(() => {
  receiver.close();
  delete process.env.WEBHOOK_ALLOW_PRIVATE_TARGETS;
  delete process.env.AUTH_SECRET;
  resetEnvCache();
});

async function deliveredSignature(secret: string) {
  received.splice(0);
  await promoteModelVersion(modelId, adminId);
  expect(await deliverDueWebhooks()).toBeGreaterThan(0);
  // Every active webhook subscribed to the event is called; one of them was signed with `secret`.
  return { verifies: received.some((call) => call.headers["x-csa-signature"] === sign(secret, String(call.headers["x-csa-timestamp"]), call.body)) };
}

describe("database files", () => {
  it("are created owner-only: the directory 700, the database, its log and the counters' file 600", async () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), "csa-perm-"));
    const file = path.join(root, "nested", "app.db");
    const previous = process.env.DATABASE_URL;
    closeDb();
    process.env.DATABASE_URL = `file:${file}`;
    try {
      await migrate();
      await takeToken(unique("perm"), { perMinute: 60, burst: 5 });
      expect(mode(path.dirname(file))).toBe(0o700);
      expect(mode(file)).toBe(0o600);
      expect(mode(`${file}-wal`)).toBe(0o600);
      expect(mode(`${file}-shm`)).toBe(0o600);
      const limits = path.join(root, "nested", "app.limits.db");
      expect(mode(limits)).toBe(0o600);
      expect((await getLimitsDb()).$client).toBeTruthy();
    } finally {
      closeDb();
      process.env.DATABASE_URL = previous;
    }
  });

  it("narrows an existing database file that others could read", async () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), "csa-perm-"));
    const file = path.join(root, "old.db");
    fs.writeFileSync(file, "", { mode: 0o644 });
    fs.chmodSync(file, 0o644);
    const db = openDatabase({ url: `file:${file}` });
    await db.$client.execute("create table t (x)");
    db.$client.close();
    expect(mode(file)).toBe(0o600);
  });
});

describe("webhook signing secrets", () => {
  it("are not in the database in plain text, and deliveries are still signed with them", async () => {
    const { id, secret } = await registerWebhook({ url: hookUrl, events: ["model.promoted"] }, adminId);
    const [row] = await getDb().select().from(webhooks).where(eq(webhooks.id, id));
    expect(row.secret).toMatch(/^enc:v1:/);
    expect(row.secret).not.toContain(secret.slice("whsec_".length));
    expect(onDisk(dbFile).includes(Buffer.from(secret.slice("whsec_".length)))).toBe(false);
    const { verifies } = await deliveredSignature(secret);
    expect(verifies).toBe(true);

    // A backup holds no plain secret either, is owner-only, and restores to a database whose
    // deliveries still verify.
    const { file: backup } = await backupDatabase({ databaseUrl: `file:${dbFile}`, out: path.join(dir, "backups", "b.db") });
    expect(mode(backup)).toBe(0o600);
    expect(mode(path.dirname(backup))).toBe(0o700);
    expect(fs.readFileSync(backup).includes(Buffer.from(secret.slice("whsec_".length)))).toBe(false);
    const restoredFile = path.join(dir, "restored.db");
    await restoreDatabase({ databaseUrl: `file:${restoredFile}`, from: backup });
    expect(mode(restoredFile)).toBe(0o600);
    const previous = process.env.DATABASE_URL;
    closeDb();
    process.env.DATABASE_URL = `file:${restoredFile}`;
    try {
      const { verifies: afterRestore } = await deliveredSignature(secret);
      expect(afterRestore).toBe(true);
    } finally {
      closeDb();
      process.env.DATABASE_URL = previous;
    }
  });

  it("stored in plain text by an earlier version are encrypted at start, and still verify", async () => {
    const plain = `whsec_${unique("legacy").replace(/-/g, "")}`;
    const [row] = await getDb().insert(webhooks).values({ url: hookUrl, events: ["model.promoted"], secret: plain, authorId: adminId }).returning();
    // Before the start-up step: still delivered, signed with the plain secret.
    expect((await deliveredSignature(plain)).verifies).toBe(true);
    expect(await sealPlainWebhookSecrets()).toBe(1);
    expect(await sealPlainWebhookSecrets()).toBe(0);
    const [sealed] = await getDb().select().from(webhooks).where(eq(webhooks.id, row.id));
    expect(sealed.secret).toMatch(/^enc:v1:/);
    await getDb().$client.execute("PRAGMA wal_checkpoint(TRUNCATE)");
    // The old page that held it may linger in free space until a VACUUM; the live row has the sealed value.
    const raw = createClient({ url: `file:${dbFile}` });
    const rows = await raw.execute({ sql: "select count(*) as n from webhooks where secret = ?", args: [plain] });
    raw.close();
    expect(Number(rows.rows[0].n)).toBe(0);
    expect((await deliveredSignature(plain)).verifies).toBe(true);
  });

  it("cannot be used under another server secret: the delivery fails with the reason, unsigned", async () => {
    const { id } = await registerWebhook({ url: hookUrl, events: ["model.promoted"] }, adminId);
    process.env.AUTH_SECRET = "t".repeat(40);
    resetEnvCache();
    try {
      received.splice(0);
      await promoteModelVersion(modelId, adminId);
      await deliverDueWebhooks();
      const deliveries = await getDb().query.webhookDeliveries.findMany({ where: (d, { eq }) => eq(d.webhookId, id) });
      expect(deliveries.at(-1)?.lastError).toMatch(/cannot be decrypted/);
    } finally {
      process.env.AUTH_SECRET = SERVER_SECRET;
      resetEnvCache();
    }
  });
});
