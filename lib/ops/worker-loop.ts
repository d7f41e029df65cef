// The background worker's loop (scripts/worker.ts runs it): training runs, webhook
// deliveries, e-mails, SLA breaches, timed escalation rules, the emotion and priority
// backfills, until asked to stop.
//
// Stopping never leaves a job half-done. Once `signal` aborts, no new job is claimed and
// the loop ends after the job in hand. A training run that is still going when the
// caller's deadline comes is released: put back in the queue, untouched, for the next
// worker. Either way the row ends "succeeded", "failed" or "queued", never "running"
// with nobody working on it. (A worker killed outright is caught by the stale-heartbeat
// check instead, which puts its run back in the queue once and marks it failed the
// second time.)
import { releaseRunningModelVersion } from "@/db/queries/models";
import { backfillPendingEmotions } from "@/lib/emotion/backfill";
import { logger } from "@/lib/platform/logger";
import { drainTrainingQueue } from "@/lib/training/execute-runs";
import { deliverDueWebhooks } from "@/lib/admin/webhooks";
import { deliverDueEmails } from "@/lib/mail/outbox";
import { runTimedRules } from "@/lib/support/rules";
import { sweepSlaBreaches } from "@/lib/support/sla";
import { backfillPriorities } from "@/lib/support/task-priority";
import { DAY_MS } from "@/lib/platform/days";
import { HOUSEKEEPING_EVERY_MS, pruneExpiredRows } from "@/lib/ops/housekeeping";

/**
 * The support duties of one tick: breaches and timed rules first (they queue notifications),
 * then the notifications themselves. `lastSweep` is when the previous tick's timer ran; the
 * first tick of a process looks a day back, so requests that became due while no worker ran
 * are still seen (firings are claimed, so looking twice is harmless).
 */
export async function supportTick(lastSweep: number | null, now = Date.now()): Promise<number> {
  await sweepSlaBreaches(new Date(now));
  await runTimedRules({ now, since: lastSweep ?? now - DAY_MS });
  await deliverDueEmails();
  await backfillPriorities({ maxBatches: 5 });
  return now;
}

export type WorkerLoopOptions = {
  /** Aborted when the process is asked to stop. */
  signal: AbortSignal;
  pollMs?: number;
  backfillEveryMs?: number;
};

/** The training run the loop is executing, if any (to release it at a stop deadline). */
let current: { id: number } | null = null;

export function currentTrainingRun(): number | null {
  return current?.id ?? null;
}

/**
 * Puts a running training run back in the queue for another worker. Only while it is
 * still running: a run that finished meanwhile keeps its result.
 */
export async function releaseTrainingRun(id: number): Promise<boolean> {
  const released = await releaseRunningModelVersion({ id });
  if (released) logger.info("training run released for another worker", { modelVersionId: id });
  return released;
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener("abort", done);
      resolve();
    }
    signal.addEventListener("abort", done, { once: true });
  });
}

/** Runs until `signal` aborts and the work in hand is done. */
export async function runWorkerLoop({ signal, pollMs = 1000, backfillEveryMs = 5000 }: WorkerLoopOptions): Promise<void> {
  let lastBackfill = 0;
  let lastHousekeeping = 0;
  let lastSweep: number | null = null;
  while (!signal.aborted) {
    try {
      // Stops claiming once `signal` aborts; `current` is the run in hand, to release at a deadline.
      await drainTrainingQueue({ signal, onJob: (id) => (current = id === null ? null : { id }) });
      if (!signal.aborted) lastSweep = await supportTick(lastSweep);
      if (!signal.aborted) await deliverDueWebhooks();
      if (!signal.aborted && Date.now() - lastBackfill >= backfillEveryMs) {
        lastBackfill = Date.now();
        await backfillPendingEmotions({ maxBatches: 20 }); // logs what it filled
      }
      if (!signal.aborted && Date.now() - lastHousekeeping >= HOUSEKEEPING_EVERY_MS) {
        lastHousekeeping = Date.now();
        await pruneExpiredRows();
      }
    } catch (error) {
      logger.error("worker loop failed", { error });
    }
    await sleep(pollMs, signal);
  }
}
