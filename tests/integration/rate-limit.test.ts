// Rate limits are rows in the database (lib/api/rate-limit.ts): the same key is limited
// the same from every process. Real database file; real separate Node processes.
import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDb } from "@/db/client";
import { getLimitsDb } from "@/db/limits-client";
import { pruneRateLimits } from "@/db/queries/rate-limits";
import { rateLimits } from "@/db/schema";
import { takeToken } from "@/lib/api/rate-limit";
import { migrate } from "@/lib/ops/bootstrap";
import { startSqld, type SqldServer } from "../support/sqld";
import { useFreshDatabase, unique } from "../support/temp-db";

const run = promisify(execFile);
let url = "";

beforeAll(async () => {
  ({ url } = await useFreshDatabase());
});

describe("takeToken", () => {
  it("allows the burst, then says how long to wait, and refills over time", async () => {
    const limit = { perMinute: 60, burst: 3 };
    const k = unique("k");
    const t = 1_000_000_000;
    expect([await takeToken(k, limit, t), await takeToken(k, limit, t), await takeToken(k, limit, t)]).toEqual([0, 0, 0]);
    expect(await takeToken(k, limit, t)).toBe(1); // one token a second
    expect(await takeToken(k, limit, t + 1000)).toBe(0);
    expect(await takeToken(k, limit, t + 1000)).toBe(1);
    expect(await takeToken(unique("other"), limit, t)).toBe(0);
    // A minute later the bucket is full again: the burst, not more.
    const later = [];
    for (let i = 0; i < 4; i++) later.push(await takeToken(k, limit, t + 61_000));
    expect(later).toEqual([0, 0, 0, 1]);
  });

  it("says a slow limit's wait in whole seconds (30 an hour: two minutes apart)", async () => {
    const k = unique("slow");
    const limit = { perMinute: 0.5, burst: 2 };
    const t = 2_000_000_000;
    expect([await takeToken(k, limit, t), await takeToken(k, limit, t)]).toEqual([0, 0]);
    expect(await takeToken(k, limit, t)).toBe(120);
    expect(await takeToken(k, limit, t + 60_000)).toBe(60);
    expect(await takeToken(k, limit, t + 120_000)).toBe(0);
  });

  it("admits exactly the burst of 80 concurrent calls made by two processes on one database", { timeout: 120_000 }, async () => {
    const key = unique("shared");
    // One token a minute after the burst: none comes back while the processes run.
    const child = () =>
      run(process.execPath, ["--import", "tsx", path.join("tests", "support", "rate-limit-child.ts"), key, "1", "10", "40"], { env: { ...process.env, DATABASE_URL: url } });
    const answers = (await Promise.all([child(), child()])).map((r) => JSON.parse(r.stdout.trim().split("\n").pop()!) as { allowed: number; refused: number });
    expect(answers.reduce((n, a) => n + a.allowed, 0)).toBe(10);
    expect(answers.reduce((n, a) => n + a.refused, 0)).toBe(70);
    // This process sees the same spent bucket.
    expect(await takeToken(key, { perMinute: 1, burst: 10 })).toBeGreaterThan(0);
  });

  describe("on a libSQL server (sqld), as several app instances share it", () => {
    let server: SqldServer | undefined;
    afterAll(async () => {
      closeDb();
      await server?.stop();
    });

    it("admits exactly the burst of 80 concurrent calls made by two processes", { timeout: 120_000 }, async () => {
      server = await startSqld(process.env.TEST_SQLD_PORT ? Number(process.env.TEST_SQLD_PORT) : undefined);
      const previous = process.env.DATABASE_URL;
      closeDb();
      process.env.DATABASE_URL = server.url;
      try {
        await migrate();
        const key = unique("sqld");
        const child = () =>
          run(process.execPath, ["--import", "tsx", path.join("tests", "support", "rate-limit-child.ts"), key, "1", "10", "40"], { env: { ...process.env, DATABASE_URL: server!.url } });
        const answers = (await Promise.all([child(), child()])).map((r) => JSON.parse(r.stdout.trim().split("\n").pop()!) as { allowed: number; refused: number });
        expect(answers.reduce((n, a) => n + a.allowed, 0)).toBe(10);
        // The counters are the server's rate_limits table (no side file without a file database).
        const rows = await (await getLimitsDb()).$client.execute({ sql: "select count(*) as n from rate_limits where key = ?", args: [key] });
        expect(Number(rows.rows[0].n)).toBe(1);
      } finally {
        closeDb();
        process.env.DATABASE_URL = previous;
      }
    });
  });

  it("prunes only the keys whose bucket is full again", async () => {
    const t = 3_000_000_000;
    const spent = unique("spent");
    const idle = unique("idle");
    await takeToken(spent, { perMinute: 1, burst: 1 }, t);
    await takeToken(idle, { perMinute: 60_000, burst: 1 }, t);
    await pruneRateLimits({ now: t + 1000 });
    const keys = (await (await getLimitsDb()).select({ key: rateLimits.key }).from(rateLimits)).map((r) => r.key);
    expect(keys).toContain(spent);
    expect(keys).not.toContain(idle);
    expect(await takeToken(spent, { perMinute: 1, burst: 1 }, t + 1000)).toBeGreaterThan(0);
  });
});
