import { desc } from "drizzle-orm";
import { getDb, type Database } from "../client";
import { auditLog, type AuditEntry } from "../schema";

export async function insertAuditEntry(
  entry: { actorId: number | null; action: string; target?: string; details?: Record<string, unknown> },
  db: Pick<Database, "insert"> = getDb(),
): Promise<void> {
  await db.insert(auditLog).values({ ...entry, details: entry.details ?? {} });
}

export async function listAuditEntries({ limit = 100 }: { limit?: number } = {}, db: Database = getDb()): Promise<AuditEntry[]> {
  return db.select().from(auditLog).orderBy(desc(auditLog.id)).limit(limit);
}
