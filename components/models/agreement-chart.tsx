"use client";

import { ChartSlot, LineChart } from "@/components/charts/lazy-charts";

/** Weekly share of reviewed requests on which supervisors kept the active model's label. */
export function AgreementChart({ data }: { data: { week: string; reviewed: number; kept: number }[] }) {
  const points = data.map((w) => ({ week: w.week, "Agreement (%)": Math.round((w.kept / w.reviewed) * 1000) / 10 }));
  return (
    <ChartSlot className="h-56">
      <LineChart
        className="h-56"
        data={points}
        index="week"
        categories={["Agreement (%)"]}
        colors={["emerald"]}
        minValue={0}
        maxValue={100}
        valueFormatter={(v) => `${v}%`}
        showAnimation={false}
        yAxisWidth={56}
        connectNulls
      />
    </ChartSlot>
  );
}
