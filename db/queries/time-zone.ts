// The organisation time zone in SQL: a moment's local calendar day, from the offsets in
// org_day_offsets (the same expression as the task_daily_counts triggers, migration 0010),
// and the one transaction that changes the zone and refiles the trend aggregates.
import { sql, type SQL, type SQLWrapper } from "drizzle-orm";
import { getDb, type Database } from "../client";
import { orgDayOffsets, orgSettings } from "../schema";

export const TIME_ZONE_SETTING = "time_zone";

/** The local day number (days since 1970-01-01) of a timestamp column or value in ms; UTC when no zone is set. */
export function localDay(ms: SQLWrapper): SQL<number> {
  return sql<number>`cast((${ms} + 60000 * coalesce((select o.offset_minutes from org_day_offsets o where o.starts_at <= ${ms} order by o.starts_at desc limit 1), 0)) / 86400000 as integer)`;
}

/**
 * Writes the zone's offsets and the setting, and refiles every request of task_daily_counts
 * under its local day — all or nothing. Its cost grows with the number of requests (one pass).
 */
export async function applyTimeZone(
  { zone, offsets, actorId }: { zone: string; offsets: { startsAt: number; offsetMinutes: number }[]; actorId: number | null },
  db: Database = getDb(),
): Promise<void> {
  const day = localDay(sql.raw("`created_at`"));
  await db.batch([
    db.delete(orgDayOffsets),
    ...offsets.map((o) => db.insert(orgDayOffsets).values(o)),
    db
      .insert(orgSettings)
      .values({ key: TIME_ZONE_SETTING, value: zone, updatedById: actorId })
      .onConflictDoUpdate({ target: orgSettings.key, set: { value: zone, updatedById: actorId, updatedAt: new Date() } }),
    db.run(sql`delete from task_daily_counts`),
    db.run(sql`insert into task_daily_counts (day, category_id, sentiment, emotion, tasks)
      select ${day}, category_id, coalesce(sentiment, ''), coalesce(emotion, ''), count(*) from tasks group by 1, 2, 3, 4`),
  ]);
}
