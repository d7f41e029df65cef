// The worker's "I am alive" for /api/ready: a row in worker_heartbeats refreshed every
// WORKER_BEAT_EVERY_MS. Written from a thread with its own connection, because training
// blocks the worker's event loop for minutes at a time, and a worker that is busy is not
// down. A SIGKILL stops the thread with the process, so the row goes stale; the next
// worker deletes stale rows (they are dead workers), and a clean stop deletes its own.
import crypto from "node:crypto";
import { removeWorkerBeat } from "@/db/queries/worker-heartbeats";
import { startHeartbeatThread } from "@/lib/ops/heartbeats/start-thread";
import { logger } from "@/lib/platform/logger";

export const WORKER_BEAT_EVERY_MS = 5_000;
/** Three missed beats: the worker is down (killed, or its machine gone). */
export const WORKER_BEAT_STALE_MS = 15_000;

/** Starts beating; the returned function stops the thread and removes the row (a clean stop). */
export function startWorkerHeartbeat(): { id: string; firstBeat: Promise<void>; stop: () => Promise<void> } {
  const id = `${process.pid}-${crypto.randomBytes(6).toString("hex")}`;
  const thread = startHeartbeatThread(
    { kind: "worker", id, pid: process.pid, staleMs: WORKER_BEAT_STALE_MS },
    { everyMs: WORKER_BEAT_EVERY_MS, onError: (error) => logger.warn("worker heartbeat thread failed", { error }) },
  );
  return {
    id,
    firstBeat: thread.firstBeat,
    stop: async () => {
      await thread.stop();
      await removeWorkerBeat({ id }).catch((error) => logger.warn("could not remove the worker's heartbeat", { error }));
    },
  };
}
