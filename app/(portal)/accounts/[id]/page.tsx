import type { Metadata } from "next";
import Link from "@/components/link";
import { recordOrNotFound } from "@/app/(portal)/record-or-not-found";
import { CloseFollowUpForm, OpenFollowUpForm, UpdateFollowUpForm } from "@/components/accounts/follow-up-forms";
import { FollowUpStatusBadge } from "@/components/accounts/follow-up-status-badge";
import { DrillDownChart } from "@/components/charts/drill-down-chart";
import { SENTIMENT_COLOURS } from "@/components/charts/palette";
import { EmotionBadge, SentimentBadge } from "@/components/sentiment-badge";
import { StatCard } from "@/components/stat-card";
import { count, day, minute, MISSING } from "@/components/format";
import { TableSection } from "@/components/table-section";
import { FOLLOW_UP_MECHANISMS, SENTIMENTS } from "@/db/schema";
import { accountOverview } from "@/lib/accounts/at-risk";
import { requirePageRole } from "@/lib/auth/session";
import { ACTIVE_FOLLOW_UP_STATUSES, FOLLOW_UP_STATUS_LABELS, MECHANISM_LABELS } from "@/lib/accounts/follow-ups";
import { tasksHref } from "@/lib/trends/reports";
import { orgClock } from "@/lib/platform/time-zone";

export const metadata: Metadata = { title: "Account" };

const mechanisms = FOLLOW_UP_MECHANISMS.map((m) => ({ value: m, label: MECHANISM_LABELS[m] }));
const statuses = ACTIVE_FOLLOW_UP_STATUSES.map((s) => ({ value: s, label: FOLLOW_UP_STATUS_LABELS[s] }));

export default async function AccountPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requirePageRole("/accounts");
  const inZone = (await orgClock()).minute;
  const o = await recordOrNotFound(params, accountOverview);
  const { account, run, activeFollowUp: active } = o;
  const owners = o.owners.map(({ id: ownerId, name, email }) => ({ id: ownerId, name, email }));
  const chartData = o.timeline.map((p) => ({ period: p.label, negative: p.negative, neutral: p.neutral, positive: p.positive }));
  const chartHrefs = Object.fromEntries(
    o.timeline.map((p) => [p.label, Object.fromEntries(SENTIMENTS.map((s) => [s, tasksHref({ from: p.from, to: p.to, accountId: account.id, sentiment: s })]))]),
  );

  return (
    <div className="space-y-6">
      <p><Link href="/accounts" className="text-sm text-blue-700 underline">← At-risk accounts</Link></p>
      <div>
        <h1 className="page-title">{account.name}</h1>
        <p className="text-sm text-slate-700">{account.externalRef}{account.email ? ` · ${account.email}` : ""}</p>
      </div>

      <div className="grid grid-cols-1 gap-4 sm:grid-cols-3">
        <StatCard
          label="Negative requests in a row"
          value={String(run.length)}
          hint={
            run.length
              ? `since ${minute(run.startedAt, inZone)}, the last ${minute(run.lastAt, inZone)}`
              : run.emptyBecause === "settled"
                ? `Closing the follow-up on ${minute(o.lastClosedAt, inZone)} settled the earlier negative requests; none has arrived since`
                : "The newest scored request is not negative"
          }
        />
        <StatCard label="Requests" value={count(o.taskTotal)} hint={o.tasks[0] ? `latest ${minute(o.tasks[0].createdAt, inZone)}` : undefined} />
        <StatCard label="Last follow-up closed" value={o.lastClosedAt ? day(o.lastClosedAt, inZone) : "never"} hint={o.lastClosedAt ? "Requests before it no longer count towards a series" : undefined} />
      </div>

      <section className="card space-y-4" aria-labelledby="follow-up-heading">
        <div className="flex flex-wrap items-center gap-3">
          <h2 id="follow-up-heading" className="text-lg font-semibold">Follow-up</h2>
          {active ? <FollowUpStatusBadge status={active.status} /> : null}
        </div>
        {active ? (
          <>
            <p className="text-sm text-slate-700">
              Opened {minute(active.createdAt, inZone)} · owner {active.ownerName ?? "nobody"} · {MECHANISM_LABELS[active.mechanism]}
            </p>
            <UpdateFollowUpForm followUp={active} owners={owners} mechanisms={mechanisms} statuses={statuses} />
            <CloseFollowUpForm id={active.id} />
          </>
        ) : (
          <>
            <p className="text-sm text-slate-700">No follow-up in progress. Open one to call, write to, credit or escalate this customer.</p>
            <OpenFollowUpForm accountId={account.id} owners={owners} mechanisms={mechanisms} defaultOwnerId={user.id} />
          </>
        )}
      </section>

      <section className="card" aria-labelledby="timeline-heading">
        <h2 id="timeline-heading" className="text-lg font-semibold">Sentiment over time, per {o.granularity}</h2>
        <p className="mb-2 text-sm text-slate-600">Requests by sentiment. Select a bar to open those requests.</p>
        <DrillDownChart kind="bar" data={chartData} index="period" categories={[...SENTIMENTS]} colors={SENTIMENTS.map((s) => SENTIMENT_COLOURS[s])} hrefs={chartHrefs} stack testId="account-timeline" />
      </section>

      <TableSection
        id="requests"
        title="Requests"
        subtitle={o.taskTotal > o.tasks.length ? <p className="text-sm text-slate-600">The newest {o.tasks.length} are shown.</p> : null}
        links={<Link href={`/tasks?account=${account.id}`} className="btn-secondary">All {count(o.taskTotal)} in the task list</Link>}
        csvHref={`/accounts/${account.id}/requests.csv`}
        caption={`Requests of ${account.name}, newest first`}
        testId="account-requests"
        columns={["Received", "Category", "Request", "Sentiment", "Emotion", "Status"]}
      >
        {o.tasks.map((t) => (
          <tr key={t.id} className={run.taskIds.includes(t.id) ? "bg-rose-50" : undefined}>
            <td className="whitespace-nowrap text-slate-700">{minute(t.createdAt, inZone)}</td>
            <td className="whitespace-nowrap">{t.categoryName}</td>
            <td className="max-w-md">
              <Link href={`/tasks/${t.id}`} className="line-clamp-2 text-blue-800 hover:underline">{t.text}</Link>
              {run.taskIds.includes(t.id) ? <span className="text-xs font-medium text-rose-800">in the current series</span> : null}
            </td>
            <td>
              <SentimentBadge label={t.sentiment} />
              {t.reviewed ? <span className="ml-1 text-xs text-slate-600">reviewed</span> : null}
            </td>
            <td><EmotionBadge label={t.emotion} /></td>
            <td>{t.status}</td>
          </tr>
        ))}
      </TableSection>

      <TableSection
        id="history"
        title="Follow-up history"
        csvHref={o.followUps.length ? `/accounts/${account.id}/follow-ups.csv` : undefined}
        caption={`Follow-ups of ${account.name}, newest first`}
        testId="follow-up-history"
        columns={["Opened", "Owner", "How", "Status", "Closed", "Series", "Notes"]}
        empty={o.followUps.length ? undefined : "No follow-ups yet."}
      >
        {o.followUps.map((f) => (
          <tr key={f.id}>
            <td className="whitespace-nowrap">{minute(f.createdAt, inZone)}</td>
            <td>{f.ownerName ?? MISSING}</td>
            <td>{MECHANISM_LABELS[f.mechanism]}</td>
            <td><FollowUpStatusBadge status={f.status} /></td>
            <td className="whitespace-nowrap">{minute(f.closedAt, inZone)}</td>
            <td>{typeof f.reason.run === "number" ? `${f.reason.run} in a row` : MISSING}</td>
            <td className="max-w-sm whitespace-pre-line">{f.notes}</td>
          </tr>
        ))}
      </TableSection>
    </div>
  );
}
