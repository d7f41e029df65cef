import { minute } from "@/components/format";
import type { Metadata } from "next";
import Link from "@/components/link";
import { recordOrNotFound } from "@/app/(portal)/record-or-not-found";
import { ConversationView } from "@/components/conversations/conversation-view";
import { ReplyForm } from "@/components/conversations/reply-form";
import { SentimentChart } from "@/components/conversations/sentiment-chart";
import { TrendFlag } from "@/components/conversations/trend-flag";
import { ScoreBars } from "@/components/score-bars";
import { EmotionBadge, SentimentBadge } from "@/components/sentiment-badge";
import { CorrectLabelForm } from "@/components/tasks/correct-label-form";
import { TaskActions } from "@/components/tasks/task-actions";
import { TaskSupportCard, TaskTimeline } from "@/components/support/task-support-card";
import { assignableUsers } from "@/db/queries/support";
import { hasRole, MANAGES_TASKS, pageRole } from "@/lib/auth/roles";
import { requirePageRole } from "@/lib/auth/session";
import { formatReference } from "@/db/reference";
import { mailConfigured } from "@/lib/mail/config";
import { taskPage } from "@/lib/tasks/queue";
import { orgClock } from "@/lib/platform/time-zone";

export const metadata: Metadata = { title: "Task" };


export default async function TaskPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requirePageRole("/tasks");
  const when = (await orgClock()).minute;
  const page = await recordOrNotFound(params, taskPage);
  const { task, account, category, prediction, explanation, history, reviews, row, events, conversation } = page;
  const customerPoints = conversation.messages.filter((m) => m.author === "customer").map((m) => m.sentiment);
  const canManage = hasRole(user.role, MANAGES_TASKS);
  const people = canManage ? await assignableUsers() : [];
  return (
    <div className="space-y-6">
      <p><Link href="/tasks" className="text-sm text-blue-700 underline">← Task queue</Link></p>
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="page-title">Request #{task.id}</h1>
        <span className="font-mono text-sm text-slate-700" data-testid="task-reference">{formatReference(task.id)}</span>
        <span data-testid="task-sentiment"><SentimentBadge label={task.sentiment} confidence={task.reviewed ? null : task.confidence} /></span>
        {task.reviewed ? <span className="text-sm text-slate-700">corrected by a supervisor</span> : null}
        <EmotionBadge label={task.emotion} />
        <TrendFlag trend={conversation.trend.change} />
        {page.survey ? (
          <span className="text-sm text-slate-700" data-testid="customer-rating">
            {page.survey.rating !== null ? <>Customer rating <strong>{page.survey.rating}/5</strong></> : "Rating link sent, not rated yet"}
          </span>
        ) : null}
      </div>
      <div className="grid gap-6 lg:grid-cols-3">
        <section className="card lg:col-span-2" aria-labelledby="text-heading">
          <h2 id="text-heading" className="mb-1 text-lg font-semibold">{account.name} · {category.name}</h2>
          <p className="mb-3 text-sm text-slate-600">
            {account.email ? <a href={`mailto:${account.email}`} className="text-blue-800 underline" data-testid="customer-email">{account.email}</a> : <span>no e-mail address</span>}
            {" · "}opened {minute(task.createdAt, when)} via {task.channel} · status {task.status}
          </p>
          <ConversationView messages={conversation.messages} customerName={account.name} explained={{ messageId: page.explainedMessageId, tokens: explanation }} when={when} />
          <p className="mt-3 text-xs text-slate-600">
            Marked words drove the current label: <span className="rounded bg-rose-100 px-1">towards negative</span>{" "}
            <span className="rounded bg-slate-200 px-1">towards neutral</span> <span className="rounded bg-emerald-100 px-1">towards positive</span>
          </p>
          {customerPoints.length > 1 ? (
            <div className="mt-4">
              <h3 className="mb-1 text-sm font-semibold">Sentiment over the conversation</h3>
              <SentimentChart points={customerPoints} />
            </div>
          ) : null}
          <div className="mt-5 border-t border-slate-200 pt-4">
            <ReplyForm id={task.id} customerEmail={account.email} mailReady={mailConfigured()} />
          </div>
          <div className="mt-5">
            <TaskActions id={task.id} status={task.status} flag={task.flaggedAt ? { by: page.flaggedBy, at: minute(task.flaggedAt, when), reason: task.flagReason } : null} />
          </div>
        </section>
        <div className="space-y-6">
          <TaskSupportCard row={row} prioritySource={task.prioritySource} canManage={canManage} people={people} now={new Date()} when={when} />
          <section className="card" aria-labelledby="sentiment-heading">
            <h2 id="sentiment-heading" className="mb-3 text-base font-semibold">Sentiment (model v{prediction?.modelVersionId ?? "—"})</h2>
            {prediction ? <ScoreBars scores={prediction.scores} label="Sentiment probabilities" /> : <p className="text-sm">Not scored.</p>}
            {prediction && hasRole(user.role, pageRole("/review")) ? (
              <div className="mt-4 border-t border-slate-200 pt-4"><CorrectLabelForm id={task.id} label={task.sentiment} /></div>
            ) : null}
          </section>
          <section className="card" aria-labelledby="emotion-heading">
            <h2 id="emotion-heading" className="mb-3 text-base font-semibold">Emotion</h2>
            {prediction?.emotionScores ? (
              <ScoreBars scores={prediction.emotionScores} label="Emotion scores" />
            ) : (
              <p className="text-sm text-slate-700">Pending — the emotion service will fill this in.</p>
            )}
          </section>
        </div>
      </div>
      {reviews.length ? (
        <section className="card" aria-labelledby="reviews-heading">
          <h2 id="reviews-heading" className="mb-3 text-lg font-semibold">Reviews</h2>
          <ul className="space-y-1 text-sm">
            {reviews.map((r) => (
              <li key={r.id} className={r.undoneAt ? "text-slate-500" : undefined}>
                <span className={r.undoneAt ? "line-through" : undefined}>{minute(r.createdAt, when)} · {r.reviewer}: {r.labelBefore} → <strong>{r.labelAfter}</strong>{r.note ? ` — ${r.note}` : ""}</span>
                {r.undoneAt ? ` (undone ${minute(r.undoneAt, when)})` : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <TaskTimeline events={events} when={when} />
      <section className="card" aria-labelledby="history-heading">
        <h2 id="history-heading" className="mb-3 text-lg font-semibold">Other conversations with {account.name}</h2>
        {history.length === 0 ? <p className="text-sm text-slate-700">None.</p> : null}
        <ul className="space-y-2">
          {history.map((h) => (
            <li key={h.id} className="flex items-start gap-3 text-sm">
              <SentimentBadge label={h.sentiment} />
              <Link href={`/tasks/${h.id}`} className="line-clamp-1 text-blue-800 hover:underline">{formatReference(h.id)} · {minute(h.createdAt, when)} · {h.status} — {h.text}</Link>
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
