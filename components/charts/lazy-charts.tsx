"use client";

// Tremor and the recharts under it are the largest script of any page that draws a chart
// (about 440 KB; the rest of the dashboard's own script is under 100 KB). Imported statically,
// a page could not show until that script had arrived and run: the dashboard right after sign-in
// waited for it, on a machine whose cores the server shares. Loaded on their own, the page shows
// at once and the chart fills its place, kept at the chart's height, a moment later. (The server
// never drew them: recharts measures its box in the browser.) The script is fetched once and
// cached for every later chart.
import { lazy, Suspense, type ReactNode } from "react";

export const AreaChart = lazy(() => import("./tremor-charts").then((m) => ({ default: m.AreaChart })));
export const BarChart = lazy(() => import("./tremor-charts").then((m) => ({ default: m.BarChart })));
export const LineChart = lazy(() => import("./tremor-charts").then((m) => ({ default: m.LineChart })));

/** Holds a lazily loaded chart's place at its height (the chart's own className), saying so, until it is drawn. */
export function ChartSlot({ className, children }: { className: string; children: ReactNode }) {
  const loading = (
    <div className={`${className} flex items-center justify-center rounded bg-slate-50 text-sm text-slate-600`} aria-busy="true">
      Loading the chart…
    </div>
  );
  return <Suspense fallback={loading}>{children}</Suspense>;
}
