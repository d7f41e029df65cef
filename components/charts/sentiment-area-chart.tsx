"use client";

import { AreaChart } from "@tremor/react";

// Colours carry meaning the same way on every page: negative rose, neutral slate, positive emerald.
export const SENTIMENT_COLOURS = ["rose", "slate", "emerald"];

export function SentimentAreaChart({ data, className }: { data: { day: string; negative: number; neutral: number; positive: number }[]; className?: string }) {
  return (
    <AreaChart
      className={className ?? "h-72"}
      data={data}
      index="day"
      categories={["negative", "neutral", "positive"]}
      colors={SENTIMENT_COLOURS}
      stack
      showAnimation={false}
      yAxisWidth={48}
    />
  );
}
