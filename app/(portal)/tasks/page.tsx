import type { Metadata } from "next";
import Link from "next/link";
import { EmptyRow } from "@/components/empty-row";
import { EmotionBadge, SentimentBadge } from "@/components/sentiment-badge";
import { TaskFilters } from "@/components/tasks/task-filters";
import { requirePageRole } from "@/lib/auth/session";
import { firstValues, type PageSearchParams } from "@/lib/search-params";
import { filterChoices } from "@/lib/catalog";
import { isAppError } from "@/lib/errors";
import { listTaskQueue, taskQueryFromPage } from "@/lib/tasks";

export const metadata: Metadata = { title: "Tasks" };


export default async function TasksPage({ searchParams }: { searchParams: PageSearchParams }) {
  await requirePageRole("agent");
  const raw = await firstValues(searchParams);
  const choices = await filterChoices();
  let result: Awaited<ReturnType<typeof listTaskQueue>> | null = null;
  let problem: string | null = null;
  try {
    result = await listTaskQueue(taskQueryFromPage(raw));
  } catch (error) {
    if (!isAppError(error)) throw error;
    problem = error.message;
  }
  const nextHref = result?.nextCursor ? `/tasks?${new URLSearchParams({ ...stripCursor(raw), cursor: result.nextCursor })}` : null;
  return (
    <div className="space-y-4">
      <h1 className="page-title">Tasks</h1>
      <TaskFilters action="/tasks" values={raw} categories={choices.categories} emotions={choices.emotions} />
      {problem ? <p role="alert" className="rounded-md bg-rose-50 px-3 py-2 text-sm text-rose-800">{problem}</p> : null}
      <div className="card overflow-x-auto p-0">
        <table className="data-table">
          <caption className="sr-only">Customer requests</caption>
          <thead>
            <tr>
              <th scope="col">Received</th>
              <th scope="col">Account</th>
              <th scope="col">Category</th>
              <th scope="col">Request</th>
              <th scope="col">Sentiment</th>
              <th scope="col">Emotion</th>
              <th scope="col">Status</th>
            </tr>
          </thead>
          <tbody>
            {result?.rows.map((t) => (
              <tr key={t.id} data-testid="task-row">
                <td className="whitespace-nowrap text-slate-700">{t.createdAt.toISOString().slice(0, 16).replace("T", " ")}</td>
                <td>{t.accountName}</td>
                <td className="whitespace-nowrap">{t.categoryName}</td>
                <td className="max-w-md">
                  <Link href={`/tasks/${t.id}`} className="line-clamp-2 text-blue-800 hover:underline">{t.text}</Link>
                  {t.flaggedAt ? <span className="text-xs font-medium text-amber-800">flagged for review</span> : null}
                </td>
                <td>
                  <SentimentBadge label={t.sentiment} confidence={t.reviewed ? null : t.confidence} />
                  {t.reviewed ? <span className="ml-1 text-xs text-slate-600">reviewed</span> : null}
                </td>
                <td><EmotionBadge label={t.emotion} /></td>
                <td>{t.status}</td>
              </tr>
            ))}
            {result && result.rows.length === 0 ? (
              <EmptyRow columns={7}>No requests match these filters. Requests arrive from the feedback form and the API; clear or widen the filters above to see more.</EmptyRow>
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
