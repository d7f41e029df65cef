// FAULTS (d): the real `npm start` process tree (scripts/start.ts → the web server with two
// Next.js processes, the worker, the emotion server) under write traffic, while each of
// its children is killed with SIGKILL in turn: the emotion server, the worker in the middle
// of a training run, one Next.js process. Nothing may refuse a connection, no write the
// clients were told succeeded may be missing or doubled, each child must come back on
// its own, /api/ready must name the part that is down meanwhile, pending emotions must be
// backfilled and the interrupted training run re-queued and finished.
//
// A request in flight inside the killed Next.js process dies with it (the connection is
// reset, not refused): the clients retry such a request with the same external_id, as the
// README tells API clients to, and the count of resets is reported.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import type { Client } from "@libsql/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { api, appEnv, consistency, count, openClient, prepareDatabase, recordFigures, SHORT, startProcess, suitePort, tailLog, waitUntil, type Prepared, type Proc } from "./support/harness";

const PORT = suitePort(80);
const EMOTION_PORT = suitePort(81);
const CLIENTS = 6;
const TEXTS = ["My card was charged twice and I am furious", "Thank you, the new plan works well", "When does my contract end?", "I am worried my data was lost"];

type Child = { pid: number; args: string };

/** The live children of a process, with their command lines. */
function childrenOf(pid: number): Child[] {
  try {
    return execFileSync("ps", ["-o", "pid=,args=", "--ppid", String(pid)], { encoding: "utf8" })
      .split("\n")
      .map((line) => line.trim().match(/^(\d+)\s+(.*)$/))
      .filter((m): m is RegExpMatchArray => m !== null)
      .map((m) => ({ pid: Number(m[1]), args: m[2] }));
  } catch {
    return []; // ps exits 1 when there are none
  }
}

/** `file`: the child's script by its path from the project root. */
function childRunning(parent: number, file: string): Child | undefined {
  return childrenOf(parent).find((c) => c.args.includes(file));
}

describe("faults: each child of npm start killed under load", () => {
  let prepared: Prepared;
  let start: Proc;
  let db: Client;
  const base = `http://127.0.0.1:${PORT}`;
  const figures: Record<string, number | string> = {};

  beforeAll(async () => {
    prepared = await prepareDatabase({ tasks: 200 });
    db = openClient(prepared.url);
    const env = appEnv(prepared.url, {
      PORT: String(PORT),
      HOST: "127.0.0.1",
      WEB_CONCURRENCY: "2",
      EMOTION_SERVER_PORT: String(EMOTION_PORT),
      EMOTION_SERVER_HOST: "127.0.0.1",
      EMOTION_BUILTIN_MODEL: path.join(prepared.dir, "emotion-model.json"),
      EMOTION_TIMEOUT_MS: "1000",
      LOG_LEVEL: "info",
    });
    start = startProcess("npm-start", process.execPath, ["--import", "tsx", "scripts/start.ts"], env, prepared.dir);
    await waitUntil(
      "npm start to be ready with its worker and emotion server",
      async () => {
        if (start.child.exitCode !== null) throw new Error(`npm start exited: ${tailLog(start)}`);
        const body = (await (await fetch(`${base}/api/ready`)).json()) as { checks: Record<string, { status: string }> };
        return body.checks.emotion.status === "ok" && body.checks.worker.status === "ok";
      },
      { timeoutMs: 300_000, everyMs: 500 },
    ).catch((e) => {
      throw new Error(`${e.message}\n${tailLog(start, 80)}`);
    });
  });

  afterAll(async () => {
    await start?.stop();
    db?.close();
    recordFigures("faults: npm start's children killed", figures);
  });

  it("the web server keeps serving, every child comes back, no connection refused, no write lost", async () => {
    const run = `sup-${Date.now().toString(36)}`;
    const startPid = start.child.pid!;
    const serve = childRunning(startPid, "server/serve.ts")!;
    expect(serve).toBeDefined();
    let stopLoad = false;
    let sent = 0;
    let refused = 0;
    let resets = 0;
    let retried5xx = 0;
    let pending = 0;
    const acknowledged = new Map<string, number>(); // external_id → task id
    const failures: string[] = [];

    // One write, retried with the same external_id until it is acknowledged.
    async function write(i: number): Promise<void> {
      const externalId = `${run}-${i}`;
      const asTask = i % 2 === 0;
      for (let attempt = 0; attempt < 60; attempt++) {
        try {
          const r = asTask
            ? await api(base, prepared.apiKey, "POST", "/tasks", { account: { name: "Supervision" }, category: "Billing", text: TEXTS[i % 4], external_id: externalId })
            : await api(base, prepared.apiKey, "POST", "/predictions", { category: "Payments", inputs: [{ text: TEXTS[i % 4], external_id: externalId }] });
          if (r.status >= 500) {
            retried5xx++;
            await new Promise((res) => setTimeout(res, 250));
            continue;
          }
          if (r.status !== 200 && r.status !== 201) {
            failures.push(`${externalId}: ${r.status} ${r.text.slice(0, 200)}`);
            return;
          }
          const body = r.json as { task?: { id: number }; prediction?: { emotion: unknown }; results?: { task_id: number; emotion: unknown }[] };
          if ((body.prediction?.emotion ?? body.results?.[0].emotion) === "pending") pending++;
          acknowledged.set(externalId, body.task?.id ?? body.results![0].task_id);
          return;
        } catch (error) {
          const code = (error as { cause?: { code?: string } }).cause?.code;
          if (code === "ECONNREFUSED") refused++;
          else resets++;
          await new Promise((res) => setTimeout(res, 100));
        }
      }
      failures.push(`${externalId}: never acknowledged`);
    }
    const clients = Array.from({ length: CLIENTS }, async () => {
      while (!stopLoad) await write(sent++);
    });

    // /api/ready, polled throughout: which checks were seen failing.
    const seenFailing = new Set<string>();
    let readyResets = 0;
    const readyPoller = (async () => {
      while (!stopLoad) {
        try {
          const body = (await (await fetch(`${base}/api/ready`)).json()) as { checks: Record<string, { status: string }> };
          for (const [name, check] of Object.entries(body.checks)) if (check.status === "failed") seenFailing.add(name);
        } catch (error) {
          // A reset (the probe was in flight in the killed Next.js process) is not the server
          // being down; a refused connection is.
          if ((error as { cause?: { code?: string } }).cause?.code === "ECONNREFUSED") seenFailing.add("web server");
          else readyResets++;
        }
        await new Promise((res) => setTimeout(res, 200));
      }
    })();

    const traffic = (n: number) => waitUntil(`${n} more requests`, async () => sent >= n, { everyMs: 50 });
    const log = () => fs.readFileSync(start.log, "utf8");
    const restartMs: Record<string, number> = {};

    /** SIGKILLs one process and waits for its replacement (a different pid running `script` under `parent`). */
    async function killAndWaitForReplacement(name: string, parent: number, script: string): Promise<void> {
      const victim = childRunning(parent, script);
      expect(victim, `${name} is running`).toBeDefined();
      const killedAt = Date.now();
      process.kill(victim!.pid, "SIGKILL");
      await waitUntil(`${name} to be restarted`, async () => {
        const now = childRunning(parent, script);
        return now && now.pid !== victim!.pid;
      }, { timeoutMs: 60_000, everyMs: 50 });
      restartMs[name] = Date.now() - killedAt;
    }

    await traffic(SHORT ? 40 : 100);

    // 1. The emotion server: requests go on with emotion "pending"; it comes back.
    await killAndWaitForReplacement("emotion server", startPid, "scripts/emotion-server.ts");
    await waitUntil("the emotion server to answer again", async () => (await fetch(`http://127.0.0.1:${EMOTION_PORT}/health`)).ok, { timeoutMs: 120_000 });
    await traffic(sent + (SHORT ? 40 : 100));

    // 2. The worker, in the middle of a training run (killed once fitting starts; the run is
    // kept short because it runs again in full after the re-queue).
    const { queueTrainingRun } = await import("@/lib/training/runs");
    const dataset = Number((await db.execute("select id from datasets where kind = 'demo'")).rows[0].id);
    const training = await queueTrainingRun(
      { name: "interrupted by a killed worker", algorithm: "logreg", params: { steps: 600 }, train: { datasetIds: [dataset], includeCorrections: false }, test: { kind: "holdout", percent: 20, seed: 1 } },
      prepared.adminId,
    );
    await waitUntil("the worker to be fitting the model", async () => {
      const rs = await db.execute({ sql: "select status, progress from model_versions where id = ?", args: [training.id] });
      return rs.rows[0].status === "running" && Number(rs.rows[0].progress) >= 0.15;
    }, { timeoutMs: 120_000 });
    await killAndWaitForReplacement("worker", startPid, "scripts/worker.ts");
    await traffic(sent + (SHORT ? 40 : 100));

    // 3. One of the web server's two Next.js processes.
    const nextProcesses = childrenOf(serve.pid).filter((c) => c.args.includes("server/serve.ts"));
    expect(nextProcesses, JSON.stringify(childrenOf(serve.pid))).toHaveLength(2);
    const webKilledAt = Date.now();
    process.kill(nextProcesses[0].pid, "SIGKILL");
    await waitUntil("a new Next.js process beside the survivor", async () => {
      const now = childrenOf(serve.pid).filter((c) => c.args.includes("server/serve.ts")).map((c) => c.pid);
      return now.length === 2 && !now.includes(nextProcesses[0].pid) && now.includes(nextProcesses[1].pid);
    }, { timeoutMs: 60_000, everyMs: 50 });
    restartMs["web worker process"] = Date.now() - webKilledAt;
    await traffic(sent + (SHORT ? 60 : 150));

    stopLoad = true;
    await Promise.all([...clients, readyPoller]);

    figures["requests (writes, retried until acknowledged)"] = sent;
    figures["answered with emotion pending"] = pending;
    figures["connections refused"] = refused;
    figures["connections reset (in flight in the killed Next.js process), retried"] = resets;
    figures["5xx answers, retried"] = retried5xx;
    figures["/api/ready probes reset"] = readyResets;
    for (const [name, ms] of Object.entries(restartMs)) figures[`${name} back after (ms)`] = ms;
    figures["/api/ready named as down"] = [...seenFailing].sort().join(", ") || "nothing";
    console.log("[reliability] npm start children killed:", figures, failures.slice(0, 5));

    // The web server never went away: not one connection refused.
    expect(refused).toBe(0);
    expect(failures).toEqual([]);
    expect(seenFailing.has("web server")).toBe(false);
    // Each child came back within 5 s of being killed (the first restart waits 1 s).
    for (const name of ["emotion server", "worker", "web worker process"]) expect(restartMs[name], name).toBeLessThan(5000);
    // The emotion outage was seen by requests and by /api/ready.
    expect(pending).toBeGreaterThan(0);
    expect(seenFailing.has("emotion")).toBe(true);
    // npm start logged each crash and restart, and never stopped.
    expect(log()).toMatch(/"message":"process exited; restarting it".*"process":"emotion server"/);
    expect(log()).toMatch(/"message":"process exited; restarting it".*"process":"worker"/);
    expect(log()).toMatch(/web worker exited; starting another/);
    expect(log()).not.toMatch(/"message":"stopping"/);
    expect(start.child.exitCode).toBeNull();

    // No write lost, none doubled: each acknowledged external_id is stored once, as the same task.
    const stored = await db.execute({ sql: "select external_id, id from tasks where external_id like ?", args: [`${run}-%`] });
    const byExternalId = new Map(stored.rows.map((r) => [String(r.external_id), Number(r.id)]));
    expect(stored.rows.length).toBe(byExternalId.size);
    expect(acknowledged.size).toBe(sent);
    for (const [externalId, taskId] of acknowledged) expect(byExternalId.get(externalId), externalId).toBe(taskId);
    expect(byExternalId.size).toBe(acknowledged.size);

    // Pending emotions are filled in by the restarted worker once the emotion server is back.
    await waitUntil(
      "every pending emotion to be backfilled",
      async () => (await count(db, "select count(*) from predictions where emotion_status = 'pending'")) === 0,
      { timeoutMs: 180_000, everyMs: 1000 },
    );
    // The interrupted training run went back to the queue (once its heartbeat was stale) and finished.
    const finished = await waitUntil(
      "the interrupted training run to be re-queued and finished",
      async () => {
        const rs = await db.execute({ sql: "select status, attempts from model_versions where id = ?", args: [training.id] });
        return rs.rows[0].status === "succeeded" || rs.rows[0].status === "failed" ? rs.rows[0] : undefined;
      },
      { timeoutMs: 400_000, everyMs: 1000 },
    );
    expect(finished.status).toBe("succeeded");
    expect(Number(finished.attempts)).toBe(2);
    expect(log()).toMatch(/training runs interrupted by a stopped worker put back in the queue/);
    figures["interrupted training run"] = "re-queued once, then succeeded";
    expect(await consistency(db)).toEqual({ integrity: "ok", foreignKeyViolations: 0 });
    figures.outcome = `0 refused, 0 lost or doubled writes of ${acknowledged.size}; each child back within 5 s; pending emotions backfilled; run re-queued and finished`;
  });
});
