// The one set of formats for every table and chart: a missing value is "—", a negative
// number carries "−" (U+2212, as wide as "+"), times are to the minute, in the organisation's
// time zone when the page passes its clock (lib/platform/time-zone.ts), UTC without.
export const MISSING = "—";
export const MINUS = "\u2212";

export const count = (v: number) => Intl.NumberFormat("en").format(v);
export const pct = (v: number | null) => (v === null ? MISSING : `${(v * 100).toFixed(1)}%`);
/** Net score in [-1, 1], always signed. */
export const net = (v: number | null) => (v === null ? MISSING : v > 0 ? `+${v.toFixed(2)}` : v < 0 ? `${MINUS}${Math.abs(v).toFixed(2)}` : "0.00");
type InZone = (d: Date) => string;
/** A time to the minute: a Date, or an ISO string as client components receive it; `inZone` is the org clock's `minute`. */
export const minute = (d: Date | string | null | undefined, inZone?: InZone) => {
  if (!d) return MISSING;
  const at = new Date(d);
  return inZone ? inZone(at) : at.toISOString().slice(0, 16).replace("T", " ");
};
export const day = (d: Date | string | null | undefined, inZone?: InZone) => (d ? minute(d, inZone).slice(0, 10) : MISSING);
