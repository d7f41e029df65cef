import fs from "node:fs";
import path from "node:path";
import { createClient } from "@libsql/client";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { tasks } from "@/db/schema";
import { createApiKey, listApiKeys, revokeKey } from "@/lib/api/keys";
import { resetRateLimits } from "@/lib/api/rate-limit";
import { resetEnvCache } from "@/lib/platform/env";
import { createUser } from "@/lib/admin/users";
import * as predictions from "@/app/api/v1/predictions/route";
import * as taskList from "@/app/api/v1/tasks/route";
import * as taskOne from "@/app/api/v1/tasks/[id]/route";
import * as taskReview from "@/app/api/v1/tasks/[id]/review/route";
import * as models from "@/app/api/v1/models/route";
import * as modelOne from "@/app/api/v1/models/[id]/route";
import * as promote from "@/app/api/v1/models/[id]/promote/route";
import * as runs from "@/app/api/v1/training-runs/route";
import * as runOne from "@/app/api/v1/training-runs/[id]/route";
import * as openapi from "@/app/api/v1/openapi.json/route";
import * as trends from "@/app/api/v1/trends/categories/route";
import * as atRisk from "@/app/api/v1/accounts/at-risk/route";
import * as unknownPath from "@/app/api/v1/[[...path]]/route";
import { OPERATIONS } from "@/app/api/v1/operations";
import { drainTrainingQueue } from "@/lib/training/execute-runs";
import { call, type Handler } from "../support/api";
import { documentChecker } from "../support/openapi-check";
import { unique } from "../support/temp-db";
import { freshDemoDatabase } from "../support/demo-db";
import { rowCount } from "../support/row-counts";

const keys: Record<string, string> = {};
let demoDataset = 0;
let modelId = 0;
let taskId = 0;

const taskCount = () => rowCount(tasks);

beforeAll(async () => {
  const seeded = await freshDemoDatabase({ tasks: 60, examples: 900 });
  modelId = seeded.modelVersionId!;
  demoDataset = (await getDb().$client.execute("select id from datasets where name = 'Demo examples'")).rows[0].id as number;
  taskId = (await getDb().$client.execute("select max(id) as id from tasks")).rows[0].id as number;
  const admin = await createUser({ email: `${unique("admin")}@example.test`, name: "Admin", password: "admin-password-1", role: "admin" }, null);
  keys.all = (await createApiKey({ name: "all", scopes: ["predict", "tasks:read", "tasks:write", "review", "train", "trends:read"] }, admin.id)).secret;
  keys.predictOnly = (await createApiKey({ name: "predict only", scopes: ["predict"] }, admin.id)).secret;
  const revoked = await createApiKey({ name: "old", scopes: ["predict", "tasks:read", "tasks:write", "review", "train"] }, admin.id);
  await revokeKey(revoked.key.id, admin.id);
  keys.revoked = revoked.secret;
});

type Route = { name: string; handler: Handler; method: string; scope: string; body?: unknown; params?: Record<string, string> };
const routes = (): Route[] => [
  { name: "POST /predictions", handler: predictions.POST, method: "POST", scope: "predict", body: { inputs: ["fine"], persist: false } },
  { name: "GET /tasks", handler: taskList.GET, method: "GET", scope: "tasks:read" },
  { name: "POST /tasks", handler: taskList.POST, method: "POST", scope: "tasks:write", body: { account: { name: "M" }, category: "Billing", text: "matrix test request" } },
  { name: "GET /tasks/{id}", handler: taskOne.GET, method: "GET", scope: "tasks:read", params: { id: String(taskId) } },
  { name: "POST /tasks/{id}/review", handler: taskReview.POST, method: "POST", scope: "review", body: { label: "neutral" }, params: { id: String(taskId) } },
  { name: "GET /models", handler: models.GET, method: "GET", scope: "train" },
  { name: "GET /models/{id}", handler: modelOne.GET, method: "GET", scope: "train", params: { id: String(modelId) } },
  { name: "POST /models/{id}/promote", handler: promote.POST, method: "POST", scope: "train", params: { id: String(modelId) } },
  { name: "POST /training-runs", handler: runs.POST, method: "POST", scope: "train", body: { train: { dataset_ids: [demoDataset] }, test: { kind: "holdout", percent: 20 } } },
  { name: "GET /training-runs/{id}", handler: runOne.GET, method: "GET", scope: "train", params: { id: String(modelId) } },
  { name: "GET /trends/categories", handler: trends.GET, method: "GET", scope: "trends:read" },
  { name: "GET /accounts/at-risk", handler: atRisk.GET, method: "GET", scope: "trends:read" },
];

describe("authorization matrix", () => {
  it("answers each route as intended for no key, malformed, revoked, wrong scope and the right key, each answer as documented", async () => {
    const documented = documentChecker();
    for (const r of routes()) {
      resetRateLimits();
      const req = { method: r.method, body: r.body, params: r.params };
      const answers = [];
      const none = await call(r.handler, req);
      expect(none.status, `${r.name} without a key`).toBe(401);
      expect(none.json.error.code).toBe("unauthorized");
      const malformed = await call(r.handler, { ...req, key: "not-a-key" });
      expect(malformed.status, `${r.name} malformed`).toBe(401);
      const basic = await call(r.handler, { ...req, headers: { authorization: "Basic abc" } });
      expect(basic.status).toBe(401);
      const revoked = await call(r.handler, { ...req, key: keys.revoked });
      expect(revoked.json.error.message, `${r.name} revoked`).toMatch(/revoked/);
      answers.push(none, malformed, basic, revoked);
      if (r.scope !== "predict") {
        const wrong = await call(r.handler, { ...req, key: keys.predictOnly });
        expect(wrong.status, `${r.name} wrong scope`).toBe(403);
        expect(wrong.json.error.code).toBe(`forbidden:${r.scope}`);
        answers.push(wrong);
      }
      const ok = await call(r.handler, { ...req, key: keys.all });
      expect([200, 201, 202], `${r.name} with the right key: ${JSON.stringify(ok.json)}`).toContain(ok.status);
      expect(ok.headers.get("x-request-id")).toBeTruthy();
      answers.push(ok);
      for (const a of answers) expect(documented(r.name, a.status, a.json)).toEqual([]);
    }
  });
});

describe("paths and methods the API does not serve", () => {
  it("answer a JSON 404 or 405 (with Allow) carrying a request id, not an empty or HTML page", async () => {
    const missing = await call(unknownPath.GET, { path: "/api/v1/nope/1" });
    expect(missing.status).toBe(404);
    expect(missing.json.error).toMatchObject({ code: "not_found:route", message: expect.stringContaining("/api/v1/nope/1") });
    expect(missing.headers.get("x-request-id")).toBeTruthy();
    expect((await call(unknownPath.POST, { method: "POST", path: "/api/v1/nope", body: {} })).status).toBe(404);

    const wrongMethod = await call(predictions.GET as Handler, { path: "/api/v1/predictions", key: keys.all });
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.json.error.code).toBe("method_not_allowed");
    expect(wrongMethod.headers.get("allow")).toBe("POST, OPTIONS");
    expect(wrongMethod.headers.get("x-request-id")).toBeTruthy();
    expect((await call(taskList.DELETE as Handler, { method: "DELETE" })).headers.get("allow")).toBe("GET, POST, HEAD, OPTIONS");
    const options = await call(modelOne.OPTIONS as Handler, { method: "OPTIONS" });
    expect(options.status).toBe(204);
    expect(options.headers.get("allow")).toBe("GET, HEAD, OPTIONS");
  });
});

describe("the OpenAPI document describes live answers", () => {
  it("matches every answer of a whole workflow: tasks, reviews, a training run compared and promoted, trends, at-risk accounts", async () => {
    resetRateLimits();
    const documented = documentChecker();
    const seen: string[] = [];
    const expectDocumented = async (operation: string, handler: Handler, options: Parameters<typeof call>[1] = {}) => {
      const answer = await call(handler, { key: keys.all, method: operation.split(" ")[0], ...options });
      expect(documented(operation, answer.status, answer.json), JSON.stringify(answer.json).slice(0, 400)).toEqual([]);
      seen.push(operation);
      return answer;
    };

    // An account with three negative requests in a row, marked so by a supervisor.
    const account = { name: "Doc Check", external_ref: unique("doc") };
    const created = [];
    for (const text of ["The refund never came", "Still no refund after a month", "Third time asking about my refund"]) {
      const answer = await expectDocumented("POST /tasks", taskList.POST, { body: { account, category: "Billing", text, external_id: unique("doc-task") } });
      expect(answer.status).toBe(201);
      created.push(answer.json.task.id as number);
      const review = await expectDocumented("POST /tasks/{id}/review", taskReview.POST, { params: { id: String(answer.json.task.id) }, body: { label: "negative" } });
      expect(review.status).toBe(201);
    }
    const repeated = { account, category: "Billing", text: "Same request sent twice", external_id: unique("doc-same") };
    expect((await expectDocumented("POST /tasks", taskList.POST, { body: repeated })).status).toBe(201);
    expect((await expectDocumented("POST /tasks", taskList.POST, { body: repeated })).status).toBe(200);
    const detail = await expectDocumented("GET /tasks/{id}", taskOne.GET, { params: { id: String(created[0]) } });
    expect(detail.json.reviews).toHaveLength(1);
    // A text the emotion server refused says so, rather than "pending" for ever.
    await getDb().$client.execute({ sql: "update predictions set emotion = null, emotion_scores = null, emotion_status = 'failed' where task_id = ?", args: [created[1]] });
    const refused = await expectDocumented("GET /tasks/{id}", taskOne.GET, { params: { id: String(created[1]) } });
    expect(refused.json.prediction.emotion).toBe("failed");
    await expectDocumented("GET /tasks", taskList.GET, { path: "/api/v1/tasks?limit=5" });

    const atRiskAnswer = await expectDocumented("GET /accounts/at-risk", atRisk.GET, { path: "/api/v1/accounts/at-risk?rule=consecutive&n=3" });
    expect(atRiskAnswer.json.accounts.map((a: { name: string }) => a.name)).toContain("Doc Check");
    await expectDocumented("GET /trends/categories", trends.GET, { path: "/api/v1/trends/categories?granularity=day" });

    // A second version, trained while the first is active, so it carries a comparison.
    const queued = await expectDocumented("POST /training-runs", runs.POST, { body: { train: { dataset_ids: [demoDataset] }, test: { kind: "holdout", percent: 20, seed: 7 } } });
    expect(queued.json.training_run.train_selection).toEqual({ dataset_ids: [demoDataset], category_ids: [], from: null, to: null, include_corrections: true });
    expect(queued.json.training_run.test_selection).toEqual({ kind: "holdout", percent: 20, seed: 7 });
    await drainTrainingQueue();
    const run = await expectDocumented("GET /training-runs/{id}", runOne.GET, { params: { id: String(queued.json.training_run.id) } });
    expect(run.json.training_run.status).toBe("succeeded");
    expect(run.json.training_run.metrics.active_comparison).toMatchObject({ n_compared: expect.any(Number), this_version: { macro_f1: expect.any(Number) } });
    const promoted = await expectDocumented("POST /models/{id}/promote", promote.POST, { params: { id: String(queued.json.training_run.id) } });
    expect(promoted.json.model.active).toBe(true);
    await expectDocumented("GET /models/{id}", modelOne.GET, { params: { id: String(modelId) } });
    const list = await expectDocumented("GET /models", models.GET);
    expect(list.json.active_version).toBe(queued.json.training_run.id);
    // Roll back, so the other tests keep the version they expect.
    expect((await expectDocumented("POST /models/{id}/promote", promote.POST, { params: { id: String(modelId) } })).json.model.active).toBe(true);
    await expectDocumented("POST /predictions", predictions.POST, { body: { inputs: ["Great service", { text: "" }], persist: false } });
    await expectDocumented("POST /predictions", predictions.POST, { body: { inputs: ["Great service"], persist: false } });
    await expectDocumented("POST /predictions", predictions.POST, { body: { inputs: ["Great service"] } });

    // Error answers are documented too.
    await expectDocumented("GET /tasks/{id}", taskOne.GET, { params: { id: "999999" } });
    await expectDocumented("POST /training-runs", runs.POST, { body: { train: { dataset_ids: [] }, test: { kind: "holdout", percent: 90 } } });
    await expectDocumented("POST /tasks", taskList.POST, { body: "{not json" });
    const overOneMegabyte = JSON.stringify({ label: "negative", note: "x".repeat(1024 * 1024) });
    for (const [operation, handler, params] of [["POST /tasks/{id}/review", taskReview.POST, { id: String(created[0]) }], ["POST /training-runs", runs.POST, {}]] as const) {
      expect((await expectDocumented(operation, handler, { params, body: overOneMegabyte })).status).toBe(413);
    }
    expect(new Set(seen)).toEqual(new Set(routes().map((r) => r.name)));
  });
});

describe("POST /predictions", () => {
  it("scores each input, reports per-input errors, and stores nothing with persist: false", async () => {
    const before = await taskCount();
    const res = await call(predictions.POST, {
      method: "POST",
      key: keys.all,
      body: { persist: false, inputs: ["I am furious, my refund never arrived", "", "x".repeat(5121), { text: 42 }, { text: "thank you so much, great help" }] },
    });
    // Some scored, some not: the status and the counts say so at the top.
    expect(res.status).toBe(207);
    expect(res.json).toMatchObject({ succeeded: 2, failed: 3 });
    const [furious, empty, long, notText, thanks] = res.json.results;
    expect(furious).toMatchObject({ ok: true, sentiment: { label: "negative" }, model_version: modelId });
    expect(furious.explanation.length).toBeGreaterThan(0);
    expect(["pending", "object"]).toContain(typeof furious.emotion === "string" ? furious.emotion : "object");
    expect(empty).toMatchObject({ ok: false, error: { code: "validation:text", message: "Text is empty." } });
    expect(long.error.message).toMatch(/longer than 5120/);
    expect(notText.error.message).toMatch(/must be a string/);
    expect(thanks.sentiment.label).toBe("positive");
    expect(await taskCount()).toBe(before);
  });

  it("stores inputs as tasks when persisting, and needs a category for that", async () => {
    const before = await taskCount();
    const res = await call(predictions.POST, { method: "POST", key: keys.all, body: { category: "Payments", inputs: ["payment failed again", { text: "no category here", category: "" }] } });
    expect(res.json.results[0]).toMatchObject({ ok: true, task_id: expect.any(Number) });
    expect(await taskCount()).toBe(before + 2 - 0 - (res.json.results[1].ok ? 0 : 1));
    const all = await call(predictions.POST, { method: "POST", key: keys.all, body: { category: "Payments", inputs: ["payment failed again"] } });
    expect(all.status).toBe(200);
    expect(all.json).toMatchObject({ succeeded: 1, failed: 0 });
  });

  it("answers 422, storing nothing, when no input could be stored (no category)", async () => {
    const before = await taskCount();
    const res = await call(predictions.POST, { method: "POST", key: keys.all, body: { inputs: ["my parcel is lost", "and nobody calls back"] } });
    expect(res.status).toBe(422);
    expect(res.json.error).toMatchObject({
      code: "validation:inputs",
      message: expect.stringMatching(/^No input was stored: A stored input needs a category/),
      details: [
        { path: "inputs.0", code: "validation:category", message: expect.any(String) },
        { path: "inputs.1", code: "validation:category", message: expect.any(String) },
      ],
    });
    expect(await taskCount()).toBe(before);
    const empty = await call(predictions.POST, { method: "POST", key: keys.all, body: { persist: false, inputs: ["", " "] } });
    expect(empty.status).toBe(422);
    expect(empty.json.error.message).toBe("No input was scored: Text is empty.");
  });

  it("names the field of an input it refuses: a NUL in a stored text, a bad e-mail, a missing name", async () => {
    const before = await taskCount();
    const nul = await call(predictions.POST, { method: "POST", key: keys.all, body: { category: "Payments", inputs: ["refund please", "angry \u0000 customer"] } });
    expect(nul.status).toBe(207);
    expect(nul.json.results[1]).toMatchObject({ ok: false, error: { code: "validation:task", message: "text: Remove the NUL (U+0000) character." } });
    expect(await taskCount()).toBe(before + 1);
    const account = await call(predictions.POST, { method: "POST", key: keys.all, body: { category: "Payments", inputs: [{ text: "hi", account: { email: "not-an-email" } }] } });
    expect(account.status).toBe(422);
    expect(account.json.error.details).toEqual([{ path: "inputs.0", message: "account.name: Give the customer's name.; account.email: Enter a valid e-mail address." }]);
    expect(await taskCount()).toBe(before + 1);
  });

  it("needs tasks:write to store: a predict-only key scores without storing, and is refused when it asks to store", async () => {
    const before = await taskCount();
    for (const body of [{ category: "Payments", inputs: ["stored by a predict key?"] }, { category: "Payments", persist: true, inputs: ["stored?"] }]) {
      const refused = await call(predictions.POST, { method: "POST", key: keys.predictOnly, body });
      expect(refused.status).toBe(403);
      expect(refused.json.error).toMatchObject({ code: "forbidden:tasks:write", message: expect.stringMatching(/persist": false/) });
    }
    const scored = await call(predictions.POST, { method: "POST", key: keys.predictOnly, body: { persist: false, inputs: ["my refund never arrived"] } });
    expect(scored.status).toBe(200);
    expect(scored.json.results[0]).toMatchObject({ ok: true, task_id: null });
    expect(await taskCount()).toBe(before);
  });

  it("rejects bad requests with the documented status codes and writes nothing", async () => {
    const before = await taskCount();
    const post = (body: unknown, headers: Record<string, string> = {}) => call(predictions.POST, { method: "POST", key: keys.all, body, headers });
    expect((await post("{not json")).status).toBe(400);
    expect((await post({ inputs: ["a"] }, { "content-type": "text/plain" })).status).toBe(415);
    expect((await post(JSON.stringify({ inputs: ["a".repeat(1_100_000)] }))).status).toBe(413);
    const tooMany = await post({ inputs: Array.from({ length: 101 }, () => "hi") });
    expect(tooMany.status).toBe(422);
    expect(tooMany.json.error.details[0]).toMatchObject({ path: "inputs", message: expect.stringMatching(/at most 100/) });
    const wrongType = await post({ inputs: "hello" });
    expect(wrongType.status).toBe(422);
    expect(await taskCount()).toBe(before);
  });
});

describe("tasks, reviews and models over the API", () => {
  it("creates a task once per external_id, reads it, reviews it", async () => {
    const body = { account: { name: "Acme", external_ref: "ACME-1" }, category: "Billing", text: "The invoice is wrong again", external_id: unique("crm") };
    const first = await call(taskList.POST, { method: "POST", key: keys.all, body });
    expect(first.status).toBe(201);
    const again = await call(taskList.POST, { method: "POST", key: keys.all, body });
    expect(again.status).toBe(200);
    expect(again.json.task.id).toBe(first.json.task.id);
    const id = String(first.json.task.id);
    const read = await call(taskOne.GET, { key: keys.all, params: { id } });
    expect(read.json.task).toMatchObject({ id: Number(id), category: "Billing", account: { name: "Acme" } });
    const review = await call(taskReview.POST, { method: "POST", key: keys.all, params: { id }, body: { label: "positive", note: "from CRM" } });
    expect(review.status).toBe(201);
    expect((await call(taskOne.GET, { key: keys.all, params: { id } })).json.task.sentiment).toBe("positive");
    expect((await call(taskOne.GET, { key: keys.all, params: { id: "99999999" } })).status).toBe(404);
    expect((await call(taskOne.GET, { key: keys.all, params: { id: "abc" } })).status).toBe(404);
    expect((await call(taskReview.POST, { method: "POST", key: keys.all, params: { id }, body: { label: "meh" } })).status).toBe(422);
    expect((await call(taskList.POST, { method: "POST", key: keys.all, body: { ...body, external_id: undefined, category: "Nope" } })).status).toBe(422);
  });

  it("pages tasks with a cursor and rejects an unknown filter value", async () => {
    const first = await call(taskList.GET, { key: keys.all, path: "/api/v1/tasks?limit=5" });
    expect(first.json.tasks).toHaveLength(5);
    const second = await call(taskList.GET, { key: keys.all, path: `/api/v1/tasks?limit=5&cursor=${first.json.next_cursor}` });
    expect(second.json.tasks[0].id).toBeLessThan(first.json.tasks[4].id + 1);
    expect(second.json.tasks.map((t: { id: number }) => t.id)).not.toContain(first.json.tasks[0].id);
    expect((await call(taskList.GET, { key: keys.all, path: "/api/v1/tasks?sentiment=furious" })).status).toBe(422);
  });

  it("queues a training run and refuses to promote an unfinished one", async () => {
    const queued = await call(runs.POST, { method: "POST", key: keys.all, body: { train: { dataset_ids: [demoDataset] }, test: { kind: "holdout", percent: 20 } } });
    expect(queued.status).toBe(202);
    expect(queued.json.training_run.status).toBe("queued");
    const refused = await call(promote.POST, { method: "POST", key: keys.all, params: { id: String(queued.json.training_run.id) } });
    expect(refused.status).toBe(409);
    const bad = await call(runs.POST, { method: "POST", key: keys.all, body: { train: { dataset_ids: [] }, test: { kind: "holdout", percent: 90 } } });
    expect(bad.status).toBe(422);
    expect(bad.json.error.details.map((d: { path: string }) => d.path)).toEqual(expect.arrayContaining(["train.dataset_ids", "test.percent"]));
  });

  it("answers every 422 in one shape, whether the body schema or lib/ found the problem, with the field paths the caller sent", async () => {
    // Found by the route's body schema:
    const schema = await call(runs.POST, { method: "POST", key: keys.all, body: { train: { dataset_ids: [] }, test: { kind: "holdout", percent: 20 } } });
    expect(schema.status).toBe(422);
    expect(schema.json.error.details).toEqual([{ path: "train.dataset_ids", message: expect.any(String) }]);
    // Found by lib/ after the body passed (lib/ names the field test.datasetIds):
    const overlap = await call(runs.POST, { method: "POST", key: keys.all, body: { train: { dataset_ids: [demoDataset] }, test: { kind: "dataset", dataset_ids: [demoDataset] } } });
    expect(overlap.status).toBe(422);
    expect(overlap.json.error).toMatchObject({ code: "validation:test_overlap", details: [{ path: "test.dataset_ids", message: expect.stringMatching(/does not train on/) }] });
    const category = await call(taskList.POST, { method: "POST", key: keys.all, body: { account: { name: "Acme" }, category: "Nope", text: "The invoice is wrong" } });
    expect(category.status).toBe(422);
    expect(category.json.error).toMatchObject({ code: "validation:category", details: [{ path: "category", message: "Unknown category." }] });
  });

  it("limits the request rate per key with Retry-After", async () => {
    resetRateLimits();
    process.env.API_RATE_LIMIT_PER_MINUTE = "60";
    process.env.API_RATE_LIMIT_BURST = "5";
    resetEnvCache();
    const statuses = [];
    for (let i = 0; i < 7; i++) statuses.push((await call(models.GET, { key: keys.all })).status);
    expect(statuses.slice(0, 5)).toEqual([200, 200, 200, 200, 200]);
    const limited = await call(models.GET, { key: keys.all });
    expect(limited.status).toBe(429);
    expect(limited.json.error.code).toBe("rate_limited");
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
    // Another key has its own bucket.
    expect((await call(predictions.POST, { method: "POST", key: keys.predictOnly, body: { inputs: ["ok"], persist: false } })).status).toBe(200);
    delete process.env.API_RATE_LIMIT_PER_MINUTE;
    delete process.env.API_RATE_LIMIT_BURST;
    resetEnvCache();
    resetRateLimits();
  });
});

describe("key ownership", () => {
  it("stops a key working when the admin who issued it is deactivated", async () => {
    const owner = await createUser({ email: `${unique("owner")}@example.test`, name: "Owner", password: "owner-password-1", role: "admin" }, null);
    const { secret } = await createApiKey({ name: "owned", scopes: ["predict"] }, owner.id);
    const body = { inputs: ["hello"], persist: false };
    expect((await call(predictions.POST, { method: "POST", key: secret, body })).status).toBe(200);
    const { changeUser } = await import("@/lib/admin/users");
    await changeUser({ id: owner.id, active: "false" }, owner.id);
    const refused = await call(predictions.POST, { method: "POST", key: secret, body });
    expect(refused.status).toBe(401);
    expect(refused.json.error.message).toMatch(/no longer has access/);
  });
});

describe("last-used time", () => {
  it("is recorded on a key's first call, without the call waiting for another process's write lock", async () => {
    const owner = await createUser({ email: `${unique("touch")}@example.test`, name: "Touch", password: "touch-password-1", role: "admin" }, null);
    const { key, secret } = await createApiKey({ name: "touched", scopes: ["trends:read"] }, owner.id);
    const lastUsed = async () => (await listApiKeys()).find((k) => k.id === key.id)?.lastUsedAt ?? null;
    expect(await lastUsed()).toBeNull();

    // Another process holds the write lock: a read is answered at once all the same.
    const other = createClient({ url: process.env.DATABASE_URL! });
    try {
      const tx = await other.transaction("write");
      const res = await call(trends.GET, { key: secret, path: "/api/v1/trends/categories" });
      expect(res.status).toBe(200);
      expect(await lastUsed()).toBeNull();
      await tx.commit();
    } finally {
      other.close();
    }
    for (let i = 0; i < 100 && !(await lastUsed()); i++) await new Promise((r) => setTimeout(r, 50));
    expect(await lastUsed()).toBeInstanceOf(Date);
  });
});

describe("verified keys are cached briefly", () => {
  it("refuses a key at once after it is revoked here, and within the cache time after another instance revokes it", async () => {
    const owner = await createUser({ email: `${unique("cache")}@example.test`, name: "Cache", password: "cache-password-1", role: "admin" }, null);
    const here = await createApiKey({ name: "revoked here", scopes: ["predict"] }, owner.id);
    const body = { inputs: ["hello"], persist: false };
    expect((await call(predictions.POST, { method: "POST", key: here.secret, body })).status).toBe(200);
    await revokeKey(here.key.id, owner.id);
    expect((await call(predictions.POST, { method: "POST", key: here.secret, body })).status).toBe(401);

    // Another instance writes the revocation straight to the shared database.
    const { verifyApiKey, VERIFIED_KEY_TTL_MS } = await import("@/lib/api/keys");
    const { revokeApiKey } = await import("@/db/queries/api-keys");
    const there = await createApiKey({ name: "revoked elsewhere", scopes: ["predict"] }, owner.id);
    const t0 = Date.now();
    expect((await verifyApiKey(there.secret, t0)).id).toBe(there.key.id);
    await revokeApiKey({ id: there.key.id });
    expect((await verifyApiKey(there.secret, t0 + VERIFIED_KEY_TTL_MS - 1)).id).toBe(there.key.id);
    await expect(verifyApiKey(there.secret, t0 + VERIFIED_KEY_TTL_MS + 1)).rejects.toThrow(/revoked/);
  });
});

describe("trends over the API", () => {
  it("answers category trends and at-risk accounts, and names a bad query", async () => {
    const t = await call(trends.GET, { key: keys.all, path: "/api/v1/trends/categories?granularity=week" });
    expect(t.status).toBe(200);
    expect(t.json.categories).toHaveLength(10);
    expect(t.json.categories[0]).toHaveProperty("current.total");
    const a = await call(atRisk.GET, { key: keys.all, path: "/api/v1/accounts/at-risk?rule=consecutive&n=2" });
    expect(a.status).toBe(200);
    expect(Array.isArray(a.json.accounts)).toBe(true);
    expect((await call(trends.GET, { key: keys.all, path: "/api/v1/trends/categories?granularity=hourly" })).status).toBe(422);
  });
});

describe("OpenAPI", () => {
  it("is built from every operation a route serves, so a new route cannot be left out of it", async () => {
    const served = [];
    const files = (fs.readdirSync("app/api/v1", { recursive: true }) as string[]).filter((f) => path.basename(f) === "route.ts");
    for (const file of files) {
      const route: Record<string, unknown> = await import(path.resolve("app/api/v1", file));
      for (const handler of Object.values(route)) if (typeof handler === "function" && "operation" in handler) served.push(handler.operation);
    }
    expect(served.length).toBeGreaterThanOrEqual(18);
    expect(new Set(OPERATIONS)).toEqual(new Set(served));
  });

  it("documents every route with its scope and the request schemas", async () => {
    const doc = (await call(openapi.GET as unknown as Handler)).json;
    expect(doc.openapi).toBe("3.1.0");
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(["/predictions", "/tasks", "/tasks/{id}", "/tasks/{id}/review", "/models", "/models/{id}/promote", "/training-runs", "/training-runs/{id}", "/trends/categories", "/accounts/at-risk"]));
    const predict = doc.paths["/predictions"].post;
    expect(predict["x-required-scope"]).toBe("predict");
    expect(predict.requestBody.content["application/json"].schema.properties.inputs.maxItems).toBe(100);
  });
});
