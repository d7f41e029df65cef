// Graceful shutdown of the background worker, as `npm start` (or a container runtime)
// does it: SIGTERM while a training run is in progress. The real worker process runs
// against a real database; the test sends the signal the moment the worker reports it
// has claimed a run (the run takes seconds, the signal milliseconds).
// What an operator relies on: the worker exits 0, and no run is left "running" with
// nobody working on it — it is finished, or back in the queue for the next worker.
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { eq, inArray } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { ensureDataset } from "@/db/queries/datasets";
import { getActiveModelId, getModelArtifact, getModelVersion } from "@/db/queries/models";
import { modelVersions } from "@/db/schema";
import { seedDemo } from "@/lib/demo/seed";
import { queueTrainingRun } from "@/lib/training/runs";
import { useFreshDatabase } from "../support/temp-db";

let databaseUrl: string;
let datasetId: number;

beforeAll(async () => {
  ({ url: databaseUrl } = await useFreshDatabase());
  // Enough examples that one training run takes seconds on this machine.
  await seedDemo({ tasks: 0, examples: 20_000, quiet: true });
  datasetId = (await ensureDataset({ name: "Demo examples", kind: "demo" })).id;
}, 180_000);

type LogLine = { message: string; [key: string]: unknown };

class WorkerProcess {
  readonly lines: LogLine[] = [];
  readonly exited: Promise<number | null>;
  private readonly child: ChildProcess;
  private waiters: { test: (l: LogLine) => boolean; resolve: (l: LogLine) => void }[] = [];

  constructor(env: Record<string, string> = {}) {
    // As npm start runs it: node with tsx as a loader, one process that gets the signal itself.
    this.child = spawn(process.execPath, ["--import", "tsx", path.join("scripts", "worker.ts")], {
      cwd: process.cwd(),
      env: { ...process.env, DATABASE_URL: databaseUrl, EMOTION_INFERENCE_URL: "", LOG_LEVEL: "info", ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let buffer = "";
    const onData = (chunk: Buffer) => {
      buffer += chunk.toString();
      let newline: number;
      while ((newline = buffer.indexOf("\n")) >= 0) {
        const text = buffer.slice(0, newline);
        buffer = buffer.slice(newline + 1);
        let line: LogLine;
        try {
          line = JSON.parse(text);
        } catch {
          continue;
        }
        this.lines.push(line);
        this.waiters = this.waiters.filter((w) => (w.test(line) ? (w.resolve(line), false) : true));
      }
    };
    this.child.stdout!.on("data", onData);
    this.child.stderr!.on("data", onData);
    this.exited = new Promise((resolve) => this.child.on("exit", (code) => resolve(code)));
  }

  waitFor(test: (l: LogLine) => boolean): Promise<LogLine> {
    const seen = this.lines.find(test);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve) => this.waiters.push({ test, resolve }));
  }

  signal(name: NodeJS.Signals) {
    this.child.kill(name);
  }
}

async function queueRun(): Promise<number> {
  const run = await queueTrainingRun({ algorithm: "nb", train: { datasetIds: [datasetId], includeCorrections: false }, test: { kind: "holdout", percent: 20 } }, null);
  return run.id;
}

async function statuses(ids: number[]) {
  const rows = await getDb().select({ id: modelVersions.id, status: modelVersions.status }).from(modelVersions).where(inArray(modelVersions.id, ids));
  return Object.fromEntries(rows.map((r) => [r.id, r.status]));
}

async function untilNoneQueued(ids: number[]) {
  for (;;) {
    const now = await statuses(ids);
    if (Object.values(now).every((s) => s !== "queued" && s !== "running")) return now;
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe("worker shutdown", () => {
  it("on SIGTERM finishes the run in hand, claims nothing new and exits 0; the next worker takes the rest", async () => {
    const activeBefore = await getActiveModelId();
    const [first, second] = [await queueRun(), await queueRun()];

    const worker = new WorkerProcess();
    await worker.waitFor((l) => l.message === "training run claimed" && l.modelVersionId === first);
    worker.signal("SIGTERM");
    expect(await worker.exited).toBe(0);

    await worker.waitFor((l) => l.message.startsWith("worker stopping"));
    // The run in progress when the signal came finished with its model stored; the
    // second was never started.
    expect(await statuses([first, second])).toEqual({ [first]: "succeeded", [second]: "queued" });
    expect(await getModelArtifact({ id: first })).toBeTruthy();
    expect((await getModelVersion({ id: second }))?.startedAt).toBeNull();
    // Training never changes the active model; only a promotion does.
    expect(await getActiveModelId()).toBe(activeBefore);

    const next = new WorkerProcess();
    expect(await untilNoneQueued([second])).toEqual({ [second]: "succeeded" });
    next.signal("SIGTERM"); // idle: stops at once
    expect(await next.exited).toBe(0);
  }, 180_000);

  it("past its stop deadline, puts the run in hand back in the queue instead of leaving it running", async () => {
    const run = await queueRun();
    // A deadline of 0: release as soon as the event loop gets a turn after the signal.
    const worker = new WorkerProcess({ WORKER_STOP_DEADLINE_MS: "0" });
    await worker.waitFor((l) => l.message === "training run claimed" && l.modelVersionId === run);
    worker.signal("SIGTERM");
    expect(await worker.exited).toBe(0);

    // Training in this process is synchronous between progress steps, so the run may
    // also have finished before the deadline could act; both are clean ends.
    const after = await getModelVersion({ id: run });
    expect(["queued", "succeeded"]).toContain(after?.status);
    if (after?.status === "queued") {
      expect(after.startedAt).toBeNull();
      expect(await getModelArtifact({ id: run })).toBeFalsy();
      const next = new WorkerProcess();
      expect(await untilNoneQueued([run])).toEqual({ [run]: "succeeded" });
      next.signal("SIGTERM");
      expect(await next.exited).toBe(0);
    }
    const stuck = await getDb().select({ id: modelVersions.id }).from(modelVersions).where(eq(modelVersions.status, "running"));
    expect(stuck).toEqual([]);
  }, 180_000);
});
