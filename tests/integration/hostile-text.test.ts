// Texts of control characters through every way in (the REST API's predictions and tasks,
// the public feedback form): a clear 4xx naming the text, never a 500, and nothing
// written by a request that reports an error — no account without its task.
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { createApiKey } from "@/lib/api/keys";
import { isAppError } from "@/lib/platform/errors";
import { submitFeedback } from "@/lib/intake/feedback-form";
import { textSchema } from "@/lib/sentiment/analyze";
import { createUser } from "@/lib/admin/users";
import { isBlankText } from "@/models/validation";
import * as predictions from "@/app/api/v1/predictions/route";
import * as taskList from "@/app/api/v1/tasks/route";
import { call } from "../support/api";
import { unique } from "../support/temp-db";
import { freshDemoDatabase } from "../support/demo-db";

let key = "";
const CONTROL_ONLY = ["\u0001", "\u0001\u0002\u001f", " \t\u0007\n\u000b ", "\u0000"];

async function rows(table: "tasks" | "customer_accounts" | "predictions"): Promise<number> {
  return Number((await getDb().$client.execute(`select count(*) as n from ${table}`)).rows[0].n);
}

beforeAll(async () => {
  await freshDemoDatabase({ tasks: 30, examples: 600 });
  const admin = await createUser({ email: `${unique("admin")}@example.test`, name: "Admin", password: "admin-password-1", role: "admin" }, null);
  key = (await createApiKey({ name: "all", scopes: ["predict", "tasks:read", "tasks:write"] }, admin.id)).secret;
});

describe("one rule for a blank text", () => {
  it("the input check refuses exactly what the models call blank", () => {
    for (const text of [...CONTROL_ONLY, "", "   ", "\u00a0\u2003"]) {
      expect(isBlankText(text.trim()), JSON.stringify(text)).toBe(true);
      expect(textSchema.safeParse(text).success, JSON.stringify(text)).toBe(false);
    }
    for (const text of ["ok", "\u0001 ok", "é", "😀"]) expect(textSchema.safeParse(text).success, JSON.stringify(text)).toBe(true);
  });
});

describe("control characters through the API", () => {
  it("POST /predictions without storing: each blank input gets its own validation error, the others are scored", async () => {
    const res = await call(predictions.POST, { method: "POST", key, body: { persist: false, inputs: [...CONTROL_ONLY, "my refund never arrived"] } });
    // 207: some inputs were scored, some were not.
    expect(res.status).toBe(207);
    expect(res.json).toMatchObject({ succeeded: 1, failed: CONTROL_ONLY.length });
    const results = res.json.results as { ok: boolean; error?: { code: string } }[];
    expect(results.slice(0, CONTROL_ONLY.length).map((r) => r.error?.code)).toEqual(CONTROL_ONLY.map(() => "validation:text"));
    expect(results[CONTROL_ONLY.length].ok).toBe(true);
  });

  it("POST /predictions storing: the good input is stored once, the blank one is refused, a retry adds nothing", async () => {
    const [tasks, accounts] = [await rows("tasks"), await rows("customer_accounts")];
    const id = unique("pred");
    const body = { category: "Payments", inputs: [{ text: "ok text about my invoice", external_id: `${id}-a`, account: { name: `Acct ${id}` } }, { text: "\u0001", external_id: `${id}-b`, account: { name: `Blank ${id}` } }] };
    for (let attempt = 0; attempt < 2; attempt++) {
      const res = await call(predictions.POST, { method: "POST", key, body });
      expect(res.status).toBe(207);
      expect(res.json.results[0]).toMatchObject({ ok: true, task_id: expect.any(Number) });
      expect(res.json.results[1]).toMatchObject({ ok: false, error: { code: "validation:text" } });
    }
    expect(await rows("tasks")).toBe(tasks + 1);
    expect(await rows("customer_accounts")).toBe(accounts + 1); // the good input's account only
  });

  it("POST /tasks with a text of control characters: 422 naming the text, and no account row", async () => {
    for (const text of CONTROL_ONLY) {
      const [tasks, accounts] = [await rows("tasks"), await rows("customer_accounts")];
      const res = await call(taskList.POST, { method: "POST", key, body: { account: { name: `Hostile ${unique("a")}` }, category: "Billing", text } });
      expect(res.status, JSON.stringify(text)).toBe(422);
      expect(JSON.stringify(res.json.error.details)).toContain("text");
      expect(await rows("tasks")).toBe(tasks);
      expect(await rows("customer_accounts")).toBe(accounts);
    }
  });
});

describe("control characters through the public feedback form", () => {
  it("refuses a text of only control characters with a field error, leaving no account", async () => {
    const accounts = await rows("customer_accounts");
    const error = await submitFeedback({ name: "Mallory", email: `${unique("m")}@example.test`, category: "Billing", text: "\u0001".repeat(20) }).catch((e) => e);
    expect(isAppError(error)).toBe(true);
    expect(error.code).toBe("validation:feedback");
    expect(error.details.fieldErrors.text).toMatch(/in words/);
    expect(await rows("customer_accounts")).toBe(accounts);
  });
});
