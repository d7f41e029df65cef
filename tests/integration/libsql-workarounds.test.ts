// Tripwires for the driver workarounds in db/libsql-workarounds/: each test reproduces the fault
// a workaround exists for, with the plain driver, and fails once an upgraded driver no longer has
// it, so the workaround is removed rather than kept out of habit. This file must not open the
// app's database (db/client.ts), which would install the workarounds in this process.
import { afterAll, describe, expect, it } from "vitest";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "libsql";
import { createClient, type Client } from "@libsql/client";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "csa-libsql-tripwire-"));
let n = 0;
const opened: Client[] = [];
function freshUrl(): string {
  return `file:${path.join(dir, `db-${++n}.db`)}`;
}
function open(url: string, timeout?: number): Client {
  const client = createClient({ url, ...(timeout === undefined ? {} : { timeout }) });
  opened.push(client);
  return client;
}
afterAll(() => {
  for (const c of opened) c.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("libSQL driver faults the workarounds exist for (a failure here means: remove the workaround)", () => {
  it("runs without the workarounds installed", () => {
    const marker = Symbol.for("customer-sentiment-analyzer.closeConnectionsOnBusy");
    expect((Database.prototype as unknown as Record<symbol, unknown>)[marker]).toBeUndefined();
  });

  it("close-on-busy.ts: a connection whose write failed busy keeps its next write uncommitted, holding the lock", async () => {
    const url = freshUrl();
    const victim = open(url);
    const holder = open(url);
    const third = open(url);
    await victim.execute("create table probe (n integer)");
    const tx = await holder.transaction("write");
    await expect(victim.execute("insert into probe (n) values (1)")).rejects.toMatchObject({ code: "SQLITE_BUSY" });
    await tx.commit();
    await victim.execute("insert into probe (n) values (2)"); // "succeeds"…
    // …but is not committed, and the victim still holds the write lock.
    const stillLocked = await third.transaction("write").then(
      async (t) => {
        await t.commit();
        return false;
      },
      (error: { code?: string }) => error.code === "SQLITE_BUSY",
    );
    expect(stillLocked, "libsql now resets a statement that failed busy: delete db/libsql-workarounds/close-on-busy.ts").toBe(true);
    expect((await third.execute("select count(*) as n from probe")).rows[0].n).toBe(0);
  });

  it("lock-wait.ts: the embedded driver is synchronous, so waiting inside SQLite's busy timeout stops the whole process", async () => {
    const url = freshUrl();
    const holder = open(url);
    const waiter = open(url, 300); // SQLite waits up to 300 ms for the lock inside the call
    await holder.execute("create table probe (n integer)");
    const tx = await holder.transaction("write");
    let timersRan = 0;
    const timer = setInterval(() => timersRan++, 1);
    try {
      await expect(waiter.execute("insert into probe (n) values (1)")).rejects.toMatchObject({ code: "SQLITE_BUSY" });
    } finally {
      clearInterval(timer);
      await tx.rollback();
    }
    // An asynchronous driver would have let the 1 ms timer run during the 300 ms wait.
    expect(timersRan, "the embedded driver no longer blocks while it waits for the lock: db/libsql-workarounds/lock-wait.ts can use SQLite's own busy timeout").toBe(0);
  });
});
