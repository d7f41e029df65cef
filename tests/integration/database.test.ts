import { afterAll, describe, expect, it } from "vitest";
import { closeDb, getDb } from "@/db/client";
import { findUserByEmail, insertUser } from "@/db/queries/users";
import { migrate } from "@/lib/bootstrap";
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
});
