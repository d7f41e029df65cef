// The body of a heartbeat thread (started by ./start-thread.ts): with its own database
// connection it writes "still alive" every few seconds, also while the main thread is blocked
// (a training fit holds it for minutes at a time, and a worker that is busy is not down). A
// SIGKILL stops the thread with its process, so the beats stop and the row goes stale.
import { parentPort, workerData } from "node:worker_threads";
import { openDatabase } from "@/db/client";
import type { DatabaseConfig } from "@/db/config";
import { touchRunningVersion } from "@/db/queries/models";
import { recordWorkerBeat } from "@/db/queries/worker-heartbeats";

/** What beats: a worker process (for /api/ready), or a training run it is executing. */
export type HeartbeatJob = { kind: "worker"; id: string; pid: number; staleMs: number } | { kind: "training-run"; modelVersionId: number };

export type HeartbeatThreadData = { database: DatabaseConfig; everyMs: number; job: HeartbeatJob };

const { database, everyMs, job } = workerData as HeartbeatThreadData;
// openDatabase brings the driver workarounds: a connection whose write failed busy is closed at
// once (db/libsql-workarounds/close-on-busy.ts), so a missed beat never keeps the write lock.
const db = openDatabase(database);

async function beat(): Promise<void> {
  const now = new Date();
  try {
    if (job.kind === "worker") await recordWorkerBeat({ id: job.id, pid: job.pid, now, staleBefore: new Date(now.getTime() - job.staleMs) }, db);
    else await touchRunningVersion({ id: job.modelVersionId, now }, db);
  } catch {
    // Busy or unreachable: the next beat tries again.
  }
}

void beat().then(() => parentPort?.postMessage("first beat"));
setInterval(() => void beat(), everyMs);
