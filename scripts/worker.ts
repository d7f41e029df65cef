// The training worker: claims queued training runs from the database and executes
// them outside the web server's process, so a long run never slows down requests.
// Any number of workers may run against the same database; claiming is atomic.
import { drainTrainingQueue } from "@/lib/training/runs";
import { logger } from "@/lib/logger";
import { migrate } from "@/lib/bootstrap";

const POLL_MS = 1000;
let stopping = false;

async function main() {
  await migrate();
  logger.info("training worker started");
  while (!stopping) {
    try {
      await drainTrainingQueue();
    } catch (error) {
      logger.error("training worker loop failed", { error });
    }
    await new Promise((r) => setTimeout(r, POLL_MS));
  }
}

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    stopping = true;
    // A run in progress finishes its current step; the loop then ends.
    setTimeout(() => process.exit(0), 5000).unref();
  });
}

main().then(
  () => process.exit(0),
  (error) => {
    logger.error("training worker stopped", { error });
    process.exit(1);
  },
);
