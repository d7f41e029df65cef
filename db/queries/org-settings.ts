// Organisation-wide settings (org_settings): one JSON value per key. lib/ modules own the keys
// and check the values; this layer only reads and writes them.
import { eq } from "drizzle-orm";
import { getDb, type Database } from "../client";
import { orgSettings } from "../schema";

export async function readSetting(key: string, db: Database = getDb()): Promise<unknown> {
  const [row] = await db.select({ value: orgSettings.value }).from(orgSettings).where(eq(orgSettings.key, key)).limit(1);
  return row?.value;
}

export async function writeSetting({ key, value, actorId }: { key: string; value: unknown; actorId: number | null }, db: Database = getDb()): Promise<void> {
  await db
    .insert(orgSettings)
    .values({ key, value, updatedById: actorId })
    .onConflictDoUpdate({ target: orgSettings.key, set: { value, updatedById: actorId, updatedAt: new Date() } });
}
