// Worker liveness: each worker process's row, refreshed every few seconds
// (lib/worker-heartbeat.ts), read by /api/ready.
import { desc, eq } from "drizzle-orm";
import { getDb, type Database } from "../client";
import { workerHeartbeats } from "../schema";

/** When the most recent heartbeat of any worker was, or null when no worker has a row. */
export async function newestWorkerBeat(db: Database = getDb()): Promise<Date | null> {
  const [row] = await db.select({ beatAt: workerHeartbeats.beatAt }).from(workerHeartbeats).orderBy(desc(workerHeartbeats.beatAt)).limit(1);
  return row?.beatAt ?? null;
}

/** A worker that stops cleanly takes its row away: stopped on purpose is not "down". */
export async function removeWorkerBeat({ id }: { id: string }, db: Database = getDb()): Promise<void> {
  await db.delete(workerHeartbeats).where(eq(workerHeartbeats.id, id));
}
