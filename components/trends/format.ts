// Number formats shared by the trends, emotions and accounts pages.
const MINUS = "\u2212";

export const count = (v: number) => Intl.NumberFormat("en").format(v);
export const pct = (v: number | null) => (v === null ? "—" : `${(v * 100).toFixed(1)}%`);
/** Net score in [-1, 1], always signed. */
export const net = (v: number | null) => (v === null ? "—" : v > 0 ? `+${v.toFixed(2)}` : v < 0 ? `${MINUS}${Math.abs(v).toFixed(2)}` : "0.00");
/** A change of a share, in percentage points. */
export const points = (v: number | null) => (v === null ? "—" : `${v > 0 ? "+" : v < 0 ? MINUS : "±"}${Math.abs(v * 100).toFixed(1)} pts`);
/** A time as the organisation reads it: pass its clock's `minute` (lib/time-zone.ts); UTC without. */
export const minute = (d: Date | null, inZone?: (d: Date) => string) => (d ? (inZone ? inZone(d) : d.toISOString().slice(0, 16).replace("T", " ")) : "—");
export const day = (d: Date | null, inZone?: (d: Date) => string) => (d ? minute(d, inZone).slice(0, 10) : "—");

/** Text colour of a change: worse is rose, better emerald. */
export function changeTone(v: number | null, higherIsBetter = true): string {
  if (v === null || v === 0) return "text-slate-700";
  return v > 0 === higherIsBetter ? "text-emerald-800" : "text-rose-800";
}
