// The level-of-support API on a real database: task fields, PATCH /tasks/{id}, the
// escalation rules routes and the list filters, each answer checked against the OpenAPI document.
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { createApiKey } from "@/lib/api/keys";
import { resetRateLimits } from "@/lib/api/rate-limit";
import { createUser } from "@/lib/admin/users";
import * as taskList from "@/app/api/v1/tasks/route";
import * as taskOne from "@/app/api/v1/tasks/[id]/route";
import * as rules from "@/app/api/v1/escalation-rules/route";
import * as ruleOne from "@/app/api/v1/escalation-rules/[id]/route";
import * as dryRun from "@/app/api/v1/escalation-rules/dry-run/route";
import { call } from "../support/api";
import { documentChecker } from "../support/openapi-check";
import { unique } from "../support/temp-db";
import { freshDemoDatabase } from "../support/demo-db";

const documented = documentChecker();
let writer = "";
let rulesKey = "";
let readOnly = "";
let agentId = 0;

async function answer(operation: string, handler: Parameters<typeof call>[0], options: Parameters<typeof call>[1]) {
  resetRateLimits();
  const result = await call(handler, options);
  expect(documented(operation, result.status, result.json), JSON.stringify(result.json).slice(0, 400)).toEqual([]);
  return result;
}

beforeAll(async () => {
  await freshDemoDatabase({ tasks: 80, examples: 900 });
  const admin = await createUser({ email: `${unique("admin")}@example.test`, name: "Admin", password: "admin-password-1", role: "admin" }, null);
  agentId = (await createUser({ email: `${unique("agent")}@example.test`, name: "Ada Agent", password: "agent-password-1", role: "agent" }, null)).id;
  writer = (await createApiKey({ name: "writer", scopes: ["tasks:read", "tasks:write"] }, admin.id)).secret;
  rulesKey = (await createApiKey({ name: "rules", scopes: ["rules", "tasks:read", "tasks:write"] }, admin.id)).secret;
  readOnly = (await createApiKey({ name: "reader", scopes: ["tasks:read"] }, admin.id)).secret;
});

describe("tasks", () => {
  it("carries priority, reasons, owner and the SLA clock; PATCH changes owner, priority and status", async () => {
    const created = await answer("POST /tasks", taskList.POST, {
      method: "POST",
      key: writer,
      body: { account: { name: "Angry Ann", email: `${unique("ann")}@example.test` }, category: "Billing", text: "I was charged twice again and support keeps ignoring me. Terrible service." },
    });
    expect(created.status).toBe(201);
    const task = created.json.task;
    expect(task.priority).toMatch(/^(urgent|high)$/);
    expect(task.priority_reasons[0]).toMatch(/^negative \d+%$/);
    expect(task.owner).toBeNull();
    expect(task.sla_due_at).not.toBeNull();
    expect(task.first_response_at).toBeNull();

    const params = { id: String(task.id) };
    const patched = await answer("PATCH /tasks/{id}", taskOne.PATCH, { method: "PATCH", key: writer, params, body: { owner: agentId, priority: "low", status: "replied" } });
    expect(patched.status).toBe(200);
    expect(patched.json.task).toMatchObject({ owner: { id: agentId, name: "Ada Agent" }, priority: "low", priority_reasons: ["set by hand by API key writer"], status: "replied" });
    expect(patched.json.task.first_response_at).not.toBeNull();

    const one = await answer("GET /tasks/{id}", taskOne.GET, { key: readOnly, params });
    expect(one.json.task).toMatchObject({ priority: "low", owner: { id: agentId } });

    const mine = await answer("GET /tasks", taskList.GET, { key: readOnly, path: `/api/v1/tasks?owner=${agentId}&priority=low&breached=false` });
    expect(mine.json.tasks.map((t: { id: number }) => t.id)).toEqual([task.id]);
    const unassigned = await answer("GET /tasks", taskList.GET, { key: readOnly, path: "/api/v1/tasks?owner=none&sort=priority&limit=200" });
    expect(unassigned.json.tasks.length).toBeGreaterThan(0);
    expect(unassigned.json.tasks.every((t: { owner: unknown }) => t.owner === null)).toBe(true);
    expect(unassigned.json.tasks.map((t: { id: number }) => t.id)).not.toContain(task.id);
    const ranks = unassigned.json.tasks.map((t: { priority: string }) => ["urgent", "high", "normal", "low"].indexOf(t.priority));
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
  });

  it("refuses a bad PATCH with a clear error and changes nothing", async () => {
    const [{ id }] = (await getDb().$client.execute("select max(id) as id from tasks")).rows as unknown as { id: number }[];
    const params = { id: String(id) };
    const empty = await answer("PATCH /tasks/{id}", taskOne.PATCH, { method: "PATCH", key: writer, params, body: {} });
    expect(empty.status).toBe(422);
    expect(JSON.stringify(empty.json.error.details)).toMatch(/at least one of owner, priority, status/);
    const wrong = await answer("PATCH /tasks/{id}", taskOne.PATCH, { method: "PATCH", key: writer, params, body: { priority: "critical" } });
    expect(wrong.status).toBe(422);
    const nobody = await answer("PATCH /tasks/{id}", taskOne.PATCH, { method: "PATCH", key: writer, params, body: { owner: 99_999, status: "closed" } });
    expect(nobody.status).toBe(422);
    expect(nobody.json.error.message).toMatch(/no active user 99999/);
    const after = await answer("GET /tasks/{id}", taskOne.GET, { key: readOnly, params });
    expect(after.json.task.status).not.toBe("closed");
    const missing = await answer("PATCH /tasks/{id}", taskOne.PATCH, { method: "PATCH", key: writer, params: { id: "99999999" }, body: { status: "read" } });
    expect(missing.status).toBe(404);
    const noScope = await answer("PATCH /tasks/{id}", taskOne.PATCH, { method: "PATCH", key: readOnly, params, body: { status: "read" } });
    expect(noScope.status).toBe(403);
    const badFilter = await answer("GET /tasks", taskList.GET, { key: readOnly, path: "/api/v1/tasks?breached=maybe" });
    expect(badFilter.status).toBe(422);
  });
});

describe("escalation rules", () => {
  const rule = { name: "Angry billing", conditions: { sentiments: ["negative"], emotions: ["anger"], phrases: ["charged"] }, actions: { set_priority: "urgent", webhook: true } };

  it("creates, lists, dry-runs, switches off and deletes a rule, each answer as documented", async () => {
    const tried = await answer("POST /escalation-rules/dry-run", dryRun.POST, { method: "POST", key: rulesKey, body: { ...rule, conditions: { sentiments: ["negative"] } } });
    expect(tried.status).toBe(200);
    expect(tried.json.matched).toBeGreaterThan(0);
    expect(tried.json.days).toBe(30);

    const created = await answer("POST /escalation-rules", rules.POST, { method: "POST", key: rulesKey, body: rule });
    expect(created.status).toBe(201);
    expect(created.json.rule).toMatchObject({ name: "Angry billing", active: true, conditions: rule.conditions, actions: rule.actions });
    const id = String(created.json.rule.id);

    const listed = await answer("GET /escalation-rules", rules.GET, { key: rulesKey });
    expect(listed.json.rules.map((r: { id: number }) => r.id)).toContain(Number(id));

    const off = await answer("PATCH /escalation-rules/{id}", ruleOne.PATCH, { method: "PATCH", key: rulesKey, params: { id }, body: { active: false } });
    expect(off.json.rule).toMatchObject({ active: false, name: "Angry billing" });

    const broken = await answer("PATCH /escalation-rules/{id}", ruleOne.PATCH, { method: "PATCH", key: rulesKey, params: { id }, body: { actions: { assign_to: 99_999 } } });
    expect(broken.status).toBe(422);
    expect(broken.json.error.message).toMatch(/no active user 99999/);
    const unchanged = await answer("GET /escalation-rules", rules.GET, { key: rulesKey });
    expect(unchanged.json.rules.find((r: { id: number }) => r.id === Number(id)).actions).toEqual(rule.actions);

    const deleted = await answer("DELETE /escalation-rules/{id}", ruleOne.DELETE, { method: "DELETE", key: rulesKey, params: { id } });
    expect(deleted.json).toEqual({ deleted: true });
    const again = await answer("DELETE /escalation-rules/{id}", ruleOne.DELETE, { method: "DELETE", key: rulesKey, params: { id } });
    expect(again.status).toBe(404);
  });

  it("refuses a rule without conditions or with unknown fields, and a key without the rules scope", async () => {
    const none = await answer("POST /escalation-rules", rules.POST, { method: "POST", key: rulesKey, body: { name: "x", conditions: {}, actions: { webhook: true } } });
    expect(none.status).toBe(422);
    expect(JSON.stringify(none.json.error.details)).toMatch(/at least one condition/);
    const typo = await answer("POST /escalation-rules", rules.POST, { method: "POST", key: rulesKey, body: { ...rule, conditions: { sentiment: ["negative"] } } });
    expect(typo.status).toBe(422);
    const forbidden = await answer("GET /escalation-rules", rules.GET, { key: writer });
    expect(forbidden.status).toBe(403);
    expect(forbidden.json.error.code).toBe("forbidden:rules");
  });
});
