// A real fault in service: the database becomes unreachable between two API calls. What
// an operator relies on: the caller gets a 500 that quotes a request id, the same id is
// in the response header and in the one JSON error line the log gets, and neither the
// answer nor the log carries the API key or the query's values.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { closeDb } from "@/db/client";
import { createApiKey } from "@/lib/api/keys";
import { createUser } from "@/lib/admin/users";
import * as taskList from "@/app/api/v1/tasks/route";
import { call } from "../support/api";
import { unusedPort } from "../support/emotion-servers";
import { useFreshDatabase, unique } from "../support/temp-db";

let key: string;
let databaseUrl: string;

beforeAll(async () => {
  ({ url: databaseUrl } = await useFreshDatabase());
  const admin = await createUser({ email: `${unique("admin")}@example.test`, name: "Admin", password: "admin-password-1", role: "admin" }, null);
  key = (await createApiKey({ name: "ops", scopes: ["tasks:read"] }, admin.id)).secret;
});

afterAll(() => {
  closeDb();
  process.env.DATABASE_URL = databaseUrl;
});

function errorLines(spy: { mock: { calls: unknown[][] } }) {
  return spy.mock.calls.map((c) => String(c[0])).map((line) => JSON.parse(line) as Record<string, unknown>);
}

describe("API errors and the log", () => {
  it("a 500 quotes the request id that the header and the log line carry; no secret in either", async () => {
    expect((await call(taskList.GET, { path: "/api/v1/tasks", key })).status).toBe(200);

    closeDb();
    process.env.DATABASE_URL = `http://127.0.0.1:${await unusedPort()}`;
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    try {
      const supplied = await call(taskList.GET, { path: "/api/v1/tasks", key, headers: { "x-request-id": "lb-7f3a-42" } });
      const generated = await call(taskList.GET, { path: "/api/v1/tasks", key });

      expect(supplied.status).toBe(500);
      expect(supplied.headers.get("x-request-id")).toBe("lb-7f3a-42");
      expect(supplied.json.error.message).toContain("lb-7f3a-42");
      const id = generated.headers.get("x-request-id")!;
      expect(id).toMatch(/^[0-9a-f-]{36}$/);
      expect(generated.json.error.message).toContain(id);

      const lines = errorLines(logged).filter((l) => l.message === "api request failed");
      expect(lines.map((l) => l.requestId)).toEqual(["lb-7f3a-42", id]);
      expect(lines[0]).toMatchObject({ level: "error", path: "/api/v1/tasks" });
      const everything = JSON.stringify(errorLines(logged)) + JSON.stringify(supplied.json) + JSON.stringify(generated.json);
      // The secret is everything after csa_<prefix>_ (base64url: it may hold "_" itself).
      const secret = key.split("_").slice(2).join("_");
      expect(secret.length).toBeGreaterThan(40);
      expect(everything).not.toContain(secret);
      // The answer says nothing about the cause; the log has it.
      expect(JSON.stringify(supplied.json)).not.toMatch(/127\.0\.0\.1|select|ECONNREFUSED/i);
    } finally {
      logged.mockRestore();
    }
  });
});
