// Worker liveness: each worker process's row, refreshed every few seconds
// (lib/ops/worker-heartbeat.ts), read by /api/ready.
import { and, desc, eq, lt, ne } from "drizzle-orm";
import { getDb, type Database } from "../client";
import { workerHeartbeats } from "../schema";

/** When the most recent heartbeat of any worker was, or null when no worker has a row. */
export async function newestWorkerBeat(db: Database = getDb()): Promise<Date | null> {
  const [row] = await db.select({ beatAt: workerHeartbeats.beatAt }).from(workerHeartbeats).orderBy(desc(workerHeartbeats.beatAt)).limit(1);
  return row?.beatAt ?? null;
}

/**
 * A worker's beat (lib/ops/heartbeats/thread.ts): its row refreshed, and the rows of workers that
 * stopped beating before `staleBefore` removed (they are dead: killed, or their machine gone).
 */
export async function recordWorkerBeat({ id, pid, now, staleBefore }: { id: string; pid: number; now: Date; staleBefore: Date }, db: Database = getDb()): Promise<void> {
  await db.batch([
    db.insert(workerHeartbeats).values({ id, pid, beatAt: now, updatedAt: now }).onConflictDoUpdate({ target: workerHeartbeats.id, set: { beatAt: now, updatedAt: now } }),
    db.delete(workerHeartbeats).where(and(ne(workerHeartbeats.id, id), lt(workerHeartbeats.beatAt, staleBefore))),
  ]);
}

/** A worker that stops cleanly takes its row away: stopped on purpose is not "down". */
export async function removeWorkerBeat({ id }: { id: string }, db: Database = getDb()): Promise<void> {
  await db.delete(workerHeartbeats).where(eq(workerHeartbeats.id, id));
}
