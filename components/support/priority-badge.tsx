import type { Priority } from "@/db/schema";

const STYLE: Record<Priority, string> = {
  urgent: "bg-rose-600 text-white ring-rose-700",
  high: "bg-amber-100 text-amber-900 ring-amber-300",
  normal: "bg-slate-100 text-slate-800 ring-slate-200",
  low: "bg-sky-50 text-sky-800 ring-sky-200",
};

export function PriorityBadge({ priority }: { priority: Priority }) {
  return <span className={`inline-flex rounded-full px-2 py-0.5 text-xs font-semibold ring-1 ring-inset ${STYLE[priority]}`}>{priority}</span>;
}

/** Time left on the SLA clock, or the breach. Rendered on the server at request time. */
export function SlaClock({ dueAt, breachedAt, now }: { dueAt: Date | null; breachedAt: Date | null; now: Date }) {
  if (breachedAt) return <span className="text-xs font-medium text-rose-700">SLA breached</span>;
  if (!dueAt) return <span className="text-xs text-slate-600">—</span>;
  const ms = dueAt.getTime() - now.getTime();
  const minutes = Math.floor(Math.abs(ms) / 60_000);
  const text = minutes >= 1440 ? `${Math.floor(minutes / 1440)} d ${Math.floor((minutes % 1440) / 60)} h` : minutes >= 60 ? `${Math.floor(minutes / 60)} h ${String(minutes % 60).padStart(2, "0")} min` : `${minutes} min`;
  return <span className={`whitespace-nowrap text-xs ${ms < 0 ? "font-medium text-rose-700" : ms < 3_600_000 ? "text-amber-800" : "text-slate-700"}`}>{ms >= 0 ? `${text} left` : `overdue ${text}`}</span>;
}
