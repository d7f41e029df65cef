// Formats of the trends page's changes between periods (components/format.ts has the rest).
import { MINUS, MISSING } from "@/components/format";

/** A change of a share, in percentage points. */
export const points = (v: number | null) => (v === null ? MISSING : `${v > 0 ? "+" : v < 0 ? MINUS : "±"}${Math.abs(v * 100).toFixed(1)} pts`);

/** Text colour of a change: worse is rose, better emerald. */
export function changeTone(v: number | null, higherIsBetter = true): string {
  if (v === null || v === 0) return "text-slate-700";
  return v > 0 === higherIsBetter ? "text-emerald-800" : "text-rose-800";
}
