import type { Metadata } from "next";
import { EmotionBadge, SentimentBadge } from "@/components/sentiment-badge";
import { requirePageRole } from "@/lib/auth/session";
import { recentTasks } from "@/lib/tasks";

export const metadata: Metadata = { title: "Tasks" };

export default async function TasksPage() {
  await requirePageRole("agent");
  const rows = await recentTasks({ limit: 50 });
  return (
    <div className="space-y-4">
      <h1 className="page-title">Tasks</h1>
      <div className="card overflow-x-auto p-0">
        <table className="data-table">
          <caption className="sr-only">Newest customer requests</caption>
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
            {rows.map((t) => (
              <tr key={t.id}>
                <td className="whitespace-nowrap text-slate-700">{t.createdAt.toISOString().slice(0, 16).replace("T", " ")}</td>
                <td>{t.accountName}</td>
                <td className="whitespace-nowrap">{t.categoryName}</td>
                <td className="max-w-md"><p className="line-clamp-2">{t.text}</p></td>
                <td><SentimentBadge label={t.sentiment} confidence={t.confidence} /></td>
                <td><EmotionBadge label={t.emotion} /></td>
                <td>{t.status}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
