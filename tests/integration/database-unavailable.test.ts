// A libSQL server that cannot serve a request now must not hang it or turn it into a 500
// (db/client.ts, databaseUnavailable in lib/platform/errors.ts). The servers here are real HTTP
// servers standing in for two states of sqld that cannot be produced on demand: one that
// accepts connections and never answers (sqld has been seen to stop answering writes under
// contention, RELIABILITY.md), and one that answers 429 to everything (sqld when all its
// connections stay taken).
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { POST as createTask } from "@/app/api/v1/tasks/route";
import { closeDb, openDatabase } from "@/db/client";
import { DATABASE_TIMEOUT } from "@/db/errors";
import { call } from "../support/api";

const held: http.ServerResponse[] = [];
let silent: http.Server;
let refusing: http.Server;

async function listen(server: http.Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

async function close(server: http.Server): Promise<void> {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
}

function createTaskWithKey() {
  return call(createTask, {
    method: "POST",
    path: "/api/v1/tasks",
    // Well-formed, so checking it reads the database.
    key: `csa_abcdefghij_${"A".repeat(43)}`,
    body: { account: { name: "Waiting" }, category: "Billing", text: "Where is my refund?" },
  });
}

beforeAll(() => {
  silent = http.createServer((_req, res) => held.push(res));
  refusing = http.createServer((_req, res) => res.writeHead(429, { "content-type": "text/plain" }).end("Too many concurrent requests"));
});

afterEach(() => {
  closeDb();
  delete process.env.DATABASE_TIMEOUT_MS;
});

afterAll(async () => {
  await close(silent);
  await close(refusing);
});

describe("a libSQL server that does not answer", () => {
  it("fails a query after the configured time with a timeout error", async () => {
    const db = openDatabase({ url: await listen(silent), timeoutMs: 300 });
    await expect(db.$client.execute("select 1")).rejects.toMatchObject({ code: DATABASE_TIMEOUT });
    db.$client.close();
  });

  it("makes an API request answer 503 database_timeout with Retry-After, not hang", async () => {
    closeDb();
    process.env.DATABASE_URL = `http://127.0.0.1:${(silent.address() as AddressInfo).port}`;
    process.env.DATABASE_TIMEOUT_MS = "300";
    const before = held.length;
    const r = await createTaskWithKey();
    expect(r.status).toBe(503);
    expect(r.json.error.code).toBe("unavailable:database_timeout");
    expect(r.headers.get("retry-after")).toBe("5");
    expect(held.length).toBeGreaterThan(before); // the request did reach the server
  });
});

describe("a libSQL server that refuses with 429", () => {
  it("makes an API request answer 503 database_busy with Retry-After, not 500", async () => {
    closeDb();
    process.env.DATABASE_URL = await listen(refusing);
    const r = await createTaskWithKey();
    expect(r.status).toBe(503);
    expect(r.json.error.code).toBe("unavailable:database_busy");
    expect(r.headers.get("retry-after")).toBe("1");
  });
});
