// The Tremor charts this app draws, and only those: loaded on their own by lazy-charts.tsx.
export { AreaChart, BarChart, LineChart } from "@tremor/react";
