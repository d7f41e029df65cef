// The one set of formats for every table and chart: a missing value is "—", a negative
// number carries "−" (U+2212, as wide as "+"), times are UTC to the minute.
export const MISSING = "—";
export const MINUS = "\u2212";

export const count = (v: number) => Intl.NumberFormat("en").format(v);
export const pct = (v: number | null) => (v === null ? MISSING : `${(v * 100).toFixed(1)}%`);
/** Net score in [-1, 1], always signed. */
export const net = (v: number | null) => (v === null ? MISSING : v > 0 ? `+${v.toFixed(2)}` : v < 0 ? `${MINUS}${Math.abs(v).toFixed(2)}` : "0.00");
export const day = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : MISSING);
/** A time to the minute, UTC: a Date, or an ISO string as client components receive it. */
export const minute = (d: Date | string | null | undefined) => (d ? new Date(d).toISOString().slice(0, 16).replace("T", " ") : MISSING);
