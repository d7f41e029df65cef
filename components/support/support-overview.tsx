// The dashboard's level-of-support section (lib/support/overview.ts).
import Link from "@/components/link";
import { PRIORITIES } from "@/db/schema";
import { PriorityBadge } from "@/components/support/priority-badge";
import { durationText, type supportOverview } from "@/lib/support/overview";

type Overview = Awaited<ReturnType<typeof supportOverview>>;

function MedianTable({ caption, rows }: { caption: string; rows: { key: string; responses: number; medianMs: number }[] }) {
  return (
    <table className="data-table">
      <caption className="mb-2 text-left text-sm font-semibold">{caption}</caption>
      <thead>
        <tr><th scope="col">{caption.includes("agent") ? "Agent" : "Category"}</th><th scope="col">Median</th><th scope="col">Responses</th></tr>
      </thead>
      <tbody>
        {rows.map((r) => <tr key={r.key}><td>{r.key}</td><td>{durationText(r.medianMs)}</td><td>{r.responses}</td></tr>)}
        {rows.length === 0 ? <tr><td colSpan={3} className="text-slate-600">No first responses in the last 30 days.</td></tr> : null}
      </tbody>
    </table>
  );
}

export function SupportOverview({ overview }: { overview: Overview }) {
  return (
    <section className="card space-y-4" aria-labelledby="support-overview-heading">
      <h2 id="support-overview-heading" className="text-lg font-semibold">Level of support</h2>
      <div className="flex flex-wrap items-center gap-4 text-sm" data-testid="open-by-priority">
        {PRIORITIES.map((p) => (
          <Link key={p} href={`/tasks?priority=${p}&sort=priority`} className="inline-flex items-center gap-1 hover:underline">
            <PriorityBadge priority={p} /> <span>{overview.open[p]} open</span>
          </Link>
        ))}
        <Link href="/tasks?breached=true" className={`font-medium hover:underline ${overview.breachesToday ? "text-rose-700" : "text-slate-700"}`} data-testid="breaches-today">
          {overview.breachesToday} SLA {overview.breachesToday === 1 ? "breach" : "breaches"} today
        </Link>
      </div>
      <div className="grid gap-6 md:grid-cols-2">
        <MedianTable caption="Median first response per agent, last 30 days" rows={overview.byAgent} />
        <MedianTable caption="Median first response per category, last 30 days" rows={overview.byCategory} />
      </div>
    </section>
  );
}
