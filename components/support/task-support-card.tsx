// The task page's level of support: priority and why, owner, SLA clock, and the timeline.
import { minute } from "@/components/format";
import type { TaskRow } from "@/db/queries/task-list";
import type { PrioritySource } from "@/db/schema";
import { PriorityBadge, SlaClock } from "@/components/support/priority-badge";
import { TaskSupportActions } from "@/components/support/task-support-actions";


type Props = {
  row: TaskRow;
  prioritySource: PrioritySource;
  canManage: boolean;
  people: { id: number; name: string }[];
  now: Date;
  /** A time as the organisation reads it (lib/platform/time-zone.ts). */
  when: (d: Date) => string;
};

export function TaskSupportCard({ row, prioritySource, canManage, people, now, when }: Props) {
  // Both clocks run from the arrival and first response is never due after resolution, so the
  // stored next deadline is first response's while that clock still runs.
  const target = row.firstResponseAt || row.slaFirstResponseBreachedAt ? "resolution" : "first response";
  const missed = [row.slaFirstResponseBreachedAt ? "first response" : null, row.slaResolutionBreachedAt ? "resolution" : null].filter((m) => m !== null);
  return (
    <section className="card space-y-3" aria-labelledby="support-heading" data-testid="task-support">
      <h2 id="support-heading" className="text-base font-semibold">Level of support</h2>
      <p className="flex flex-wrap items-center gap-2 text-sm">
        <span data-testid="task-priority"><PriorityBadge priority={row.priority} /></span>
        {prioritySource === "manual" ? <span className="text-xs text-slate-600">set by hand</span> : prioritySource === "rule" ? <span className="text-xs text-slate-600">set by a rule</span> : null}
      </p>
      <p className="text-sm text-slate-800" data-testid="priority-reasons">
        <span className="font-medium">Why:</span> {row.priorityReasons.join(", ") || "not computed yet"}
      </p>
      <p className="text-xs text-slate-600">Computed from the model&apos;s labels, so it is only as good as they are; a supervisor can correct the label or set the priority by hand.</p>
      <dl className="grid grid-cols-[auto,1fr] gap-x-3 gap-y-1 text-sm">
        <dt className="text-slate-600">Owner</dt>
        <dd data-testid="task-owner">{row.ownerName ?? "Unassigned"}</dd>
        <dt className="text-slate-600">SLA</dt>
        <dd data-testid="task-sla">
          {missed.map((m) => (
            <span key={m} className="mr-2 inline-block">{m}: <SlaClock dueAt={null} breachedAt={now} now={now} /></span>
          ))}
          {row.slaDueAt ? <span className="inline-block">{target}{row.slaResolutionFrom && target === "resolution" ? " (since reopened)" : ""}: <SlaClock dueAt={row.slaDueAt} breachedAt={null} now={now} /></span> : null}
          {missed.length === 0 && !row.slaDueAt ? <span className="text-slate-600">no clock running</span> : null}
        </dd>
        {row.firstResponseAt ? (
          <>
            <dt className="text-slate-600">First response</dt>
            <dd>{minute(row.firstResponseAt, when)}</dd>
          </>
        ) : null}
        {row.tags.length ? (
          <>
            <dt className="text-slate-600">Tags</dt>
            <dd>{row.tags.map((t) => <span key={t} className="mr-1 rounded bg-slate-100 px-1.5 py-0.5 text-xs">{t}</span>)}</dd>
          </>
        ) : null}
      </dl>
      <TaskSupportActions id={row.id} ownerId={row.ownerId} priority={row.priority} manual={prioritySource === "manual"} closed={row.status === "closed"} canManage={canManage} people={people} />
    </section>
  );
}

export function TaskTimeline({ events, when }: { events: { id: number; kind: string; summary: string; actor: string | null; createdAt: Date }[]; when: (d: Date) => string }) {
  return (
    <section className="card" aria-labelledby="timeline-heading">
      <h2 id="timeline-heading" className="mb-3 text-lg font-semibold">Timeline</h2>
      {events.length === 0 ? <p className="text-sm text-slate-700">Nothing yet.</p> : null}
      <ol className="space-y-1 text-sm" data-testid="task-timeline">
        {events.map((e) => (
          <li key={e.id} data-kind={e.kind}>
            <span className="text-slate-600">{minute(e.createdAt, when)}</span> · {e.summary}
          </li>
        ))}
      </ol>
    </section>
  );
}
