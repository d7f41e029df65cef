import type { Metadata } from "next";
import Link from "@/components/link";
import { SentimentAreaChart } from "@/components/charts/sentiment-area-chart";
import { StatCard } from "@/components/stat-card";
import { hasRole, pageRole } from "@/lib/auth/roles";
import { requirePageRole } from "@/lib/auth/session";
import { dashboardSummary } from "@/lib/trends/dashboard";
import { SupportOverview } from "@/components/support/support-overview";
import { supportOverview } from "@/lib/support/overview";

export const metadata: Metadata = { title: "Dashboard" };

const percent = (v: number | null) => (v === null ? "—" : `${Math.round(v * 100)}%`);

export default async function DashboardPage() {
  const user = await requirePageRole("/");
  const [s, support] = await Promise.all([dashboardSummary(), supportOverview()]);
  const seesAccounts = hasRole(user.role, pageRole("/accounts"));
  return (
    <div className="space-y-6">
      <h1 className="page-title">Dashboard</h1>
      <div className="grid grid-cols-1 gap-4 sm:grid-cols-2 lg:grid-cols-4">
        <StatCard label={`Requests today (${s.timeZone.replaceAll("_", " ")})`} value={String(s.today.total)} hint={`${s.today.open} still open`} />
        <StatCard label="Negative share, last 7 days" value={percent(s.negativeShareWeek)} hint={`${s.weekTotal} requests`} />
        {seesAccounts ? (
          <Link href="/accounts" className="block rounded-lg focus-visible:outline">
            <StatCard label="At-risk accounts" value={String(s.atRiskAccounts)} hint={`${s.atRiskRule} · ${s.openFollowUps} open follow-ups`} />
          </Link>
        ) : null}
        <StatCard
          label="Active sentiment model"
          value={s.activeModel ? `v${s.activeModel.id}` : "none"}
          hint={
            s.activeModel
              ? `${s.activeModel.algorithm} · macro-F1 ${s.activeModel.macroF1?.toFixed(3) ?? "—"} · supervisors agree ${s.agreement?.rate != null ? `${Math.round(s.agreement.rate * 100)}% of ${s.agreement.reviewed}` : "— (no reviews yet)"}`
              : "Train one on the Models page"
          }
        />
      </div>
      <SupportOverview overview={support} />
      <section className="card" aria-labelledby="daily-heading">
        <div className="mb-4 flex items-baseline justify-between">
          <h2 id="daily-heading" className="text-lg font-semibold">Requests by sentiment, last 30 days</h2>
          <Link href="/tasks" className="text-sm text-blue-700 underline">Open the task queue</Link>
        </div>
        <SentimentAreaChart data={s.daily} />
      </section>
    </div>
  );
}
