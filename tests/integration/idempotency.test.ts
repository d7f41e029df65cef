// Idempotency-Key on API POSTs (lib/api/idempotency.ts): a retry with the same key and
// body gets the first answer and writes nothing; another body with the key is refused.
// Real route handlers, real database.
import { and, count, eq, like } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { idempotencyKeys, tasks } from "@/db/schema";
import { createApiKey } from "@/lib/api/keys";
import { createUser } from "@/lib/admin/users";
import * as predictions from "@/app/api/v1/predictions/route";
import * as taskList from "@/app/api/v1/tasks/route";
import * as promote from "@/app/api/v1/models/[id]/promote/route";
import { call } from "../support/api";
import { documentChecker } from "../support/openapi-check";
import { unique } from "../support/temp-db";
import { freshDemoDatabase } from "../support/demo-db";

const documented = documentChecker();
let writer = "";
let other = "";
let modelId = 0;

async function tasksWith(marker: string) {
  const [row] = await getDb().select({ n: count() }).from(tasks).where(like(tasks.text, `%${marker}%`));
  return row.n;
}

const newTask = (marker: string) => ({ account: { name: "Retry Ltd" }, category: "Billing", text: `The invoice ${marker} was charged twice` });
const post = (body: unknown, key: string, headers: Record<string, string> = {}, apiKey = writer) =>
  call(taskList.POST, { method: "POST", path: "/api/v1/tasks", key: apiKey, body, headers: { "idempotency-key": key, ...headers } });

beforeAll(async () => {
  modelId = (await freshDemoDatabase({ tasks: 10, examples: 600 })).modelVersionId!;
  const admin = await createUser({ email: `${unique("admin")}@example.test`, name: "Admin", password: "admin-password-1", role: "admin" }, null);
  writer = (await createApiKey({ name: "writer", scopes: ["predict", "tasks:write", "train"] }, admin.id)).secret;
  other = (await createApiKey({ name: "other", scopes: ["tasks:write"] }, admin.id)).secret;
});

describe("Idempotency-Key", () => {
  it("replays the first answer to a retry with the same key and body, writing one task", async () => {
    const marker = unique("once");
    const key = crypto.randomUUID();
    const first = await post(newTask(marker), key);
    expect(first.status).toBe(201);
    expect(first.headers.get("idempotent-replayed")).toBeNull();
    const retry = await post(newTask(marker), key);
    expect(retry.status).toBe(201);
    expect(retry.json).toEqual(first.json);
    expect(retry.headers.get("idempotent-replayed")).toBe("true");
    expect(retry.headers.get("x-request-id")).not.toBe(first.headers.get("x-request-id"));
    expect(await tasksWith(marker)).toBe(1);
    for (const answer of [first, retry]) expect(documented("POST /tasks", answer.status, answer.json)).toEqual([]);
  });

  it("refuses the same key with another body (422), writing nothing", async () => {
    const marker = unique("first");
    const key = crypto.randomUUID();
    expect((await post(newTask(marker), key)).status).toBe(201);
    const changed = unique("changed");
    const refused = await post(newTask(changed), key);
    expect(refused.status).toBe(422);
    expect(refused.json.error.code).toBe("validation:idempotency_key_reused");
    expect(refused.json.error.message).toMatch(/different request/);
    expect(documented("POST /tasks", refused.status, refused.json)).toEqual([]);
    expect(await tasksWith(changed)).toBe(0);
    // The same body on another route is another request too.
    const elsewhere = await call(predictions.POST, { method: "POST", key: writer, body: newTask(marker), headers: { "idempotency-key": key } });
    expect(elsewhere.status).toBe(422);
  });

  it("writes once for 20 concurrent sends of one request with one key: the others replay it or are told it is in progress", async () => {
    const marker = unique("burst");
    const key = crypto.randomUUID();
    const answers = await Promise.all(Array.from({ length: 20 }, () => post(newTask(marker), key)));
    expect(await tasksWith(marker)).toBe(1);
    const statuses = answers.map((a) => a.status);
    expect(statuses.filter((s) => s === 201).length).toBeGreaterThanOrEqual(1);
    expect(statuses.every((s) => s === 201 || s === 409)).toBe(true);
    const ids = new Set(answers.filter((a) => a.status === 201).map((a) => a.json.task.id));
    expect(ids.size).toBe(1);
    for (const busy of answers.filter((a) => a.status === 409)) {
      expect(busy.json.error.code).toBe("conflict:idempotency_key_in_progress");
      expect(documented("POST /tasks", busy.status, busy.json)).toEqual([]);
    }
    // Once the first is answered, every retry gets its answer.
    expect((await post(newTask(marker), key)).json.task.id).toBe([...ids][0]);
  });

  it("keeps nothing for a refused request, so it can be sent again, corrected, with its key", async () => {
    const marker = unique("fixed");
    const key = crypto.randomUUID();
    const bad = await post({ ...newTask(marker), category: "No such category" }, key);
    expect(bad.status).toBe(422);
    const invalid = await post({ ...newTask(marker), text: "" }, key);
    expect(invalid.status).toBe(422);
    expect(await getDb().select().from(idempotencyKeys).where(eq(idempotencyKeys.key, key))).toHaveLength(0);
    expect((await post(newTask(marker), key)).status).toBe(201);
    expect(await tasksWith(marker)).toBe(1);
  });

  it("replays stored predictions (persist) without storing them again", async () => {
    const marker = unique("predict");
    const key = crypto.randomUUID();
    const body = { inputs: [`Parcel ${marker} arrived broken`, `Thanks for ${marker}, all good`], category: "Billing" };
    const first = await call(predictions.POST, { method: "POST", key: writer, body, headers: { "idempotency-key": key } });
    expect(first.status).toBe(200);
    const retry = await call(predictions.POST, { method: "POST", key: writer, body, headers: { "idempotency-key": key } });
    expect(retry.json).toEqual(first.json);
    expect(await tasksWith(marker)).toBe(2);
    expect(documented("POST /predictions", retry.status, retry.json)).toEqual([]);
  });

  it("works for a POST without a body (promote), and keys are each caller's own", async () => {
    const key = crypto.randomUUID();
    const promoted = await call(promote.POST, { method: "POST", key: writer, params: { id: String(modelId) }, headers: { "idempotency-key": key } });
    expect(promoted.status).toBe(200);
    const again = await call(promote.POST, { method: "POST", key: writer, params: { id: String(modelId) }, headers: { "idempotency-key": key } });
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    // Another API key with the same key value: its own request, carried out.
    const marker = unique("theirs");
    const theirs = await post(newTask(marker), key, {}, other);
    expect(theirs.status).toBe(201);
    expect(theirs.headers.get("idempotent-replayed")).toBeNull();
  });

  it("forgets a key after 24 hours: the key may then be used for a new request", async () => {
    const key = crypto.randomUUID();
    expect((await post(newTask(unique("old")), key)).status).toBe(201);
    await getDb().update(idempotencyKeys).set({ expiresAt: new Date(Date.now() - 1000) }).where(and(eq(idempotencyKeys.key, key)));
    const marker = unique("new");
    const fresh = await post(newTask(marker), key);
    expect(fresh.status).toBe(201);
    expect(fresh.headers.get("idempotent-replayed")).toBeNull();
    expect(await tasksWith(marker)).toBe(1);
    const [row] = await getDb().select().from(idempotencyKeys).where(eq(idempotencyKeys.key, key));
    expect(row.expiresAt.getTime()).toBeGreaterThan(Date.now() + 23 * 60 * 60 * 1000);
  });

  it("refuses a malformed key with 400 before anything is written", async () => {
    const marker = unique("malformed");
    for (const key of ["", "x".repeat(256), "with space", "schlüssel"]) {
      const answer = await call(taskList.POST, { method: "POST", key: writer, body: newTask(marker), headers: { "idempotency-key": key } });
      expect(answer.status, JSON.stringify(key)).toBe(400);
      expect(answer.json.error.code).toBe("bad_request:idempotency_key");
      expect(documented("POST /tasks", answer.status, answer.json)).toEqual([]);
    }
    expect(await tasksWith(marker)).toBe(0);
  });
});
