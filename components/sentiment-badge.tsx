import { NO_CLEAR_EMOTION } from "@/models/emotion/labels";

const STYLE: Record<string, string> = {
  negative: "bg-rose-100 text-rose-800 ring-rose-200",
  neutral: "bg-slate-100 text-slate-800 ring-slate-200",
  positive: "bg-emerald-100 text-emerald-800 ring-emerald-200",
};

export function SentimentBadge({ label, confidence }: { label: string | null; confidence?: number | null }) {
  if (!label) return <span className="text-xs text-slate-600">not scored</span>;
  return (
    <span className={`inline-flex items-center gap-1 rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${STYLE[label] ?? STYLE.neutral}`}>
      {label}
      {confidence != null ? <span className="opacity-75">{Math.round(confidence * 100)}%</span> : null}
    </span>
  );
}

export function EmotionBadge({ label }: { label: string | null }) {
  if (label === NO_CLEAR_EMOTION) {
    return <span className="inline-flex rounded-full bg-slate-50 px-2 py-0.5 text-xs text-slate-700 ring-1 ring-inset ring-slate-200">no clear emotion</span>;
  }
  return (
    <span className="inline-flex rounded-full bg-violet-50 px-2 py-0.5 text-xs font-medium text-violet-800 ring-1 ring-inset ring-violet-200">
      {label ?? "pending"}
    </span>
  );
}
