import type { Metadata } from "next";
import Link from "@/components/link";
import { DrillDownChart } from "@/components/charts/drill-down-chart";
import { SENTIMENT_COLOURS } from "@/components/charts/palette";
import { StatCard } from "@/components/stat-card";
import { count, net, pct } from "@/components/format";
import { changeTone, points } from "@/components/trends/format";
import { NetScoreChart } from "@/components/trends/net-score-chart";
import { RangeHeader } from "@/components/trends/range-header";
import { CardSection } from "@/components/card-section";
import { SENTIMENTS } from "@/db/schema";
import type { PageSearchParams } from "@/lib/platform/search-params";
import { reportPageRange } from "@/lib/trends/report-page";
import { durationText, responseTimesByCategory } from "@/lib/support/overview";
import { orgClock } from "@/lib/platform/time-zone";
import { MIN_TASKS_FOR_CHANGE, rangeQuery, sentimentTrends, tasksHref } from "@/lib/trends/reports";
import { TableSection } from "@/components/table-section";
import { PeriodsTable } from "@/components/trends/periods-table";
import { PartialPeriodsNote } from "@/components/trends/partial-periods-note";
import { ConversationTrends } from "@/components/conversations/conversation-trends";
import { conversationTrends } from "@/lib/conversations/report";

export const metadata: Metadata = { title: "Trends" };

export default async function TrendsPage({ searchParams }: { searchParams: PageSearchParams }) {
  const { range, problem } = await reportPageRange("/trends", searchParams);
  const t = await sentimentTrends(range);
  // Response time and conversations beside sentiment: requests created in the range, "to" inclusive (the organisation's days).
  const clock = await orgClock();
  const window = { from: clock.dayStart(range.fromDay), to: clock.dayStart(range.toDay + 1) };
  const [responses, conversations] = await Promise.all([responseTimesByCategory(window), conversationTrends(window)]);
  const scope = range.categoryId ? t.categories.find((c) => c.id === range.categoryId) : undefined;
  const scopeName = scope?.name ?? "All categories";
  const query = rangeQuery(range);
  const whole = { from: range.from, to: range.to };

  // Net score per category and period (line chart of the categories the reader picks), each
  // point linked to its requests. First shown: the chosen category, else those that worsened
  // most, else the busiest.
  const netSeries = t.categories.map((c) => ({
    id: c.id,
    name: c.name,
    values: t.netByCategory.map(({ values }) => {
      const v = values.find((x) => x.categoryId === c.id)?.net ?? null;
      return v === null ? null : Number(v.toFixed(3));
    }),
    hrefs: t.netByCategory.map(({ period }) => tasksHref({ from: period.from, to: period.to, categoryId: c.id })),
  }));
  const busiest = [...t.byCategory].sort((a, b) => b.current.total - a.current.total).map((c) => c.categoryId);
  const firstShown = scope ? [scope.id] : [...new Set([...t.worsened.map((c) => c.categoryId), ...busiest])].slice(0, 3);
  // Sentiment shares per period for the chosen scope (stacked areas).
  const shareData = t.overTime.map((p) => ({ period: p.label, negative: p.negativeShare ?? 0, neutral: p.neutralShare ?? 0, positive: p.positiveShare ?? 0 }));
  const shareHrefs = Object.fromEntries(
    t.overTime.map((p) => [p.label, Object.fromEntries(SENTIMENTS.map((s) => [s, tasksHref({ from: p.from, to: p.to, categoryId: range.categoryId, sentiment: s })]))]),
  );
  // Sentiment by category over the whole range (100% bars).
  const barData = t.byCategory.map((c) => ({ category: c.name, negative: c.current.negativeShare ?? 0, neutral: c.current.neutralShare ?? 0, positive: c.current.positiveShare ?? 0 }));
  const barHrefs = Object.fromEntries(
    t.byCategory.map((c) => [c.name, Object.fromEntries(SENTIMENTS.map((s) => [s, tasksHref({ ...whole, categoryId: c.categoryId, sentiment: s })]))]),
  );

  const o = t.overall;
  return (
    <div className="space-y-6">
      <RangeHeader title="Trends by category" action="/trends" range={range} problem={problem} categories={t.categories}>
        Scored requests from {range.from} to {range.to} (UTC), compared with the {range.days} days before ({range.previous.from} to {range.previous.to}).
        Supervisors&apos; corrections count instead of the model&apos;s label.
      </RangeHeader>

      <div className="grid grid-cols-1 gap-4 sm:grid-cols-3">
        <StatCard label="Scored requests" value={count(o.current.total)} hint={`${count(o.previous.total)} in the previous period`} />
        <StatCard label="Negative share" value={pct(o.current.negativeShare)} hint={`${points(o.current.negativeShare === null || o.previous.negativeShare === null ? null : o.current.negativeShare - o.previous.negativeShare)} against ${pct(o.previous.negativeShare)}`} />
        <StatCard label="Net score" value={net(o.current.net)} hint={`(positive − negative) / scored; was ${net(o.previous.net)}`} />
      </div>

      <section className="card" aria-labelledby="worsened-heading">
        <h2 id="worsened-heading" className="text-lg font-semibold">Worsened most</h2>
        <p className="mb-3 text-sm text-slate-600">Largest drop in net score against the previous period (categories with at least {MIN_TASKS_FOR_CHANGE} scored requests in both).</p>
        {t.worsened.length ? (
          <ol className="grid gap-3 md:grid-cols-3" data-testid="worsened">
            {t.worsened.map((c) => (
              <li key={c.categoryId} className="rounded-md border border-rose-200 bg-rose-50 p-3">
                <p className="font-semibold text-slate-900">{c.name}</p>
                <p className="text-sm text-slate-800">
                  Net {net(c.previous.net)} → <strong>{net(c.current.net)}</strong> <span className="text-rose-800">({net(c.netChange)})</span>
                </p>
                <p className="text-sm text-slate-800">Negative {pct(c.previous.negativeShare)} → {pct(c.current.negativeShare)}</p>
                <Link className="text-sm text-blue-800 underline" href={tasksHref({ ...whole, categoryId: c.categoryId, sentiment: "negative" })}>
                  Read the {count(c.current.negative)} negative requests
                </Link>
              </li>
            ))}
          </ol>
        ) : (
          <p className="text-sm text-slate-700">No category got worse in this range.</p>
        )}
      </section>

      <PartialPeriodsNote periods={t.overTime} granularity={range.granularity} />
      <div className="grid gap-6 lg:grid-cols-2">
        <CardSection id="net" title={<>Net score by category, per {range.granularity}</>} hint="Pick the categories to compare; select a point to open its requests.">
          <NetScoreChart key={query} periods={t.netByCategory.map(({ period }) => period.label)} series={netSeries} initial={firstShown} />
        </CardSection>
        <CardSection id="share" title={<>Sentiment share per {range.granularity} · {scopeName}</>} hint="Select a point to open the requests with that sentiment.">
          <DrillDownChart kind="area" data={shareData} index="period" categories={[...SENTIMENTS]} colors={SENTIMENTS.map((s) => SENTIMENT_COLOURS[s])} hrefs={shareHrefs} format="percent" stack testId="share-chart" />
        </CardSection>
      </div>

      <CardSection id="bars" title={<>Sentiment by category, {range.from} to {range.to}</>} hint={<>Share of each category&apos;s scored requests. Select a bar to open its requests.</>}>
        <DrillDownChart kind="bar" data={barData} index="category" categories={[...SENTIMENTS]} colors={SENTIMENTS.map((s) => SENTIMENT_COLOURS[s])} hrefs={barHrefs} format="percent" stack horizontal className="h-96" testId="category-bars" />
      </CardSection>

      <CardSection id="response" className="overflow-x-auto" title="Response time next to sentiment, by category" hint={<>Median time to the first reply or closing of the requests received from {range.from} to {range.to}.</>}>
        <table className="data-table" data-testid="response-times-table">
          <caption className="sr-only">Median first response and sentiment by category</caption>
          <thead>
            <tr><th scope="col">Category</th><th scope="col">Negative</th><th scope="col">Net score</th><th scope="col">Median first response</th><th scope="col">Answered</th></tr>
          </thead>
          <tbody>
            {t.byCategory.map((c) => {
              const r = responses.get(c.categoryId);
              return (
                <tr key={c.categoryId}>
                  <th scope="row" className="text-left font-medium">{c.name}</th>
                  <td>{pct(c.current.negativeShare)}</td>
                  <td>{net(c.current.net)}</td>
                  <td>{durationText(r?.medianMs ?? null)}</td>
                  <td>{count(r?.responses ?? 0)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </CardSection>

      <TableSection
        id="categories"
        title="Categories"
        csvHref={`/trends/categories.csv?${query}`}
        caption={<>Sentiment by category from {range.from} to {range.to}, with the previous period</>}
        testId="categories-table"
        columns={["Category", "Scored", "Negative", "Neutral", "Positive", "Net score", "Previous", "Change"]}
        empty={t.overall.current.total ? undefined : <>No scored requests from {range.from} to {range.to}. Each category&apos;s sentiment appears here once requests arrive in the range: choose a wider range above.</>}
      >
        {t.byCategory.map((c) => (
          <tr key={c.categoryId}>
            <th scope="row" className="px-3 py-2 text-left font-medium">
              <Link href={tasksHref({ ...whole, categoryId: c.categoryId })} className="text-blue-800 hover:underline">{c.name}</Link>
            </th>
            <td>{count(c.current.total)}</td>
            {SENTIMENTS.map((s) => (
              <td key={s}>
                <Link href={tasksHref({ ...whole, categoryId: c.categoryId, sentiment: s })} className="text-blue-800 hover:underline" aria-label={`${c.name}: ${s} requests`}>
                  {pct(c.current[`${s}Share`])}
                </Link>
              </td>
            ))}
            <td>{net(c.current.net)}</td>
            <td>{net(c.previous.net)}</td>
            <td className={changeTone(c.netChange)}>{net(c.netChange)}</td>
          </tr>
        ))}
      </TableSection>

      <PeriodsTable report="/trends" range={range} scopeName={scopeName} measure="Sentiment" testId="periods-table" columns={["Period", "Scored", "Negative", "Neutral", "Positive", "Net score", "Change"]}>
        {t.overTime.map((p) => (
          <tr key={p.start}>
            <th scope="row" className="whitespace-nowrap px-3 py-2 text-left font-medium">
              <Link href={tasksHref({ from: p.from, to: p.to, categoryId: range.categoryId })} className="text-blue-800 hover:underline">{p.label}</Link>
            </th>
            <td>{count(p.total)}</td>
            {SENTIMENTS.map((s) => (
              <td key={s}>
                <Link href={tasksHref({ from: p.from, to: p.to, categoryId: range.categoryId, sentiment: s })} className="text-blue-800 hover:underline" aria-label={`${p.label}: ${s} requests`}>
                  {pct(p[`${s}Share`])}
                </Link>
              </td>
            ))}
            <td>{net(p.net)}</td>
            <td className={changeTone(p.netChange)}>{net(p.netChange)}</td>
          </tr>
        ))}
      </PeriodsTable>
      <ConversationTrends report={conversations} range={whole} />
    </div>
  );
}
