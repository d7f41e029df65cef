import type { SentimentTrend } from "@/db/conversation-trend";

const STYLE: Record<SentimentTrend, string> = {
  improving: "bg-emerald-50 text-emerald-800 ring-emerald-200",
  worsening: "bg-rose-50 text-rose-800 ring-rose-200",
  steady: "bg-slate-50 text-slate-700 ring-slate-200",
};
const ARROW: Record<SentimentTrend, string> = { improving: "↗", worsening: "↘", steady: "→" };

/** Opening vs latest customer message, as a flag beside the task's labels. */
export function TrendFlag({ trend }: { trend: SentimentTrend }) {
  return (
    <span data-testid="trend-flag" data-trend={trend} className={`inline-flex items-center gap-1 rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${STYLE[trend]}`}>
      <span aria-hidden="true">{ARROW[trend]}</span> {trend}
    </span>
  );
}
