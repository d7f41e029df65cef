// The background worker: claims queued training runs from the database and executes
// them outside the web server's process, so a long run never slows down requests, and
// fills in emotions that were left pending while the emotion service was unavailable,
// and delivers webhooks.
// Any number of workers may run against the same database; claiming is atomic.
import { backfillPendingEmotions } from "@/lib/emotion/backfill";
import { drainTrainingQueue } from "@/lib/training/runs";
import { deliverDueWebhooks } from "@/lib/webhooks";
import { logger } from "@/lib/logger";
import { migrate } from "@/lib/bootstrap";

const POLL_MS = 1000;
const BACKFILL_EVERY_MS = 5000;
let stopping = false;

async function main() {
  await migrate();
  logger.info("worker started");
  let lastBackfill = 0;
  while (!stopping) {
    try {
      await drainTrainingQueue();
      await deliverDueWebhooks();
      if (Date.now() - lastBackfill >= BACKFILL_EVERY_MS) {
        lastBackfill = Date.now();
        await backfillPendingEmotions({ maxBatches: 20 }); // logs what it filled
      }
    } catch (error) {
      logger.error("worker loop failed", { error });
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
    logger.error("worker stopped", { error });
    process.exit(1);
  },
);
