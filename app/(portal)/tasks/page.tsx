import { minute } from "@/components/format";
import type { Metadata } from "next";
import Link from "@/components/link";
import { EmptyRow } from "@/components/empty-row";
import { TableHead } from "@/components/table-head";
import { EmotionBadge, SentimentBadge } from "@/components/sentiment-badge";
import { TaskFilters } from "@/components/tasks/task-filters";
import { SelectField } from "@/components/form-fields";
import { TrendFlag } from "@/components/conversations/trend-flag";
import { sentimentTrend } from "@/db/conversation-trend";
import { formatReference } from "@/db/reference";
import { BulkAssign } from "@/components/support/bulk-assign";
import { PriorityBadge, SlaClock } from "@/components/support/priority-badge";
import { TakeButton } from "@/components/support/take-button";
import { assignableUsers } from "@/db/queries/support";
import { PRIORITIES } from "@/db/schema";
import { hasRole, MANAGES_TASKS } from "@/lib/auth/roles";
import { requirePageRole } from "@/lib/auth/session";
import { firstValues, type PageSearchParams } from "@/lib/platform/search-params";
import { filterChoices } from "@/lib/tasks/filter-choices";
import { isAppError } from "@/lib/platform/errors";
import { listTaskQueue, taskQueryFromPage } from "@/lib/tasks/queue";
import { Alert } from "@/components/action-outcome";
import { orgClock } from "@/lib/platform/time-zone";

export const metadata: Metadata = { title: "Tasks" };

/** The queue's views: everything, the signed-in person's tasks, the ones nobody owns yet. */
const VIEWS = [
  { key: "", label: "All tasks" },
  { key: "mine", label: "My queue" },
  { key: "unassigned", label: "Unassigned" },
] as const;

const COLUMNS = ["Priority", "Time left", "Owner", "Received", "Account", "Category", "Request", "Sentiment", "Emotion", "Status"];

const SLA_CHOICES = [
  { value: "true", label: "Breached" },
  { value: "false", label: "Not breached" },
];

export default async function TasksPage({ searchParams }: { searchParams: PageSearchParams }) {
  const user = await requirePageRole("/tasks");
  const clock = await orgClock();
  const raw = await firstValues(searchParams);
  const view = raw.view === "mine" || raw.view === "unassigned" ? raw.view : "";
  const owner = view === "mine" ? String(user.id) : view === "unassigned" ? "none" : raw.owner;
  const canManage = hasRole(user.role, MANAGES_TASKS);
  const [choices, people] = await Promise.all([filterChoices(), canManage ? assignableUsers() : Promise.resolve([])]);
  const now = new Date();
  let result: Awaited<ReturnType<typeof listTaskQueue>> | null = null;
  let problem: string | null = null;
  try {
    // My queue and Unassigned are work to do: closed requests (nobody takes those) only when asked for by status.
    result = await listTaskQueue(taskQueryFromPage({ ...raw, owner }, clock.dayStart), { defaultSort: "priority", unfinished: view !== "" });
  } catch (error) {
    if (!isAppError(error)) throw error;
    problem = error.message;
  }
  const columns = [...(canManage ? [<span key="select" className="sr-only">Select</span>] : []), ...COLUMNS];
  const nextHref = result?.nextCursor ? `/tasks?${new URLSearchParams({ ...stripCursor(raw), cursor: result.nextCursor })}` : null;
  return (
    <div className="space-y-4">
      <h1 className="page-title">Tasks</h1>
      <nav aria-label="Queues" className="flex flex-wrap gap-2">
        {VIEWS.map((v) => (
          <Link key={v.key} href={v.key ? `/tasks?view=${v.key}` : "/tasks"} aria-current={view === v.key ? "page" : undefined} className={view === v.key ? "btn-primary" : "btn-secondary"}>
            {v.label}
          </Link>
        ))}
      </nav>
      {view && !raw.status ? <p className="text-sm text-slate-700" data-testid="queue-note">Closed requests are left out of this queue; choose Status &ldquo;closed&rdquo; to see them.</p> : null}
      {canManage ? <BulkAssign people={people} /> : null}
      <TaskFilters
        action="/tasks"
        values={raw}
        categories={choices.categories}
        emotions={choices.emotions}
        defaultSort="priority"
        extra={
          <>
            <SelectField id="f-priority" name="priority" label="Priority" none="All" defaultValue={raw.priority} choices={PRIORITIES} />
            <SelectField id="f-breached" name="breached" label="SLA" none="All" defaultValue={raw.breached} choices={SLA_CHOICES} />
            {view ? <input type="hidden" name="view" value={view} /> : null}
          </>
        }
      />
      {problem ? <Alert>{problem}</Alert> : null}
      <div className="card overflow-x-auto p-0">
        <table className="data-table">
          <caption className="sr-only">Customer requests</caption>
          <TableHead columns={columns} />
          <tbody>
            {result?.rows.map((t) => (
              <tr key={t.id} data-testid="task-row">
                {canManage ? (
                  <td><input type="checkbox" name="taskIds" value={t.id} form="bulk-assign" aria-label={`Select request ${t.id}`} /></td>
                ) : null}
                <td><PriorityBadge priority={t.priority} /></td>
                <td><SlaClock dueAt={t.slaDueAt} breachedAt={t.slaBreachedAt} now={now} /></td>
                <td className="whitespace-nowrap">{t.ownerName ?? (t.status === "closed" ? <span className="text-xs text-slate-600">—</span> : <TakeButton id={t.id} />)}</td>
                <td className="whitespace-nowrap text-slate-700">{minute(t.createdAt, clock.minute)}</td>
                <td>{t.accountName}{t.accountEmail ? <span className="block text-xs text-slate-600">{t.accountEmail}</span> : null}</td>
                <td className="whitespace-nowrap">{t.categoryName}</td>
                <td className="max-w-md">
                  <Link href={`/tasks/${t.id}`} className="line-clamp-2 text-blue-800 hover:underline"><span className="font-mono text-xs text-slate-600">{formatReference(t.id)}</span> {t.text}</Link>
                  {t.flaggedAt ? <span className="text-xs font-medium text-amber-800">flagged for review</span> : null}
                </td>
                <td>
                  <SentimentBadge label={t.sentiment} confidence={t.reviewed ? null : t.confidence} />
                  {t.reviewed ? <span className="ml-1 text-xs text-slate-600">reviewed</span> : null}
                  {t.openingSentiment ? <span className="ml-1"><TrendFlag trend={sentimentTrend(t.openingSentiment, t.sentiment)} /></span> : null}
                </td>
                <td><EmotionBadge label={t.emotion} /></td>
                <td>{t.status}</td>
              </tr>
            ))}
            {result && result.rows.length === 0 ? (
              <EmptyRow columns={columns.length}>No requests match these filters. Requests arrive from the feedback form and the API; clear or widen the filters above to see more.</EmptyRow>
            ) : null}
          </tbody>
        </table>
      </div>
      {nextHref ? <Link href={nextHref} className="btn-secondary">Next page</Link> : null}
    </div>
  );
}

function stripCursor(raw: Record<string, string | undefined>): Record<string, string> {
  return Object.fromEntries(Object.entries(raw).filter((e): e is [string, string] => e[0] !== "cursor" && !!e[1]));
}
