// The background worker: claims queued training runs from the database and executes
// them outside the web server's process, so a long run never slows down requests, and
// fills in emotions that were left pending while the emotion service was unavailable,
// and delivers webhooks.
// Any number of workers may run against the same database; claiming is atomic. Each
// reports that it is alive (lib/ops/worker-heartbeat.ts), which /api/ready shows.
//
// SIGTERM / SIGINT: claim nothing new, finish the job in hand and exit 0. A training run
// still going after WORKER_STOP_DEADLINE_MS (default 20 s, inside `npm start`'s 30 s
// grace) is put back in the queue for the next worker, and the worker exits 0.
import { migrate } from "@/lib/ops/bootstrap";
import { logger } from "@/lib/platform/logger";
import { startWorkerHeartbeat } from "@/lib/ops/worker-heartbeat";
import { currentTrainingRun, releaseTrainingRun, runWorkerLoop } from "@/lib/ops/worker-loop";

const DEFAULT_STOP_DEADLINE_MS = 20_000;

function stopDeadlineMs(): number {
  const raw = process.env.WORKER_STOP_DEADLINE_MS;
  if (raw === undefined || raw === "") return DEFAULT_STOP_DEADLINE_MS;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) {
    logger.error("WORKER_STOP_DEADLINE_MS must be a whole number of milliseconds", { value: raw });
    process.exit(1);
  }
  return value;
}

const deadlineMs = stopDeadlineMs();
const stop = new AbortController();
let heartbeat: ReturnType<typeof startWorkerHeartbeat> | null = null;

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    if (stop.signal.aborted) return; // Ctrl+C reaches us from the terminal and from npm start
    stop.abort();
    const finishing = currentTrainingRun();
    logger.info("worker stopping: no new jobs; finishing the one in hand", { signal, trainingRun: finishing, deadlineMs });
    setTimeout(async () => {
      const running = currentTrainingRun();
      if (running !== null) {
        try {
          await releaseTrainingRun(running);
        } catch (error) {
          // The stale-heartbeat check will mark it failed instead.
          logger.error("could not release the training run", { modelVersionId: running, error });
        }
      }
      await heartbeat?.stop();
      // Exit right away: the run's own code must not write anything after the release.
      process.exit(0);
    }, deadlineMs).unref();
  });
}

async function main() {
  await migrate();
  heartbeat = startWorkerHeartbeat();
  logger.info("worker started");
  await runWorkerLoop({ signal: stop.signal });
  await heartbeat.stop();
  logger.info("worker stopped");
}

main().then(
  () => process.exit(0),
  (error) => {
    logger.error("worker stopped", { error });
    process.exit(1);
  },
);
