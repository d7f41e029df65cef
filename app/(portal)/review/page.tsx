import { minute, pct } from "@/components/format";
import type { Metadata } from "next";
import Link from "@/components/link";
import { ReviewQueue } from "@/components/review/review-queue";
import { requirePageRole } from "@/lib/auth/session";
import { firstValues, type PageSearchParams } from "@/lib/platform/search-params";
import { listUsersForFilter } from "@/lib/admin/users";
import { isAppError } from "@/lib/platform/errors";
import { agreementByModelVersion, reviewHistory } from "@/lib/tasks/reviews";
import { flagsOf, listTaskQueue } from "@/lib/tasks/queue";
import { EmptyRow } from "@/components/empty-row";
import { InputField, SelectField } from "@/components/form-fields";
import { TableSection } from "@/components/table-section";
import { Alert } from "@/components/action-outcome";
import { orgClock } from "@/lib/platform/time-zone";

export const metadata: Metadata = { title: "Review" };

const QUEUES = {
  uncertain: { label: "Lowest confidence first", query: { reviewed: "false", sort: "uncertain" } },
  flagged: { label: "Flagged by agents", query: { flagged: "true", sort: "newest" } },
  negative: { label: "Most negative first", query: { reviewed: "false", sort: "negative" } },
} as const;
type QueueName = keyof typeof QUEUES;

const LABEL_CHANGES = [
  { value: "true", label: "Corrected" },
  { value: "false", label: "Confirmed" },
];


export default async function ReviewPage({ searchParams }: { searchParams: PageSearchParams }) {
  await requirePageRole("/review");
  const clock = await orgClock();
  const raw = await firstValues(searchParams);
  const queue: QueueName = raw.queue && raw.queue in QUEUES ? (raw.queue as QueueName) : "uncertain";
  const [{ rows }, agreement, history, reviewers] = await Promise.all([
    listTaskQueue({ ...QUEUES[queue].query, limit: 25 }),
    agreementByModelVersion(),
    // A bad history filter (say ?model=abc) is answered beside the filter, as on the other pages.
    reviewHistory({ reviewer: raw.reviewer ?? "", model: raw.model ?? "", from: raw.from ?? "", to: raw.to ?? "", changed: raw.changed ?? "" }, 100).then(
      (h) => ({ ...h, problem: null }),
      (error: unknown) => {
        if (!isAppError(error)) throw error;
        return { query: {} as Record<string, unknown>, rows: [], problem: error.message };
      },
    ),
    listUsersForFilter(),
  ]);
  const flags = await flagsOf(rows.filter((r) => r.flaggedAt !== null).map((r) => r.id));
  const exportQuery = new URLSearchParams(Object.entries(history.query).flatMap(([k, v]) => (v === undefined ? [] : [[k === "reviewer" ? "reviewer" : k, v instanceof Date ? v.toISOString().slice(0, 10) : String(v)]])));
  return (
    <div className="space-y-6">
      <h1 className="page-title">Review the model&apos;s decisions</h1>
      <nav aria-label="Review queues" className="flex flex-wrap gap-2">
        {(Object.keys(QUEUES) as QueueName[]).map((q) => (
          <Link key={q} href={`/review?queue=${q}`} aria-current={q === queue ? "page" : undefined} className={q === queue ? "btn-primary" : "btn-secondary"}>
            {QUEUES[q].label}
          </Link>
        ))}
      </nav>
      <ReviewQueue
        rows={rows.map((r) => {
          const flag = flags.get(r.id);
          return { id: r.id, text: r.labelledText, sentiment: r.sentiment, confidence: r.confidence, categoryName: r.categoryName, accountName: r.accountName, flag: flag ? { by: flag.flaggedBy, reason: flag.reason } : null };
        })}
      />

      <section className="card" aria-labelledby="agreement-heading">
        <h2 id="agreement-heading" className="mb-3 text-lg font-semibold">Agreement between the model and supervisors</h2>
        <table className="data-table max-w-xl">
          <thead><tr><th scope="col">Model version</th><th scope="col">Reviewed</th><th scope="col">Kept as the model decided</th></tr></thead>
          <tbody>
            {agreement.map((a) => (
              <tr key={a.modelVersionId ?? "none"}>
                <td>v{a.modelVersionId ?? "—"}</td><td>{a.reviewed}</td><td data-testid={`agreement-v${a.modelVersionId}`}>{pct(a.rate)}</td>
              </tr>
            ))}
            {agreement.length === 0 ? <EmptyRow columns={3}>No reviews yet. Each model version&apos;s agreement with supervisors appears here once its decisions are confirmed or corrected in the queue above.</EmptyRow> : null}
          </tbody>
        </table>
      </section>

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
            <SelectField id="h-reviewer" name="reviewer" label="Reviewer" none="Anyone" defaultValue={raw.reviewer} choices={reviewers.map((u) => ({ value: u.id, label: u.email }))} />
            <InputField id="h-model" name="model" label="Model version" type="number" min={1} defaultValue={raw.model ?? ""} />
            <InputField id="h-from" name="from" label="From" type="date" defaultValue={raw.from ?? ""} />
            <SelectField id="h-changed" name="changed" label="Label change" none="Any" defaultValue={raw.changed} choices={LABEL_CHANGES} />
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
    </div>
  );
}
