// SCALE-OUT: the smoke part of the suite against a libSQL server (sqld) with two
// `next start` instances sharing it and the same AUTH_SECRET, as behind a load balancer.
// A model promoted through one instance is used by the other; a review made on one is
// seen on the other; a browser session from one is valid on the other; task creation
// spread over both stays idempotent and loses nothing.
import fs from "node:fs";
import type { Client } from "@libsql/client";
import { chromium } from "@playwright/test";
import { afterAll, describe, expect, it } from "vitest";
import { queueTrainingRun } from "@/lib/training/runs";
import { drainTrainingQueue } from "@/lib/training/execute-runs";
import { api, appEnv, consistency, count, openClient, partsForSuite, prepareDatabase, recordFigures, startApp, startSqldServer, tempDir, waitUntil, type App, type Prepared, type Proc, suitePort } from "./support/harness";
import { E2E_PASSWORD, E2E_USERS } from "../e2e/users";

const PORT_A = suitePort(50);
const PORT_B = suitePort(51);
const SQLD_PORT = suitePort(52);

type Prediction = { results: { ok: boolean; model_version: number }[] };

describe("scale-out: two instances on one sqld", () => {
  const suite = partsForSuite<{ sqld: Proc & { url: string }; prepared: Prepared; a: App; b: App; db: Client }>(async (s) => {
    const dir = tempDir("scale");
    s.sqld = await startSqldServer(SQLD_PORT, dir);
    s.prepared = await prepareDatabase({ url: s.sqld.url, dir, tasks: 100 });
    // One Next.js worker per instance: four Next.js processes would crowd the two cores CI
    // has. Each process sends its write batches to sqld one at a time (db/libsql-workarounds/one-batch-at-a-time.ts).
    const env = appEnv(s.sqld.url, { WEB_CONCURRENCY: "1" });
    [s.a, s.b] = await Promise.all([startApp("app-a", PORT_A, env, dir), startApp("app-b", PORT_B, env, dir)]);
    s.db = openClient(s.sqld.url);
  });
  const figures: Record<string, number> = {};

  afterAll(() => {
    recordFigures("scale-out (sqld, 2 instances)", { ...figures, outcome: "promotion and review seen across instances, session valid on both, rows lost 0" });
  });

  it("a model promoted through one instance is used by the other within seconds", async () => {
    const { prepared, a, b, db } = suite;
    const predictOn = async (app: App) => {
      const r = await api(app.url, prepared.apiKey, "POST", "/predictions", { persist: false, inputs: ["The refund never came"] });
      expect(r.status, r.text).toBe(200);
      return (r.json as Prediction).results[0].model_version;
    };
    const before = await predictOn(b);
    const dataset = Number((await db.execute("select id from datasets where kind = 'demo'")).rows[0].id);
    const run = await queueTrainingRun({ name: "scale-out", algorithm: "cnb", train: { datasetIds: [dataset], includeCorrections: false }, test: { kind: "holdout", percent: 20 } }, prepared.adminId);
    await drainTrainingQueue();
    expect(run.id).not.toBe(before);

    const promoted = await api(a.url, prepared.apiKey, "POST", `/models/${run.id}/promote`);
    expect(promoted.status, promoted.text).toBe(200);
    expect(await predictOn(a)).toBe(run.id);
    // Instance B re-reads the active version every few seconds (lib/sentiment/active-model.ts).
    await waitUntil("instance B to use the promoted model", async () => (await predictOn(b)) === run.id, { timeoutMs: 30_000, everyMs: 250 });
    figures["promotions seen across instances"] = 1;
  });

  it("a review made on one instance is seen on the other, and a session signed in on one is valid on the other", async () => {
    const { prepared, a, b, db } = suite;
    const taskId = Number((await db.execute("select id from tasks where sentiment <> 'positive' order by id limit 1")).rows[0].id);
    const review = await api(a.url, prepared.apiKey, "POST", `/tasks/${taskId}/review`, { label: "positive", note: "seen on B?" });
    expect(review.status, review.text).toBe(201);
    const onB = await api(b.url, prepared.apiKey, "GET", `/tasks/${taskId}`);
    expect(onB.status).toBe(200);
    const body = onB.json as { task: { reviewed: boolean; sentiment: string }; reviews: { label_after: string; note: string }[] };
    expect(body.task.reviewed).toBe(true);
    expect(body.task.sentiment).toBe("positive");
    expect(body.reviews.map((r) => [r.label_after, r.note])).toContainEqual(["positive", "[API key reliability] seen on B?"]);

    // Same AUTH_SECRET: the cookie from signing in on A is a valid session on B
    // (cookies are per host, not per port, so one browser context carries it to both).
    const executablePath = process.env.CHROMIUM_PATH || (fs.existsSync("/usr/bin/chromium") ? "/usr/bin/chromium" : undefined);
    const browser = await chromium.launch({ executablePath, args: ["--no-sandbox", "--headless", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"] });
    try {
      const page = await (await browser.newContext()).newPage();
      await page.goto(`${a.url}/login`);
      await page.getByLabel("E-mail").fill(E2E_USERS.supervisor.email);
      await page.getByLabel("Password").fill(E2E_PASSWORD);
      await page.getByRole("button", { name: "Sign in" }).click();
      await page.getByTestId("current-user").waitFor();
      await page.goto(`${b.url}/tasks/${taskId}`);
      await expect(page.getByTestId("current-user").innerText()).resolves.toContain(E2E_USERS.supervisor.name);
      expect(await page.locator("body").innerText()).toContain("seen on B?");
    } finally {
      await browser.close();
    }
    figures["reviews seen across instances"] = 1;
  });

  it("task creation spread over both instances, with retries sent to the other one, stores each task once", async () => {
    const { prepared, a, b, db } = suite;
    const run = `scale-${Date.now().toString(36)}`;
    const n = 120;
    const before = await count(db, "select count(*) from tasks");
    const answers = await Promise.all(
      Array.from({ length: n }, async (_, i) => {
        const body = { account: { name: "Two instances" }, category: "Billing", text: `Request ${i} about my bill`, external_id: `${run}-${i % (n / 2)}` };
        // Each id is sent twice, once to each instance, at the same time.
        const r = await api(i % 2 === 0 ? a.url : b.url, prepared.apiKey, "POST", "/tasks", body);
        return { status: r.status, id: (r.json as { task?: { id: number } })?.task?.id, externalId: body.external_id, text: r.text };
      }),
    );
    // Under this contention sqld refuses some writes (SQLITE_BUSY, or 429 when its
    // connections stay taken) and may be slow to answer others; the API answers those with a
    // JSON 503 and Retry-After (lib/api/route.ts): busy means nothing was written, timeout
    // means it may have been. Either way the integration's retry must store the task once,
    // and while sqld is answering again at all.
    const refused = answers.filter((x) => x.status === 503);
    const refusedCodes: Record<string, number> = {};
    for (const answer of refused) {
      const code = (JSON.parse(answer.text) as { error: { code: string } }).error.code;
      expect(["unavailable:database_busy", "unavailable:database_timeout"], answer.text).toContain(code);
      expect(answer.text).not.toMatch(/\n\s+at /);
      refusedCodes[code] = (refusedCodes[code] ?? 0) + 1;
    }
    for (const answer of answers) if (answer.status !== 503) expect([200, 201], answer.text).toContain(answer.status);
    for (const answer of refused) {
      const body = { account: { name: "Two instances" }, category: "Billing", text: "retried", external_id: answer.externalId };
      const retry = await api(b.url, prepared.apiKey, "POST", "/tasks", body);
      expect([200, 201], retry.text).toContain(retry.status);
      answer.id = (retry.json as { task: { id: number } }).task.id;
    }
    figures["writes refused as busy (503, retried)"] = refusedCodes["unavailable:database_busy"] ?? 0;
    figures["writes timed out (503, retried)"] = refusedCodes["unavailable:database_timeout"] ?? 0;
    const byExternalId = new Map<string, Set<number>>();
    for (const answer of answers) byExternalId.set(answer.externalId, (byExternalId.get(answer.externalId) ?? new Set()).add(answer.id!));
    for (const ids of byExternalId.values()) expect(ids.size).toBe(1);
    expect(await count(db, "select count(*) from tasks")).toBe(before + n / 2);
    expect(await count(db, "select count(*) from tasks where external_id like ?", [`${run}-%`])).toBe(n / 2);
    expect(await consistency(db)).toEqual({ integrity: "ok", foreignKeyViolations: 0 });
    figures["requests across both instances"] = n;
  });
});
