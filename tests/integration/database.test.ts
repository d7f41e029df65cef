import { createClient } from "@libsql/client";
import { afterAll, describe, expect, it, vi } from "vitest";
import { closeDb, getDb, openDatabase } from "@/db/client";
import { closeConnectionsOnBusy } from "@/db/libsql-workarounds/close-on-busy";
import { findUserByEmail, insertUser } from "@/db/queries/users";
import { migrate } from "@/lib/ops/bootstrap";
import { databaseUnavailable } from "@/lib/platform/errors";
import { startSqld, type SqldServer } from "../support/sqld";
import { useFreshDatabase, unique } from "../support/temp-db";

const TABLES = [
  "api_keys", "audit_log", "categories", "customer_accounts", "datasets", "examples", "follow_ups",
  "model_versions", "predictions", "reviews", "tasks", "users",
];

async function tableNames(): Promise<string[]> {
  const rs = await getDb().$client.execute("select name from sqlite_master where type = 'table' order by name");
  return rs.rows.map((r) => String(r.name));
}

describe("embedded database", () => {
  it("migrates every table of the data model, and migrating twice is harmless", async () => {
    await useFreshDatabase();
    await migrate();
    const names = await tableNames();
    for (const t of TABLES) expect(names).toContain(t);
    const indexes = await getDb().$client.execute("select name from sqlite_master where type = 'index'");
    const indexNames = indexes.rows.map((r) => String(r.name));
    expect(indexNames).toEqual(expect.arrayContaining(["tasks_created_idx", "tasks_account_created_idx", "tasks_category_created_idx", "tasks_status_created_idx", "predictions_task_created_idx"]));
  });

  it("allows only one active model version per task", async () => {
    await useFreshDatabase();
    const c = getDb().$client;
    await c.execute("insert into model_versions (task, name, algorithm, status, active) values ('sentiment', 'a', 'nb', 'succeeded', 1)");
    await expect(c.execute("insert into model_versions (task, name, algorithm, status, active) values ('sentiment', 'b', 'nb', 'succeeded', 1)")).rejects.toThrow(/UNIQUE/);
  });

  it("a write waiting for another process's lock leaves this process free, lands after, and does not keep the lock", async () => {
    // The embedded driver is synchronous; waiting inside SQLite's busy timeout stopped this
    // whole process (every request of a web worker) until the lock was released. And a
    // write that failed busy left its connection unable to commit, so the next write there
    // kept the write lock from every other process (db/libsql-workarounds/lock-wait.ts).
    const { url } = await useFreshDatabase();
    const c = getDb().$client;
    await c.execute("create table lock_probe (n integer)");
    const other = createClient({ url }); // another process's connection
    try {
      const tx = await other.transaction("write");
      await tx.execute("insert into lock_probe (n) values (0)");
      const settled: string[] = [];
      const single = c.execute("insert into lock_probe (n) values (1)").then(() => settled.push("single"));
      const batch = c.batch(["insert into lock_probe (n) values (2)", "insert into lock_probe (n) values (3)"]).then(() => settled.push("batch"));
      // Reads do not wait for the writer (WAL), and nothing in this process stands still.
      for (let i = 0; i < 5; i++) {
        expect(Number((await c.execute("select count(*) as n from lock_probe")).rows[0].n)).toBe(0);
        await new Promise((r) => setTimeout(r, 20));
      }
      expect(settled).toEqual([]);
      await tx.commit();
      await Promise.all([single, batch]);
      await c.execute("insert into lock_probe (n) values (4)");

      // Everything this process wrote is committed, and the lock is free for the other process.
      const next = await other.transaction("write");
      await next.execute("insert into lock_probe (n) values (5)");
      await next.commit();
    } finally {
      other.close();
    }
    const rows = (await c.execute("select n from lock_probe order by n")).rows.map((r) => Number(r.n));
    expect(rows).toEqual([0, 1, 2, 3, 4, 5]);
  });
  it("never reuses a connection whose write failed busy: the next write commits and leaves the lock free", async () => {
    // libsql 0.5.29 leaves the failed statement in progress, and the connection then keeps
    // every later write uncommitted, holding the lock (db/libsql-workarounds/close-on-busy.ts).
    closeConnectionsOnBusy(); // as openDatabase does for every embedded database
    const { url } = await useFreshDatabase();
    const victim = createClient({ url });
    const holder = createClient({ url });
    const third = createClient({ url });
    try {
      await victim.execute("create table reuse_probe (n integer)");
      const tx = await holder.transaction("write");
      await expect(victim.execute("insert into reuse_probe (n) values (1)")).rejects.toMatchObject({ code: "SQLITE_BUSY" });
      await tx.commit();
      await victim.execute("insert into reuse_probe (n) values (2)");
      // No busy timeout on this connection: it fails at once if the victim kept the lock.
      const next = await third.transaction("write");
      await next.commit();
      expect((await third.execute("select n from reuse_probe")).rows.map((r) => Number(r.n))).toEqual([2]);
    } finally {
      victim.close();
      holder.close();
      third.close();
    }
  });

  it("answers a write refused for a stale snapshot as busy (a 503 to retry), like any other lock conflict", async () => {
    const { url } = await useFreshDatabase();
    const a = createClient({ url });
    const b = createClient({ url });
    try {
      await a.execute("create table snapshot_probe (n integer)");
      const tx = await a.transaction("deferred");
      await tx.execute("select count(*) from snapshot_probe"); // a read snapshot…
      await b.execute("insert into snapshot_probe (n) values (1)"); // …that another writer makes stale
      const error = await tx.execute("insert into snapshot_probe (n) values (2)").then(() => null, (e: unknown) => e);
      expect(error).toMatchObject({ code: "SQLITE_BUSY", extendedCode: "SQLITE_BUSY_SNAPSHOT" });
      expect(databaseUnavailable(error)?.code).toBe("unavailable:database_busy");
      tx.close();
    } finally {
      a.close();
      b.close();
    }
  });
});

describe("libSQL server (sqld)", () => {
  let server: SqldServer | undefined;
  afterAll(async () => {
    closeDb();
    await server?.stop();
  });

  it("runs the same migrations and a round trip over HTTP", async () => {
    server = await startSqld();
    closeDb();
    process.env.DATABASE_URL = server.url;
    await migrate();
    await migrate();
    expect(await tableNames()).toEqual(expect.arrayContaining(TABLES));
    const email = `${unique("sqld")}@example.test`;
    await insertUser({ email, name: "Over the wire", passwordHash: null, role: "agent" });
    expect((await findUserByEmail({ email }))?.name).toBe("Over the wire");
  });

  it("sends a process's write batches one at a time, and every one of many concurrent ones lands", async () => {
    // sqld stops answering writes when many batches run at once (db/libsql-workarounds/one-batch-at-a-time.ts). The HTTP
    // requests are counted on their way to the real server, not changed.
    const db = openDatabase({ url: server!.url });
    await db.$client.execute("create table if not exists batch_probe (id integer primary key, n integer not null)");
    const realFetch = globalThis.fetch;
    let inFlight = 0;
    let most = 0;
    const spy = vi.spyOn(globalThis, "fetch").mockImplementation(async (input, init) => {
      const isBatch = input instanceof Request && (await input.clone().text()).includes('"type":"batch"');
      if (isBatch) most = Math.max(most, ++inFlight);
      try {
        return await realFetch(input, init);
      } finally {
        if (isBatch) inFlight--;
      }
    });
    try {
      await Promise.all(
        Array.from({ length: 30 }, (_, i) => db.$client.batch([{ sql: "insert into batch_probe (n) values (?)", args: [i] }, { sql: "insert into batch_probe (n) values (?)", args: [-i] }])),
      );
    } finally {
      spy.mockRestore();
      db.$client.close();
    }
    expect(most).toBe(1);
    const rows = await getDb().$client.execute("select count(*) as c, sum(n) as s from batch_probe");
    expect(Number(rows.rows[0].c)).toBe(60);
    expect(Number(rows.rows[0].s)).toBe(0);
  });
});
