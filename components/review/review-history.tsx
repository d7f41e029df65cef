// The review history on the review page: every confirmation or correction, newest first,
// with its filters (a bad one is answered beside them) and the same rows as CSV.
import Link from "@/components/link";
import { minute } from "@/components/format";
import { InputField, SelectField } from "@/components/form-fields";
import { TableSection } from "@/components/table-section";
import { Alert } from "@/components/action-outcome";
import type { OrgClock } from "@/lib/platform/time-zone";
import type { reviewHistory } from "@/lib/tasks/reviews";

const LABEL_CHANGES = [
  { value: "true", label: "Corrected" },
  { value: "false", label: "Confirmed" },
];

type Props = {
  /** The filtered reviews, the filter as understood, and the filter's problem when it is not valid. */
  history: { query: Record<string, unknown>; rows: Awaited<ReturnType<typeof reviewHistory>>["rows"]; problem: string | null };
  /** The review queue shown above, kept when filtering. */
  queue: string;
  /** The filter as typed (the page's query). */
  filters: Record<string, string | undefined>;
  reviewers: { id: number; email: string }[];
  clock: OrgClock;
};

export function ReviewHistory({ history, queue, filters, reviewers, clock }: Props) {
  const exportQuery = new URLSearchParams(Object.entries(history.query).flatMap(([k, v]) => (v === undefined ? [] : [[k === "reviewer" ? "reviewer" : k, v instanceof Date ? v.toISOString().slice(0, 10) : String(v)]])));
  return (
    <TableSection
      id="history"
      title="Review history"
      csvHref={`/review/history.csv?${exportQuery}`}
      columns={["When", "Task", "Reviewer", "Model", "Before → after", "Note"]}
      empty={
        history.rows.length
          ? undefined
          : Object.values(history.query).some((v) => v !== undefined)
            ? <>No reviews match these filters. <Link className="text-blue-800 underline" href={`/review?queue=${queue}`}>Clear the filters</Link> to see every review.</>
            : <>No reviews yet. Every confirmation or correction made in the queue above or on a task page is listed here, with who made it.</>
      }
      controls={
        <form method="get" action="/review" className="grid gap-3 sm:grid-cols-5" aria-label="Filter review history">
          <input type="hidden" name="queue" value={queue} />
          <SelectField id="h-reviewer" name="reviewer" label="Reviewer" none="Anyone" defaultValue={filters.reviewer} choices={reviewers.map((u) => ({ value: u.id, label: u.email }))} />
          <InputField id="h-model" name="model" label="Model version" type="number" min={1} defaultValue={filters.model ?? ""} />
          <InputField id="h-from" name="from" label="From" type="date" defaultValue={filters.from ?? ""} />
          <SelectField id="h-changed" name="changed" label="Label change" none="Any" defaultValue={filters.changed} choices={LABEL_CHANGES} />
          <div className="flex items-end"><button type="submit" className="btn-primary">Filter</button></div>
          {history.problem ? <Alert className="sm:col-span-5">{history.problem}</Alert> : null}
        </form>
      }
    >
      {history.rows.map((h) => (
        <tr key={h.id} data-testid="history-row">
          <td className="whitespace-nowrap">{minute(h.createdAt, clock.minute)}</td>
          <td><Link className="text-blue-800 underline" href={`/tasks/${h.taskId}`}>#{h.taskId}</Link></td>
          <td>{h.reviewer}</td><td>v{h.modelVersionId}</td><td>
            <span className={h.undoneAt ? "line-through" : undefined}>{h.labelBefore} → <strong>{h.labelAfter}</strong></span>
            {h.undoneAt ? <span className="block text-xs text-slate-600">undone by {h.undoneBy}</span> : null}
          </td><td>{h.note}</td>
        </tr>
      ))}
    </TableSection>
  );
}
