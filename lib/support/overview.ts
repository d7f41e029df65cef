// The dashboard's level of support: open tasks by priority, breaches today, and the median
// first-response time per agent and per category over the last 30 days.
import { breachesSince, firstResponseTimes, openTasksByPriority } from "@/db/queries/support";
import { DAY_MS } from "@/lib/platform/days";
import { orgClock } from "@/lib/platform/time-zone";

export function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

function medians<K>(rows: { key: K; ms: number }[]) {
  const groups = new Map<K, number[]>();
  for (const r of rows) groups.set(r.key, [...(groups.get(r.key) ?? []), r.ms]);
  return [...groups].map(([key, ms]) => ({ key, responses: ms.length, medianMs: median(ms)! })).sort((a, b) => a.medianMs - b.medianMs);
}

export async function supportOverview(now = new Date()) {
  const clock = await orgClock();
  const startOfDay = clock.dayStart(clock.dayOf(now.getTime()));
  const [open, breachesToday, times] = await Promise.all([openTasksByPriority(), breachesSince({ since: startOfDay }), firstResponseTimes({ since: new Date(now.getTime() - 30 * DAY_MS) })]);
  return {
    open,
    breachesToday,
    byAgent: medians(times.map((t) => ({ key: t.owner ?? "Unassigned", ms: t.ms }))),
    byCategory: medians(times.map((t) => ({ key: t.category, ms: t.ms }))),
  };
}

/** "12 min", "3.4 h", "2.1 d". */
export function durationText(ms: number | null): string {
  if (ms === null) return "—";
  const minutes = ms / 60_000;
  if (minutes < 90) return `${Math.round(minutes)} min`;
  if (minutes < 48 * 60) return `${(minutes / 60).toFixed(1)} h`;
  return `${(minutes / 1440).toFixed(1)} d`;
}

/** Median first response per category for requests created in [from, to) — the trends page's column beside sentiment. */
export async function responseTimesByCategory({ from, to }: { from: Date; to: Date }): Promise<Map<number, { responses: number; medianMs: number }>> {
  const times = await firstResponseTimes({ since: from, until: to });
  return new Map(medians(times.map((t) => ({ key: t.categoryId, ms: t.ms }))).map((m) => [m.key, { responses: m.responses, medianMs: m.medianMs }]));
}
