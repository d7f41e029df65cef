"use client";

import { AreaChart } from "@tremor/react";
import { SENTIMENT_COLOURS } from "@/components/charts/palette";
import { SENTIMENTS } from "@/db/schema";

export function SentimentAreaChart({ data, className }: { data: { day: string; negative: number; neutral: number; positive: number }[]; className?: string }) {
  return (
    <AreaChart
      className={className ?? "h-72"}
      data={data}
      index="day"
      categories={[...SENTIMENTS]}
      colors={SENTIMENTS.map((s) => SENTIMENT_COLOURS[s])}
      stack
      showAnimation={false}
      yAxisWidth={48}
    />
  );
}
