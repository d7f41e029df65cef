import type { Metadata } from "next";
import Link from "@/components/link";
import { DrillDownChart } from "@/components/charts/drill-down-chart";
import { SENTIMENT_COLOURS } from "@/components/charts/palette";
import { StatCard } from "@/components/stat-card";
import { count, net, pct } from "@/components/format";
import { changeTone, points } from "@/components/trends/format";
import { NetScoreChart } from "@/components/trends/net-score-chart";
import { RangeForm } from "@/components/trends/range-form";
import { SENTIMENTS } from "@/db/schema";
import { requirePageRole } from "@/lib/auth/session";
import { firstValues, type PageSearchParams } from "@/lib/platform/search-params";
import { durationText, responseTimesByCategory } from "@/lib/support/overview";
import { orgClock } from "@/lib/platform/time-zone";
import { MIN_TASKS_FOR_CHANGE, rangeQuery, sentimentTrends, tasksHref, orgTrendRangeOrDefault } from "@/lib/trends/reports";
import { TableSection } from "@/components/table-section";
import { PartialPeriodsNote } from "@/components/trends/partial-periods-note";
import { ConversationTrends } from "@/components/conversations/conversation-trends";
import { conversationTrends } from "@/lib/conversations/report";
import { Alert } from "@/components/action-outcome";

export const metadata: Metadata = { title: "Trends" };

export default async function TrendsPage({ searchParams }: { searchParams: PageSearchParams }) {
  await requirePageRole("/trends");
  const raw = await firstValues(searchParams);
  const { range, problem } = await orgTrendRangeOrDefault(raw);
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
      <div>
        <h1 className="page-title">Trends by category</h1>
        <p className="mt-1 text-sm text-slate-700">
          Scored requests from {range.from} to {range.to} (UTC), compared with the {range.days} days before ({range.previous.from} to {range.previous.to}).
          Supervisors&apos; corrections count instead of the model&apos;s label.
        </p>
      </div>
      <RangeForm action="/trends" from={range.from} to={range.to} granularity={range.granularity} categoryId={range.categoryId} categories={t.categories} errors={problem?.fieldErrors} />
      {problem ? <Alert>{problem.message} Showing the last four weeks instead.</Alert> : null}

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
        <section className="card" aria-labelledby="net-heading">
          <h2 id="net-heading" className="text-lg font-semibold">Net score by category, per {range.granularity}</h2>
          <p className="mb-2 text-sm text-slate-600">Pick the categories to compare; select a point to open its requests.</p>
          <NetScoreChart key={query} periods={t.netByCategory.map(({ period }) => period.label)} series={netSeries} initial={firstShown} />
        </section>
        <section className="card" aria-labelledby="share-heading">
          <h2 id="share-heading" className="text-lg font-semibold">Sentiment share per {range.granularity} · {scopeName}</h2>
          <p className="mb-2 text-sm text-slate-600">Select a point to open the requests with that sentiment.</p>
          <DrillDownChart kind="area" data={shareData} index="period" categories={[...SENTIMENTS]} colors={SENTIMENTS.map((s) => SENTIMENT_COLOURS[s])} hrefs={shareHrefs} format="percent" stack testId="share-chart" />
        </section>
      </div>

      <section className="card" aria-labelledby="bars-heading">
        <h2 id="bars-heading" className="text-lg font-semibold">Sentiment by category, {range.from} to {range.to}</h2>
        <p className="mb-2 text-sm text-slate-600">Share of each category&apos;s scored requests. Select a bar to open its requests.</p>
        <DrillDownChart kind="bar" data={barData} index="category" categories={[...SENTIMENTS]} colors={SENTIMENTS.map((s) => SENTIMENT_COLOURS[s])} hrefs={barHrefs} format="percent" stack horizontal className="h-96" testId="category-bars" />
      </section>

      <section className="card overflow-x-auto" aria-labelledby="response-heading">
        <h2 id="response-heading" className="text-lg font-semibold">Response time next to sentiment, by category</h2>
        <p className="mb-2 text-sm text-slate-600">Median time to the first reply or closing of the requests received from {range.from} to {range.to}.</p>
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
      </section>

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

      <TableSection
        id="periods"
        title={<>Per {range.granularity} · {scopeName}</>}
        csvHref={`/trends/periods.csv?${query}`}
        caption={<>Sentiment per {range.granularity} for {scopeName}</>}
        testId="periods-table"
        columns={["Period", "Scored", "Negative", "Neutral", "Positive", "Net score", "Change"]}
      >
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
      </TableSection>
      <ConversationTrends report={conversations} range={whole} />
    </div>
  );
}
