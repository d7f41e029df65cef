"use client";

// A Tremor chart whose points and bars open the tasks behind them. The server passes the
// links (hrefs[index value][series]), so the chart never sees a task row. Charts are not
// keyboard-reachable; every page shows the same numbers in a table with the same links.
import type { EventProps } from "@tremor/react";
import { AreaChart, BarChart, ChartSlot, LineChart } from "@/components/charts/lazy-charts";
import { useRouter } from "next/navigation";
import { count, net, pct } from "@/components/format";

export type ChartFormat = "count" | "percent" | "net";

// The tables' formats, so a chart's tooltip reads as the table beside it does.
const FORMATTERS: Record<ChartFormat, (v: number) => string> = { count, percent: pct, net };

type Props = {
  kind: "line" | "area" | "bar";
  data: Record<string, string | number | null>[];
  index: string;
  categories: string[];
  colors: string[];
  hrefs: Record<string, Record<string, string>>;
  format?: ChartFormat;
  stack?: boolean;
  /** Horizontal bars (Tremor calls this layout "vertical"). */
  horizontal?: boolean;
  className?: string;
  testId?: string;
};

export function DrillDownChart({ kind, data, index, categories, colors, hrefs, format = "count", stack, horizontal, className, testId }: Props) {
  const router = useRouter();
  const open = (event: EventProps) => {
    if (!event || (event.eventType !== "dot" && event.eventType !== "bar")) return;
    const href = hrefs[String(event[index])]?.[event.categoryClicked];
    if (href) router.push(href);
  };
  // Stacked shares add up to 100% at most: without a fixed domain the axis is rounded up to 120%.
  const shares = format === "percent" && stack;
  const common = {
    data: shares ? data.map((row) => withinWhole(row, categories)) : data,
    index,
    categories,
    colors,
    valueFormatter: FORMATTERS[format],
    onValueChange: open,
    // Tremor's own legend nests list items in a div inside its <ol> (an accessibility error); ours is a plain list.
    showLegend: false,
    showAnimation: false,
    yAxisWidth: horizontal ? 120 : 56,
    className: className ?? "h-72",
    noDataText: "No requests in this range",
    allowDecimals: format !== "count",
  };
  const shareDomain = shares ? { minValue: 0, maxValue: 1 } : {};
  return (
    <div data-testid={testId}>
      <ul className="mb-2 flex flex-wrap justify-end gap-x-4 gap-y-1 text-xs text-slate-700" aria-label="Legend">
        {categories.map((c, i) => (
          <li key={c} className="inline-flex items-center gap-1.5">
            <span aria-hidden="true" className={`inline-block h-2.5 w-2.5 rounded-full bg-${colors[i % colors.length]}-500`} />
            {c}
          </li>
        ))}
      </ul>
      <ChartSlot className={common.className}>
        {kind === "line" ? (
          <LineChart {...common} connectNulls minValue={format === "net" ? -1 : undefined} maxValue={format === "net" ? 1 : undefined} />
        ) : kind === "area" ? (
          <AreaChart {...common} stack={stack} {...shareDomain} />
        ) : (
          <BarChart {...common} stack={stack} layout={horizontal ? "vertical" : "horizontal"} {...shareDomain} />
        )}
      </ChartSlot>
    </div>
  );
}

/**
 * A row of shares whose floating-point sum stays within 1. Six shares that make a whole can add
 * up to 1.0000000000000002; the chart then widens its fixed 0–100% domain by that hair and picks
 * uneven ticks (0, 30, 60, 100%). The last share gives up the excess, far below what a tooltip shows.
 */
function withinWhole(row: Record<string, string | number | null>, categories: string[]): Record<string, string | number | null> {
  let sum = 0;
  let last: string | null = null;
  for (const c of categories) {
    const v = row[c];
    if (typeof v === "number" && v > 0) {
      sum += v;
      last = c;
    }
  }
  if (sum <= 1 || last === null) return row;
  return { ...row, [last]: Math.max(0, (row[last] as number) - (sum - 1) - 1e-12) };
}
