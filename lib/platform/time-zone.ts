// The organisation's time zone (issue 21, item 11): a call centre counts its days from its own
// midnight. Admins choose it on the Users page; the default is UTC. It sets the day boundaries
// of the dashboard's "today", the trends and emotions days, the task list's date filter and the
// times on pages and in CSV files. The trend aggregates (task_daily_counts) are filed by local
// day in SQL, from the zone's UTC offsets written to org_day_offsets (computed here from the
// runtime's time-zone database), so SQL and JavaScript draw the same boundaries.
import { readSetting } from "@/db/queries/org-settings";
import { applyTimeZone, TIME_ZONE_SETTING as KEY } from "@/db/queries/time-zone";
import { insertAuditEntry } from "@/db/queries/audit";
import { DAY_MS } from "@/lib/platform/days";
import { AppError } from "@/lib/platform/errors";

export const DEFAULT_TIME_ZONE = "UTC";

const MINUTE_MS = 60_000;
/** Offsets are computed for this span; outside it the nearest offset holds. */
const FROM_MS = Date.UTC(1970, 0, 1);
const TO_MS = Date.UTC(2100, 0, 1);
const EARLIEST = -8_640_000_000_000_000;

export type OffsetChange = { startsAt: number; offsetMinutes: number };

export function isTimeZone(zone: string): boolean {
  if (!zone || zone.length > 64) return false;
  try {
    new Intl.DateTimeFormat("en", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** ICU lists some zones under their old names; people look for the current ones. */
const CURRENT_NAMES: Record<string, string> = {
  "Asia/Calcutta": "Asia/Kolkata",
  "Asia/Katmandu": "Asia/Kathmandu",
  "Asia/Rangoon": "Asia/Yangon",
  "Asia/Saigon": "Asia/Ho_Chi_Minh",
  "Europe/Kiev": "Europe/Kyiv",
  "Atlantic/Faeroe": "Atlantic/Faroe",
  "America/Godthab": "America/Nuuk",
  "Africa/Asmera": "Africa/Asmara",
  "Pacific/Ponape": "Pacific/Pohnpei",
  "Pacific/Truk": "Pacific/Chuuk",
  "Pacific/Enderbury": "Pacific/Kanton",
};

/** The zones to choose from: UTC first, then the runtime's IANA names (current spellings), sorted. */
export function timeZoneChoices(): string[] {
  const names = Intl.supportedValuesOf("timeZone").map((z) => (CURRENT_NAMES[z] && isTimeZone(CURRENT_NAMES[z]) ? CURRENT_NAMES[z] : z));
  return [DEFAULT_TIME_ZONE, ...[...new Set(names)].filter((z) => z !== DEFAULT_TIME_ZONE).sort()];
}

const formatters = new Map<string, Intl.DateTimeFormat>();
function partsFormatter(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", { timeZone: zone, hourCycle: "h23", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit" });
    formatters.set(zone, f);
  }
  return f;
}

function localParts(zone: string, ms: number) {
  const p: Record<string, string> = {};
  for (const part of partsFormatter(zone).formatToParts(new Date(ms))) p[part.type] = part.value;
  return { year: p.year, month: p.month, day: p.day, hour: p.hour, minute: p.minute, second: p.second };
}

/** Local time minus UTC at a moment, in minutes (e.g. 330 in Kolkata, -300 in New York in winter). */
export function offsetMinutesAt(zone: string, ms: number): number {
  const p = localParts(zone, ms);
  const asUtc = Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), Number(p.hour), Number(p.minute), Number(p.second));
  return Math.round((asUtc - Math.floor(ms / 1000) * 1000) / MINUTE_MS);
}

const tables = new Map<string, OffsetChange[]>();
/**
 * Every change of the zone's offset from 1970 to 2100, found by sampling each week and
 * bisecting to the minute where it changed. UTC has one row.
 */
export function offsetTable(zone: string): OffsetChange[] {
  const cached = tables.get(zone);
  if (cached) return cached;
  const out: OffsetChange[] = [{ startsAt: EARLIEST, offsetMinutes: offsetMinutesAt(zone, FROM_MS) }];
  const step = 7 * DAY_MS;
  let prevMs = FROM_MS;
  let prev = out[0].offsetMinutes;
  for (let ms = FROM_MS + step; ms <= TO_MS; ms += step) {
    const off = offsetMinutesAt(zone, ms);
    if (off !== prev) {
      let lo = prevMs;
      let hi = ms;
      while (hi - lo > MINUTE_MS) {
        const mid = lo + Math.floor((hi - lo) / 2 / MINUTE_MS) * MINUTE_MS;
        if (offsetMinutesAt(zone, mid) === prev) lo = mid;
        else hi = mid;
      }
      out.push({ startsAt: hi, offsetMinutes: offsetMinutesAt(zone, hi) });
      prev = off;
    }
    prevMs = ms;
  }
  tables.set(zone, out);
  return out;
}

/** Days, times and their text in one zone. */
export type OrgClock = {
  zone: string;
  /** The local calendar day (days since 1970-01-01) of a moment. */
  dayOf(ms: number): number;
  /** The moment a local day starts (its midnight). */
  dayStart(day: number): Date;
  /** "2026-12-07 14:03" in the zone. */
  minute(d: Date): string;
  /** "2026-12-07T14:03:05+01:00": for CSV files, exact and in the zone. */
  iso(d: Date): string;
};

/** Computed per moment from the runtime's zone data (the table is only for SQL: building it takes a while). */
export function clockFor(zone: string): OrgClock {
  const utc = zone === DEFAULT_TIME_ZONE;
  const offset = (ms: number) => (utc ? 0 : offsetMinutesAt(zone, ms));
  const offsetText = (minutes: number) => `${minutes < 0 ? "-" : "+"}${String(Math.floor(Math.abs(minutes) / 60)).padStart(2, "0")}:${String(Math.abs(minutes) % 60).padStart(2, "0")}`;
  return {
    zone,
    dayOf: (ms) => Math.floor((ms + offset(ms) * MINUTE_MS) / DAY_MS),
    dayStart: (day) => {
      const guess = day * DAY_MS - offset(day * DAY_MS) * MINUTE_MS;
      return new Date(day * DAY_MS - offset(guess) * MINUTE_MS);
    },
    minute: (d) => {
      const p = localParts(zone, d.getTime());
      return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}`;
    },
    iso: (d) => {
      const p = localParts(zone, d.getTime());
      return `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}:${p.second}${utc ? "Z" : offsetText(offset(d.getTime()))}`;
    },
  };
}

export async function orgTimeZone(): Promise<string> {
  const value = await readSetting(KEY);
  return typeof value === "string" && isTimeZone(value) ? value : DEFAULT_TIME_ZONE;
}

/** The organisation's clock, for a page, a CSV or a summary. */
export async function orgClock(): Promise<OrgClock> {
  return clockFor(await orgTimeZone());
}

/**
 * An admin chooses the zone: the setting, the offsets the triggers read and the trend
 * aggregates refiled by local day change together (one transaction), audited.
 */
export async function setOrgTimeZone(zone: string, actorId: number | null): Promise<string> {
  const name = zone.trim();
  if (!isTimeZone(name)) throw new AppError("validation:time_zone", `"${name.slice(0, 64)}" is not a time zone; choose one from the list (e.g. Europe/London).`, { fieldErrors: { timeZone: "Choose a time zone from the list." } });
  // Kept as the admin chose it (the runtime would rename Asia/Kolkata to Asia/Calcutta); "utc" → "UTC".
  const canonical = name.toUpperCase() === DEFAULT_TIME_ZONE ? DEFAULT_TIME_ZONE : name;
  const from = await orgTimeZone();
  // UTC needs no rows: the triggers read a missing offset as 0.
  await applyTimeZone({ zone: canonical, offsets: canonical === DEFAULT_TIME_ZONE ? [] : offsetTable(canonical), actorId });
  await insertAuditEntry({ actorId, action: "time_zone.update", details: { from, to: canonical } });
  return canonical;
}
