"use client";

// Tremor and the recharts under it are the largest script of any page that draws a chart
// (about 440 KB; the rest of the dashboard's own script is under 100 KB). Imported statically,
// a page could not show until that script had arrived and run: the dashboard right after sign-in
// waited for it, on a machine whose cores the server shares. Loaded on their own, the page shows
// at once and the chart fills its place, kept at the chart's height, a moment later. Server
// rendering still draws them; the script is fetched once and cached for every later chart.
import { lazy, Suspense, type ReactNode } from "react";

export const AreaChart = lazy(() => import("./tremor-charts").then((m) => ({ default: m.AreaChart })));
export const BarChart = lazy(() => import("./tremor-charts").then((m) => ({ default: m.BarChart })));
export const LineChart = lazy(() => import("./tremor-charts").then((m) => ({ default: m.LineChart })));

/** Holds a lazily loaded chart's place at its height (the chart's own className) until it is drawn. */
export function ChartSlot({ className, children }: { className: string; children: ReactNode }) {
  return <Suspense fallback={<div className={className} aria-busy="true" />}>{children}</Suspense>;
}
