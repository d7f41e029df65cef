import type { ModelStatus } from "@/db/schema";

const STYLE: Record<ModelStatus, string> = {
  queued: "bg-amber-100 text-amber-900",
  running: "bg-blue-100 text-blue-900",
  succeeded: "bg-emerald-100 text-emerald-900",
  failed: "bg-rose-100 text-rose-900",
};

export function RunStatus({ status, progress, message }: { status: ModelStatus; progress: number; message?: string | null }) {
  const pct = Math.round(progress * 100);
  return (
    <div className="min-w-40">
      <span className={`rounded px-2 py-0.5 text-xs font-medium ${STYLE[status]}`}>{status}</span>
      {status === "running" || status === "queued" ? (
        <div className="mt-1">
          <div
            role="progressbar"
            aria-label="Training progress"
            aria-valuenow={pct}
            aria-valuemin={0}
            aria-valuemax={100}
            className="h-2 w-full overflow-hidden rounded bg-slate-200"
          >
            <div className="h-2 bg-blue-600 transition-all" style={{ width: `${pct}%` }} />
          </div>
          <p className="mt-0.5 text-xs text-slate-600">{pct}% · {message ?? ""}</p>
        </div>
      ) : null}
    </div>
  );
}
