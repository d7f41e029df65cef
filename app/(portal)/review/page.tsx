import { pct } from "@/components/format";
import type { Metadata } from "next";
import Link from "@/components/link";
import { ReviewQueue } from "@/components/review/review-queue";
import { ReviewHistory } from "@/components/review/review-history";
import { requirePageRole } from "@/lib/auth/session";
import { firstValues, type PageSearchParams } from "@/lib/platform/search-params";
import { listUsersForFilter } from "@/lib/admin/users";
import { isAppError } from "@/lib/platform/errors";
import { agreementByModelVersion, reviewHistory } from "@/lib/tasks/reviews";
import { flagsOf, listTaskQueue } from "@/lib/tasks/queue";
import { TableSection } from "@/components/table-section";
import { orgClock } from "@/lib/platform/time-zone";

export const metadata: Metadata = { title: "Review" };

const QUEUES = {
  uncertain: { label: "Lowest confidence first", query: { reviewed: "false", sort: "uncertain" } },
  flagged: { label: "Flagged by agents", query: { flagged: "true", sort: "newest" } },
  negative: { label: "Most negative first", query: { reviewed: "false", sort: "negative" } },
} as const;
type QueueName = keyof typeof QUEUES;

const NO_AGREEMENT = <>No reviews yet. Each model version&apos;s agreement with supervisors appears here once its decisions are confirmed or corrected in the queue above.</>;

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

      <TableSection id="agreement" title="Agreement between the model and supervisors" columns={["Model version", "Reviewed", "Kept as the model decided"]} tableClassName="max-w-xl" empty={agreement.length ? undefined : NO_AGREEMENT}>
        {agreement.map((a) => (
          <tr key={a.modelVersionId ?? "none"}>
            <td>v{a.modelVersionId ?? "—"}</td><td>{a.reviewed}</td><td data-testid={`agreement-v${a.modelVersionId}`}>{pct(a.rate)}</td>
          </tr>
        ))}
      </TableSection>

      <ReviewHistory history={history} queue={queue} filters={raw} reviewers={reviewers} clock={clock} />
    </div>
  );
}
