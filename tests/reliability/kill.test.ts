// FAULTS (a): processes killed with SIGKILL in the middle of their work — the worker
// during a training run, the import CLI while it writes, the seed CLI between batches.
// After a restart the database must be consistent, the active model unchanged, the
// interrupted training run re-queued once and marked failed the second time, and an
// import all-or-nothing.
import fs from "node:fs";
import path from "node:path";
import type { Client } from "@libsql/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appEnv, consistency, count, openClient, prepareDatabase, recordFigures, ROOT, SHORT, startProcess, startWorker, tailLog, tempDir, waitUntil, type Prepared, type Proc } from "./support/harness";

const tsx = path.join(ROOT, "node_modules", ".bin", "tsx");
const faults: Record<string, number> = {};
/** Counts a fault injected and records the figures at once (they survive a later failure). */
function note(what: string) {
  faults[what] = (faults[what] ?? 0) + 1;
  recordFigures("faults: processes killed", {
    "worker killed mid-training": faults.worker ?? 0,
    "import killed mid-write": faults.import ?? 0,
    "seed killed mid-way": faults.seed ?? 0,
    outcome: "integrity_check ok, no foreign-key violations, active model unchanged, run re-queued once then marked failed, import all-or-nothing, seed left whole batches only",
  });
}

async function activeModel(db: Client): Promise<number | null> {
  const rs = await db.execute("select id from model_versions where task = 'sentiment' and active = 1");
  return rs.rows.length ? Number(rs.rows[0].id) : null;
}

describe("faults: SIGKILL in the middle of work", () => {
  let prepared: Prepared;
  let db: Client;
  const procs: Proc[] = [];

  beforeAll(async () => {
    prepared = await prepareDatabase({ tasks: 200 });
    db = openClient(prepared.url);
  });

  afterAll(async () => {
    for (const p of procs) await p.stop();
    db?.close();
  });

  it("worker killed during a training run: the run is re-queued once, failed when killed again, the active model unchanged", async () => {
    const active = await activeModel(db);
    expect(active).not.toBeNull();
    const dataset = Number((await db.execute("select id from datasets where kind = 'demo'")).rows[0].id);
    // Logistic regression with many full-batch steps: slow enough to be caught mid-run.
    const { queueTrainingRun } = await import("@/lib/training/runs");
    const run = await queueTrainingRun(
      { name: "to be interrupted", algorithm: "logreg", params: { steps: 5000 }, train: { datasetIds: [dataset], includeCorrections: false }, test: { kind: "holdout", percent: 20, seed: 1 } },
      prepared.adminId,
    );
    const env = appEnv(prepared.url);
    const worker = startWorker(env, prepared.dir);
    procs.push(worker);
    await waitUntil("the worker to be fitting the model", async () => {
      const rs = await db.execute({ sql: "select status, progress from model_versions where id = ?", args: [run.id] });
      return rs.rows[0].status === "running" && Number(rs.rows[0].progress) >= 0.15;
    });
    await worker.kill();
    note("worker");
    expect((await db.execute({ sql: "select status from model_versions where id = ?", args: [run.id] })).rows[0].status).toBe("running");

    // A restarted worker (or any other) recognises the run as interrupted and, the first
    // time, puts it back in the queue and runs it again (attempts 2) ...
    const restarted = startWorker(env, prepared.dir);
    procs.push(restarted);
    await waitUntil(
      "the interrupted run to be re-queued and fitting again",
      async () => {
        const rs = await db.execute({ sql: "select status, attempts, progress from model_versions where id = ?", args: [run.id] });
        return rs.rows[0].status === "running" && Number(rs.rows[0].attempts) === 2 && Number(rs.rows[0].progress) >= 0.15;
      },
      { timeoutMs: 240_000, everyMs: 500 },
    ).catch((e) => {
      throw new Error(`${e.message}\nworker log:\n${tailLog(restarted)}`);
    });
    // ... and the second time its worker dies, the run is marked failed.
    await restarted.kill();
    note("worker");
    const third = startWorker(env, prepared.dir);
    procs.push(third);
    const row = await waitUntil(
      "the twice-interrupted run to be marked failed",
      async () => {
        const rs = await db.execute({ sql: "select status, error, artifact, active from model_versions where id = ?", args: [run.id] });
        return rs.rows[0].status !== "running" ? rs.rows[0] : undefined;
      },
      { timeoutMs: 240_000, everyMs: 1000 },
    ).catch((e) => {
      throw new Error(`${e.message}\nworker log:\n${tailLog(third)}`);
    });
    expect(row.status).toBe("failed");
    expect(String(row.error)).toMatch(/interrupted/i);
    expect(row.artifact).toBeNull();
    expect(Number(row.active)).toBe(0);
    expect(await activeModel(db)).toBe(active);
    expect(await consistency(db)).toEqual({ integrity: "ok", foreignKeyViolations: 0 });

    // The restarted worker still does its job: a new run succeeds and is not activated by itself.
    const next = await queueTrainingRun(
      { name: "after the restart", algorithm: "nb", train: { datasetIds: [dataset], includeCorrections: false }, test: { kind: "holdout", percent: 20, seed: 1 } },
      prepared.adminId,
    );
    await waitUntil("the next run to finish", async () => {
      const rs = await db.execute({ sql: "select status from model_versions where id = ?", args: [next.id] });
      return rs.rows[0].status === "succeeded";
    });
    expect(await activeModel(db)).toBe(active);
    await third.stop();
  });

  it("import killed while writing: nothing of it is stored, and the same import then completes", async () => {
    const dir = tempDir("import");
    const file = path.join(dir, "big.csv");
    const rows = SHORT ? 15_000 : 40_000;
    const words = ["refund", "late", "great", "thanks", "broken", "invoice", "app", "slow", "helpful", "charged"];
    const lines = ["text,label,category"];
    for (let i = 0; i < rows; i++) {
      lines.push(`"Row ${i}: the ${words[i % 10]} ${words[(i * 7) % 10]} issue, ticket ${i}",${["negative", "neutral", "positive"][i % 3]},Imported ${i % 4}`);
    }
    fs.writeFileSync(file, lines.join("\n"));
    const before = {
      tasks: await count(db, "select count(*) from tasks"),
      examples: await count(db, "select count(*) from examples"),
      categories: await count(db, "select count(*) from categories"),
      predictions: await count(db, "select count(*) from predictions"),
    };
    const args = ["scripts/import.ts", file, "--text-column", "text", "--label-column", "label", "--category-column", "category", "--dataset", "Killed import", "--as-tasks"];
    const env = { ...process.env, DATABASE_URL: prepared.url };
    const importer = startProcess("import", tsx, args, env, dir);
    procs.push(importer);
    // Killed once it reports writing tasks and before it has finished (it writes all in one transaction).
    await waitUntil("the import to be writing", async () => {
      if (importer.child.exitCode !== null) throw new Error(`the import ended before it could be killed: ${tailLog(importer)}`);
      return /writing tasks/.test(fs.readFileSync(importer.log, "utf8"));
    }, { everyMs: 20 });
    await importer.kill();
    note("import");
    expect(fs.readFileSync(importer.log, "utf8")).not.toMatch(/^Imported /m);

    expect(await count(db, "select count(*) from datasets where name = 'Killed import'")).toBe(0);
    expect(await count(db, "select count(*) from tasks")).toBe(before.tasks);
    expect(await count(db, "select count(*) from examples")).toBe(before.examples);
    expect(await count(db, "select count(*) from categories")).toBe(before.categories);
    expect(await count(db, "select count(*) from predictions")).toBe(before.predictions);
    expect(await consistency(db)).toEqual({ integrity: "ok", foreignKeyViolations: 0 });

    const again = startProcess("import-again", tsx, args, env, dir);
    procs.push(again);
    expect(await again.exited).toBe(0);
    expect(await count(db, "select count(*) from tasks")).toBe(before.tasks + rows);
    expect(await count(db, "select count(*) from examples")).toBe(before.examples + rows);
    expect(await count(db, "select count(*) from datasets where name = 'Killed import'")).toBe(1);
    expect(await consistency(db)).toEqual({ integrity: "ok", foreignKeyViolations: 0 });
  });

  it("seed killed between batches: whole batches only, every task with its prediction, and the seed runs again", async () => {
    const dir = tempDir("seed");
    const url = `file:${path.join(dir, "seed.db")}`;
    const env = { ...process.env, DATABASE_URL: url };
    const seeder = startProcess("seed", tsx, ["scripts/seed.ts", "--tasks", "40000"], env, dir);
    procs.push(seeder);
    const seedDb = openClient(url);
    try {
      // Killed after its first batch of tasks is written and before the last.
      await waitUntil("the seed to have written tasks", async () => {
        if (seeder.child.exitCode !== null) throw new Error(`the seed ended before it could be killed: ${tailLog(seeder)}`);
        return (await count(seedDb, "select count(*) from tasks").catch(() => 0)) > 0;
      }, { everyMs: 50 });
      await seeder.kill();
      note("seed");
      const tasks = await count(seedDb, "select count(*) from tasks");
      expect(tasks).toBeLessThan(40_000);
      expect(tasks % 5000).toBe(0); // lib/demo/seed.ts writes batches of 5,000 in one call each
      expect(await count(seedDb, "select count(*) from tasks where latest_prediction_id is null")).toBe(0);
      expect(await count(seedDb, "select count(*) from tasks t where not exists (select 1 from predictions p where p.task_id = t.id)")).toBe(0);
      expect(await count(seedDb, "select count(*) from model_versions where active = 1")).toBe(1);
      expect(await consistency(seedDb)).toEqual({ integrity: "ok", foreignKeyViolations: 0 });

      // Restarted: the seed runs to its end over the partial data without an error.
      const again = startProcess("seed-again", tsx, ["scripts/seed.ts", "--tasks", "40000"], env, dir);
      procs.push(again);
      expect(await again.exited).toBe(0);
      expect(await count(seedDb, "select count(*) from model_versions where active = 1")).toBe(1);
      expect(await consistency(seedDb)).toEqual({ integrity: "ok", foreignKeyViolations: 0 });
    } finally {
      seedDb.close();
    }
  });
});
