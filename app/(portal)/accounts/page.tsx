import type { Metadata } from "next";
import Link from "@/components/link";
import { RuleForm } from "@/components/accounts/rule-form";
import { FollowUpStatusBadge } from "@/components/accounts/follow-up-status-badge";
import { TableSection } from "@/components/table-section";
import { count, day } from "@/components/format";
import { atRiskAccounts, atRiskQueryString, PAGE_SIZE } from "@/lib/accounts/at-risk";
import { requirePageRole } from "@/lib/auth/session";
import { firstValues, type PageSearchParams } from "@/lib/platform/search-params";
import { isAppError, type FieldErrors } from "@/lib/platform/errors";
import { MECHANISM_LABELS } from "@/lib/accounts/follow-ups";
import { Alert } from "@/components/action-outcome";
import { orgClock } from "@/lib/platform/time-zone";

export const metadata: Metadata = { title: "At-risk accounts" };


export default async function AccountsPage({ searchParams }: { searchParams: PageSearchParams }) {
  await requirePageRole("/accounts");
  const inZone = (await orgClock()).minute;
  const raw = await firstValues(searchParams);
  let problem: { message: string; fieldErrors?: FieldErrors } | null = null;
  let list;
  try {
    list = await atRiskAccounts(raw);
  } catch (error) {
    if (!isAppError(error)) throw error;
    problem = { message: error.message, fieldErrors: error.details?.fieldErrors };
    list = await atRiskAccounts({});
  }
  const q = list.query;
  const first = (q.page - 1) * PAGE_SIZE + 1;
  const last = Math.min(list.total, q.page * PAGE_SIZE);
  const severityLabel = q.rule === "consecutive" ? "In a row" : `In ${q.days} days`;

  return (
    <div className="space-y-6">
      <div>
        <h1 className="page-title">At-risk accounts</h1>
        <p className="mt-1 text-sm text-slate-700">
          Accounts with {list.rule}, most severe and most recent first. Requests before an account&apos;s last closed follow-up no longer
          count: a settled account comes back only with a new series. Accounts with a follow-up in progress stay listed.
        </p>
      </div>
      <RuleForm query={q} errors={problem?.fieldErrors} />
      {problem ? <Alert>{problem.message} Showing the default rule instead.</Alert> : null}

      <TableSection
        id="list"
        title={<>{count(list.total)} accounts</>}
        subtitle={
          <p className="text-sm text-slate-600" data-testid="at-risk-summary">
            {list.total ? `Showing ${count(first)}–${count(last)}` : "No account matches this rule."}
          </p>
        }
        csvHref={`/accounts/at-risk.csv?${atRiskQueryString(q)}`}
        caption={<>Accounts with {list.rule}</>}
        testId="at-risk-table"
        columns={["Account", severityLabel, "Series from", "Last negative", "Follow-up"]}
        empty={
          list.rows.length
            ? undefined
            : q.page > 1
              ? <>No accounts on this page. <Link className="text-blue-800 underline" href={`/accounts?${atRiskQueryString(q, { page: 1 })}`}>Go to the first page</Link>.</>
              : <>No account has {list.rule}. Accounts whose recent requests are negative appear here; ask for fewer negatives above to see the accounts closest to the rule.</>
        }
        footer={
          list.pages > 1 ? (
            <nav aria-label="Pages" className="flex items-center gap-2">
              {q.page > 1 ? <Link className="btn-secondary" href={`/accounts?${atRiskQueryString(q, { page: q.page - 1 })}`}>Previous page</Link> : null}
              <span className="text-sm text-slate-700">Page {q.page} of {list.pages}</span>
              {q.page < list.pages ? <Link className="btn-secondary" href={`/accounts?${atRiskQueryString(q, { page: q.page + 1 })}`}>Next page</Link> : null}
            </nav>
          ) : null
        }
      >
        {list.rows.map((r) => (
          <tr key={r.accountId} data-testid="at-risk-row">
            <th scope="row" className="px-3 py-2 text-left font-medium">
              <Link href={`/accounts/${r.accountId}`} className="text-blue-800 hover:underline">{r.name}</Link>
              <span className="block text-xs font-normal text-slate-600">{r.externalRef}</span>
            </th>
            <td>
              <span className={`font-semibold ${r.matches ? "text-rose-800" : "text-slate-700"}`}>{r.severity}</span>
              {r.matches ? null : <span className="block text-xs text-slate-600">below the rule</span>}
            </td>
            <td className="whitespace-nowrap">{day(r.firstNegativeAt, inZone)}</td>
            <td className="whitespace-nowrap">{day(r.lastNegativeAt, inZone)}</td>
            <td>
              {r.followUpId ? (
                <span className="flex flex-wrap items-center gap-1">
                  <FollowUpStatusBadge status={r.followUpStatus ?? "open"} />
                  <span className="text-xs text-slate-700">
                    {r.followUpMechanism ? MECHANISM_LABELS[r.followUpMechanism as keyof typeof MECHANISM_LABELS] : ""}
                    {r.followUpOwner ? ` · ${r.followUpOwner}` : ""}
                  </span>
                </span>
              ) : (
                <span className="text-xs text-slate-600">none</span>
              )}
            </td>
          </tr>
        ))}
      </TableSection>
    </div>
  );
}
