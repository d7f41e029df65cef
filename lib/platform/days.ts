// Calendar days as the portal's date filters use them: "YYYY-MM-DD", a whole UTC day, and
// day numbers (days since 1970-01-01) for arithmetic on them.

export const DAY_MS = 86_400_000;

export const dayOf = (ms: number) => Math.floor(ms / DAY_MS);
export const isoDay = (day: number) => new Date(day * DAY_MS).toISOString().slice(0, 10);

/** The day number of "YYYY-MM-DD", or null unless it is a real calendar day (2024-02-31 is not: Date.parse would roll it into March). */
export function parseIsoDay(s: string): number | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return null;
  const ms = Date.parse(`${s}T00:00:00Z`);
  if (Number.isNaN(ms)) return null;
  const day = dayOf(ms);
  return isoDay(day) === s ? day : null;
}
