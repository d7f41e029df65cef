// Says which periods the date range cuts, so a short first or last week is not read as a quiet one.
import type { Granularity, Period } from "@/lib/trends/reports";

export function PartialPeriodsNote({ periods, granularity }: { periods: Period[]; granularity: Granularity }) {
  const cut = periods.filter((p) => p.partial);
  if (cut.length === 0) return null;
  return (
    <p className="text-sm text-slate-700" data-testid="partial-periods-note">
      Periods marked &ldquo;(partial)&rdquo; are only partly in the range: {cut.map((p) => `${p.label} counts ${p.from} to ${p.to} only`).join("; ")}.
      Their counts cover fewer days than a whole {granularity}; their shares and net scores are of those days.
    </p>
  );
}
