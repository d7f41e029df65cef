// The worker's "I am alive" for /api/ready: a row in worker_heartbeats refreshed every
// WORKER_BEAT_EVERY_MS. Written from a thread with its own connection, because training
// blocks the worker's event loop for minutes at a time, and a worker that is busy is not
// down. A SIGKILL stops the thread with the process, so the row goes stale; the next
// worker deletes stale rows (they are dead workers), and a clean stop deletes its own.
import crypto from "node:crypto";
import path from "node:path";
import { Worker } from "node:worker_threads";
import { readDatabaseConfig } from "@/db/config";
import { removeWorkerBeat } from "@/db/queries/worker-heartbeats";
import { logger } from "@/lib/logger";

export const WORKER_BEAT_EVERY_MS = 5_000;
/** Three missed beats: the worker is down (killed, or its machine gone). */
export const WORKER_BEAT_STALE_MS = 15_000;

const BEAT_THREAD = `
const { workerData, parentPort } = require("node:worker_threads");
const { createClient } = require("node:module").createRequire(workerData.resolveFrom)("@libsql/client");
const open = () => createClient({ url: workerData.url, authToken: workerData.authToken, timeout: 10000 });
let client = open();
const beat = () => {
  const now = Date.now();
  return client
    .batch([
      { sql: "insert into worker_heartbeats (id, pid, beat_at) values (?, ?, ?) on conflict (id) do update set beat_at = excluded.beat_at, updated_at = excluded.beat_at", args: [workerData.id, workerData.pid, now] },
      { sql: "delete from worker_heartbeats where id <> ? and beat_at < ?", args: [workerData.id, now - workerData.staleMs] },
    ], "write")
    .catch(() => {
      // A statement that failed (busy) leaves its connection unable to commit (db/libsql-workarounds/lock-wait.ts): start afresh.
      try {
        client.close();
        client = open();
      } catch {
        // Try again at the next beat.
      }
    });
};
beat().then(() => parentPort.postMessage("first beat"));
setInterval(beat, workerData.everyMs);
`;

/** Starts beating; the returned function stops the thread and removes the row (a clean stop). */
export function startWorkerHeartbeat(): { id: string; firstBeat: Promise<void>; stop: () => Promise<void> } {
  const id = `${process.pid}-${crypto.randomBytes(6).toString("hex")}`;
  const { url, authToken } = readDatabaseConfig();
  const thread = new Worker(BEAT_THREAD, {
    eval: true,
    workerData: { url, authToken, id, pid: process.pid, everyMs: WORKER_BEAT_EVERY_MS, staleMs: WORKER_BEAT_STALE_MS, resolveFrom: path.join(process.cwd(), "package.json") },
  });
  thread.unref();
  thread.on("error", (error) => logger.warn("worker heartbeat thread failed", { error }));
  const firstBeat = new Promise<void>((resolve) => thread.once("message", () => resolve()));
  return {
    id,
    firstBeat,
    stop: async () => {
      await thread.terminate();
      await removeWorkerBeat({ id }).catch((error) => logger.warn("could not remove the worker's heartbeat", { error }));
    },
  };
}
