// LOAD: a bounded burst of mixed traffic (task creation, predictions, reviews, trend
// reads) from many concurrent clients against `next start` on loopback. Every request
// must succeed, and afterwards every row the clients caused is in the database — no
// more (idempotency on external_id holds even when two clients race with the same id),
// no fewer.
import type { Client } from "@libsql/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { api, appEnv, consistency, count, openClient, prepareDatabase, recordFigures, SHORT, startApp, startEmotionServer, type App, type EmotionServer, type Prepared, suitePort } from "./support/harness";
import { seededRng, suiteSeed } from "./support/prng";

const PORT = suitePort(10);
const CLIENTS = SHORT ? 16 : 32;
const REQUESTS = SHORT ? 1000 : 6000;

const TEXTS = [
  "My refund still has not arrived and nobody answers my emails",
  "Thanks for sorting out the invoice so quickly!",
  "Can you tell me when the next statement is due?",
  "The app keeps logging me out, this is really annoying",
  "I was charged twice this month, please fix it",
  "Great service from Maria on the phone today",
];
const CATEGORIES = ["Billing", "Accounts", "Payments", "Portal/Apps", "Reports"];
const LABELS = ["negative", "neutral", "positive"] as const;

describe("load: mixed API traffic from many clients", () => {
  let prepared: Prepared;
  let app: App;
  let emotion: EmotionServer;
  let db: Client;

  beforeAll(async () => {
    prepared = await prepareDatabase({ tasks: 300 });
    emotion = await startEmotionServer(PORT + 1, prepared.dir);
    app = await startApp("app", PORT, appEnv(prepared.url, { EMOTION_INFERENCE_URL: emotion.url }), prepared.dir);
    db = openClient(prepared.url);
  });

  afterAll(async () => {
    await app?.stop();
    await emotion?.stop();
    db?.close();
  });

  it("answers every request and accounts for every written row", async () => {
    const seed = suiteSeed("load");
    const run = seed.toString(36);
    const before = {
      tasks: await count(db, "select count(*) from tasks"),
      reviews: await count(db, "select count(*) from reviews"),
      predictions: await count(db, "select count(*) from predictions"),
    };
    const seededIds = (await db.execute("select id from tasks order by id limit 200")).rows.map((r) => Number(r.id));

    const sent = { total: 0, failed: 0, tasks: 0, duplicateTasks: 0, predictions: 0, storedInputs: 0, reviews: 0, trends: 0 };
    const failures: string[] = [];
    const taskExternalIds = new Map<string, number>(); // external_id → task id answered
    const predictionExternalIds = new Map<string, number>();
    const usedTaskIds: number[] = [...seededIds];
    let reviewsAccepted = 0;
    let nextId = 0;

    const fail = (what: string, status: number, body: string) => {
      sent.failed++;
      if (failures.length < 10) failures.push(`${what}: ${status} ${body.slice(0, 300)}`);
    };

    async function client(n: number) {
      const rng = seededRng(seed + n);
      while (sent.total < REQUESTS) {
        sent.total++;
        const roll = rng.next();
        try {
          if (roll < 0.35) {
            // Task creation; one in six re-sends an id already used (a retrying integration).
            const reuse = taskExternalIds.size > 0 && rng.chance(1 / 6);
            const externalId = reuse ? rng.pick([...taskExternalIds.keys()]) : `load-${run}-${nextId++}`;
            if (reuse) sent.duplicateTasks++;
            else sent.tasks++;
            const r = await api(app.url, prepared.apiKey, "POST", "/tasks", {
              account: { name: `Load customer ${rng.int(50)}`, external_ref: `load-${run}-acct-${rng.int(50)}` },
              category: rng.pick(CATEGORIES),
              text: rng.pick(TEXTS),
              external_id: externalId,
            });
            if (r.status !== 201 && r.status !== 200) return fail("POST /tasks", r.status, r.text);
            const id = (r.json as { task: { id: number } }).task.id;
            const known = taskExternalIds.get(externalId);
            if (known !== undefined && known !== id) fail(`POST /tasks ${externalId} answered task ${id}, earlier ${known}`, r.status, "");
            taskExternalIds.set(externalId, id);
            usedTaskIds.push(id);
          } else if (roll < 0.6) {
            sent.predictions++;
            const persist = rng.chance(0.5);
            const inputs = Array.from({ length: 1 + rng.int(3) }, () => {
              const externalId = `loadp-${run}-${nextId++}`;
              return persist ? { text: rng.pick(TEXTS), external_id: externalId, account: { name: "Predict client" } } : rng.pick(TEXTS);
            });
            const r = await api(app.url, prepared.apiKey, "POST", "/predictions", { persist, category: rng.pick(CATEGORIES), inputs });
            if (r.status !== 200) return fail("POST /predictions", r.status, r.text);
            const results = (r.json as { results: { ok: boolean; task_id?: number }[] }).results;
            if (results.length !== inputs.length || results.some((x) => !x.ok)) return fail("POST /predictions result", r.status, r.text);
            if (persist) {
              inputs.forEach((input, i) => predictionExternalIds.set((input as { external_id: string }).external_id, results[i].task_id!));
              sent.storedInputs += inputs.length;
            }
          } else if (roll < 0.85) {
            sent.reviews++;
            const taskId = rng.pick(usedTaskIds);
            const r = await api(app.url, prepared.apiKey, "POST", `/tasks/${taskId}/review`, { label: rng.pick(LABELS), note: `load ${run}` });
            if (r.status !== 201) return fail(`POST /tasks/${taskId}/review`, r.status, r.text);
            reviewsAccepted++;
          } else {
            sent.trends++;
            const r = await api(app.url, prepared.apiKey, "GET", "/trends/categories?granularity=week");
            if (r.status !== 200) return fail("GET /trends/categories", r.status, r.text);
          }
        } catch (error) {
          fail("network", 0, String(error));
        }
      }
    }

    await Promise.all(Array.from({ length: CLIENTS }, (_, n) => client(n)));
    console.log(`[reliability] load: ${sent.total} requests from ${CLIENTS} clients, ${sent.failed} failed`, sent);
    expect(failures).toEqual([]);
    expect(sent.failed).toBe(0);

    // Every task the clients created is there once, under the id it was answered with.
    const stored = (await db.execute({ sql: "select external_id, id from tasks where external_id like ?", args: [`load-${run}-%`] })).rows;
    expect(stored.length).toBe(taskExternalIds.size);
    for (const row of stored) expect(taskExternalIds.get(String(row.external_id))).toBe(Number(row.id));
    const storedPredicted = (await db.execute({ sql: "select external_id, id from tasks where external_id like ?", args: [`loadp-${run}-%`] })).rows;
    expect(storedPredicted.length).toBe(predictionExternalIds.size);
    for (const row of storedPredicted) expect(predictionExternalIds.get(String(row.external_id))).toBe(Number(row.id));
    // Nothing else was written: no task without its external id, no stray duplicate.
    expect(await count(db, "select count(*) from tasks")).toBe(before.tasks + taskExternalIds.size + predictionExternalIds.size);
    // Each new task has exactly one prediction; a replayed external id adds none.
    expect(await count(db, "select count(*) from predictions")).toBe(before.predictions + taskExternalIds.size + predictionExternalIds.size);
    expect(await count(db, "select count(*) from reviews")).toBe(before.reviews + reviewsAccepted);
    expect(await count(db, "select count(*) from reviews where note = ?", [`[API key reliability] load ${run}`])).toBe(reviewsAccepted);
    expect(await consistency(db)).toEqual({ integrity: "ok", foreignKeyViolations: 0 });

    recordFigures("load", {
      clients: CLIENTS,
      requests: sent.total,
      "tasks created": taskExternalIds.size,
      "duplicate external_id sends": sent.duplicateTasks,
      "prediction calls": sent.predictions,
      "stored prediction inputs": predictionExternalIds.size,
      reviews: reviewsAccepted,
      "trend reads": sent.trends,
      outcome: `${sent.failed} failed; every task, prediction and review row accounted for (rows lost: 0, duplicates: 0)`,
    });
  });
});
