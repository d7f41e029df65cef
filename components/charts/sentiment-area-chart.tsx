"use client";

import { AreaChart, ChartSlot } from "@/components/charts/lazy-charts";
import { SENTIMENT_COLOURS } from "@/components/charts/palette";
import { SENTIMENTS } from "@/db/schema";

export function SentimentAreaChart({ data, className }: { data: { day: string; negative: number; neutral: number; positive: number }[]; className?: string }) {
  const height = className ?? "h-72";
  return (
    <ChartSlot className={height}>
      <AreaChart
        className={height}
        data={data}
        index="day"
        categories={[...SENTIMENTS]}
        colors={SENTIMENTS.map((s) => SENTIMENT_COLOURS[s])}
        stack
        showAnimation={false}
        yAxisWidth={48}
      />
    </ChartSlot>
  );
}
