const STYLE: Record<string, string> = {
  open: "bg-amber-100 text-amber-900 ring-amber-200",
  in_progress: "bg-blue-100 text-blue-900 ring-blue-200",
  resolved: "bg-emerald-100 text-emerald-900 ring-emerald-200",
  closed: "bg-slate-100 text-slate-800 ring-slate-200",
};
const LABEL: Record<string, string> = { open: "open", in_progress: "in progress", resolved: "resolved, not closed", closed: "closed" };

export function FollowUpStatusBadge({ status }: { status: string }) {
  return (
    <span data-testid="follow-up-status" className={`inline-flex rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${STYLE[status] ?? STYLE.closed}`}>
      {LABEL[status] ?? status}
    </span>
  );
}
