import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { HighlightedText } from "@/components/highlighted-text";
import { ScoreBars } from "@/components/score-bars";
import { EmotionBadge, SentimentBadge } from "@/components/sentiment-badge";
import { CorrectLabelForm } from "@/components/tasks/correct-label-form";
import { TaskActions } from "@/components/tasks/task-actions";
import { TaskSupportCard, TaskTimeline } from "@/components/support/task-support-card";
import { assignableUsers } from "@/db/queries/support";
import { hasRole } from "@/lib/auth/roles";
import { requirePageRole } from "@/lib/auth/session";
import { isAppError } from "@/lib/errors";
import { taskPage } from "@/lib/tasks";
import { orgClock } from "@/lib/time-zone";

export const metadata: Metadata = { title: "Task" };


export default async function TaskPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requirePageRole("agent");
  const when = (await orgClock()).minute;
  const id = Number((await params).id);
  if (!Number.isInteger(id) || id <= 0) notFound();
  let page;
  try {
    page = await taskPage(id);
  } catch (error) {
    if (isAppError(error) && error.kind === "not_found") notFound();
    throw error;
  }
  const { task, account, category, prediction, explanation, history, reviews, row, events } = page;
  const canManage = hasRole(user.role, "supervisor");
  const people = canManage ? await assignableUsers() : [];
  return (
    <div className="space-y-6">
      <p><Link href="/tasks" className="text-sm text-blue-700 underline">← Task queue</Link></p>
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="page-title">Request #{task.id}</h1>
        <span data-testid="task-sentiment"><SentimentBadge label={task.sentiment} confidence={task.reviewed ? null : task.confidence} /></span>
        {task.reviewed ? <span className="text-sm text-slate-700">corrected by a supervisor</span> : null}
        <EmotionBadge label={task.emotion} />
      </div>
      <div className="grid gap-6 lg:grid-cols-3">
        <section className="card lg:col-span-2" aria-labelledby="text-heading">
          <h2 id="text-heading" className="mb-1 text-lg font-semibold">{account.name} · {category.name}</h2>
          <p className="mb-3 text-sm text-slate-600">{when(task.createdAt)} via {task.channel} · status {task.status}</p>
          <div data-testid="task-text"><HighlightedText text={task.text} tokens={explanation} /></div>
          <p className="mt-3 text-xs text-slate-600">
            Marked words drove the decision: <span className="rounded bg-rose-100 px-1">towards negative</span>{" "}
            <span className="rounded bg-slate-200 px-1">towards neutral</span> <span className="rounded bg-emerald-100 px-1">towards positive</span>
          </p>
          <div className="mt-5">
            <TaskActions id={task.id} status={task.status} flag={task.flaggedAt ? { by: page.flaggedBy, at: when(task.flaggedAt), reason: task.flagReason } : null} />
          </div>
        </section>
        <div className="space-y-6">
          <TaskSupportCard row={row} prioritySource={task.prioritySource} canManage={canManage} people={people} now={new Date()} when={when} />
          <section className="card" aria-labelledby="sentiment-heading">
            <h2 id="sentiment-heading" className="mb-3 text-base font-semibold">Sentiment (model v{prediction?.modelVersionId ?? "—"})</h2>
            {prediction ? <ScoreBars scores={prediction.scores} label="Sentiment probabilities" /> : <p className="text-sm">Not scored.</p>}
            {prediction && hasRole(user.role, "supervisor") ? (
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
                <span className={r.undoneAt ? "line-through" : undefined}>{when(r.createdAt)} · {r.reviewer}: {r.labelBefore} → <strong>{r.labelAfter}</strong>{r.note ? ` — ${r.note}` : ""}</span>
                {r.undoneAt ? ` (undone ${when(r.undoneAt)})` : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <TaskTimeline events={events} when={when} />
      <section className="card" aria-labelledby="history-heading">
        <h2 id="history-heading" className="mb-3 text-lg font-semibold">Earlier requests from {account.name}</h2>
        {history.length === 0 ? <p className="text-sm text-slate-700">None.</p> : null}
        <ul className="space-y-2">
          {history.map((h) => (
            <li key={h.id} className="flex items-start gap-3 text-sm">
              <SentimentBadge label={h.sentiment} />
              <Link href={`/tasks/${h.id}`} className="line-clamp-1 text-blue-800 hover:underline">{when(h.createdAt)} — {h.text}</Link>
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
