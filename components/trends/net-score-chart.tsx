"use client";

// Net score per period for the categories the reader picks (up to four at once): ten lines
// in one chart reuse colours and cannot be told apart, least of all per day.
import { useState } from "react";
import { DrillDownChart } from "@/components/charts/drill-down-chart";
import { PICKED_SERIES_COLOURS } from "@/components/charts/palette";

export type NetSeries = { id: number; name: string; values: (number | null)[]; hrefs: string[] };

export function NetScoreChart({ periods, series, initial }: { periods: string[]; series: NetSeries[]; initial: number[] }) {
  // Each picked category keeps its colour while it stays picked.
  const [picked, setPicked] = useState<{ id: number; colour: string }[]>(() =>
    initial.slice(0, PICKED_SERIES_COLOURS.length).map((id, i) => ({ id, colour: PICKED_SERIES_COLOURS[i] })),
  );
  const full = picked.length >= PICKED_SERIES_COLOURS.length;
  const toggle = (id: number) =>
    setPicked((now) => {
      if (now.some((p) => p.id === id)) return now.filter((p) => p.id !== id);
      const free = PICKED_SERIES_COLOURS.find((c) => !now.some((p) => p.colour === c));
      return free ? [...now, { id, colour: free }] : now;
    });
  const shown = picked.map((p) => ({ ...series.find((s) => s.id === p.id)!, colour: p.colour })).filter((s) => s.name);
  const data = periods.map((period, i) => ({ period, ...Object.fromEntries(shown.map((s) => [s.name, s.values[i]])) }));
  const hrefs = Object.fromEntries(periods.map((period, i) => [period, Object.fromEntries(shown.map((s) => [s.name, s.hrefs[i]]))]));
  return (
    <div className="space-y-3">
      <fieldset>
        <legend className="mb-1 text-sm font-medium text-slate-800">Categories shown (up to {PICKED_SERIES_COLOURS.length})</legend>
        <div className="flex flex-wrap gap-x-3 gap-y-1" data-testid="net-chart-picker">
          {series.map((s) => {
            const on = picked.find((p) => p.id === s.id);
            return (
              <label key={s.id} className={`inline-flex items-center gap-1.5 text-sm ${!on && full ? "text-slate-500" : "text-slate-800"}`}>
                <input type="checkbox" checked={!!on} disabled={!on && full} onChange={() => toggle(s.id)} />
                {s.name}
              </label>
            );
          })}
        </div>
        {full ? <p className="mt-1 text-xs text-slate-600">Untick one to show another.</p> : null}
      </fieldset>
      {shown.length ? (
        <DrillDownChart kind="line" data={data} index="period" categories={shown.map((s) => s.name)} colors={shown.map((s) => s.colour)} hrefs={hrefs} format="net" testId="net-chart" />
      ) : (
        <p className="py-12 text-center text-sm text-slate-600" data-testid="net-chart">Tick a category above to draw its net score.</p>
      )}
    </div>
  );
}
