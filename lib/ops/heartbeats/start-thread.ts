// Starts a heartbeat thread (./thread.ts). Only the worker process starts one (scripts/worker.ts,
// and tests); the web app reaches this module only through lib/ops/worker-heartbeat.ts's constants.
import path from "node:path";
import { Worker } from "node:worker_threads";
import { readDatabaseConfig } from "@/db/config";
import type { HeartbeatJob, HeartbeatThreadData } from "./thread";

// From the working directory (the project root, where every script runs), not import.meta.url:
// the Next.js build would copy a file named through import.meta.url into its bundle.
const THREAD_MODULE = path.join(process.cwd(), "lib", "ops", "heartbeats", "thread.ts");

// A worker thread does not inherit the process's TypeScript loader, so it loads ./thread.ts
// through tsx's API (tsx is a dependency: npm start runs every script with it).
const LOAD_THREAD_MODULE = `import("tsx/esm/api").then(({ tsImport }) => tsImport(${JSON.stringify(THREAD_MODULE)}, ${JSON.stringify(THREAD_MODULE)}));`;

export interface HeartbeatThread {
  /** Settles after the first beat was written (or failed). */
  firstBeat: Promise<void>;
  /** Stops the beats; the thread's connection goes with it. */
  stop: () => Promise<void>;
}

export function startHeartbeatThread(job: HeartbeatJob, { everyMs, onError }: { everyMs: number; onError: (error: unknown) => void }): HeartbeatThread {
  const data: HeartbeatThreadData = { database: readDatabaseConfig(), everyMs, job };
  const thread = new Worker(LOAD_THREAD_MODULE, { eval: true, workerData: data });
  thread.unref();
  thread.on("error", onError);
  const firstBeat = new Promise<void>((resolve) => thread.once("message", () => resolve()));
  return {
    firstBeat,
    stop: async () => {
      await thread.terminate();
    },
  };
}
