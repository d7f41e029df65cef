import type { Metadata } from "next";
import Link from "@/components/link";
import { DrillDownChart } from "@/components/charts/drill-down-chart";
import { emotionColours } from "@/components/charts/palette";
import { StatCard } from "@/components/stat-card";
import { count, pct } from "@/components/format";
import { RangeHeader } from "@/components/trends/range-header";
import { CardSection } from "@/components/card-section";
import type { PageSearchParams } from "@/lib/platform/search-params";
import { reportPageRange } from "@/lib/trends/report-page";
import { emotionShare, emotionTrends, NO_CLEAR_EMOTION, PENDING, rangeQuery, tasksHref } from "@/lib/trends/reports";
import { TableSection } from "@/components/table-section";
import { PeriodsTable } from "@/components/trends/periods-table";
import { PartialPeriodsNote } from "@/components/trends/partial-periods-note";

export const metadata: Metadata = { title: "Emotions" };

export default async function EmotionsPage({ searchParams }: { searchParams: PageSearchParams }) {
  const { range, problem } = await reportPageRange("/emotions", searchParams);
  const t = await emotionTrends(range);
  const scopeName = t.categories.find((c) => c.id === range.categoryId)?.name ?? "All categories";
  const query = rangeQuery(range);
  const whole = { from: range.from, to: range.to };
  const colours = emotionColours(t.labels);
  const total = t.overall.labelled + t.overall.pending + t.overall.noClear;
  const top = t.labels[0];

  const mixData = t.overTime.map((p) => ({ period: p.label, ...Object.fromEntries(t.labels.map((l) => [l, emotionShare(p.mix, l) ?? 0])) }));
  const mixHrefs = Object.fromEntries(
    t.overTime.map((p) => [p.label, Object.fromEntries(t.labels.map((l) => [l, tasksHref({ from: p.from, to: p.to, categoryId: range.categoryId, emotion: l })]))]),
  );
  const barData = t.byCategory.map((c) => ({ category: c.name, ...Object.fromEntries(t.labels.map((l) => [l, emotionShare(c.mix, l) ?? 0])) }));
  const barHrefs = Object.fromEntries(
    t.byCategory.map((c) => [c.name, Object.fromEntries(t.labels.map((l) => [l, tasksHref({ ...whole, categoryId: c.categoryId, emotion: l })]))]),
  );

  return (
    <div className="space-y-6">
      <RangeHeader title="Emotions" action="/emotions" range={range} problem={problem} categories={t.categories}>
        The emotion of requests from {range.from} to {range.to} (UTC). Shares are of requests with a clear emotion; requests with no
        clear emotion (most plain questions and requests) and those still waiting for the emotion service are counted apart.
      </RangeHeader>

      <div className="grid grid-cols-1 gap-4 sm:grid-cols-2 lg:grid-cols-4">
        <StatCard label={`With an emotion · ${scopeName}`} value={count(t.overall.labelled)} hint={`${t.labels.length} different emotions`} />
        <StatCard
          label="No clear emotion"
          value={count(t.overall.noClear)}
          hint={total ? `${pct(t.overall.noClear / total)} of all requests in range: plain questions and requests` : "No requests in range"}
        />
        <StatCard label="Emotion pending" value={count(t.overall.pending)} hint={total ? `${pct(t.overall.pending / total)} of all requests in range` : "No requests in range"} />
        <StatCard label="Most frequent emotion" value={top ?? "—"} hint={top ? `${pct(emotionShare(t.overall, top))} of requests with an emotion` : undefined} />
      </div>
      {t.overall.noClear ? (
        <p className="text-sm text-slate-700">
          <Link href={tasksHref({ ...whole, categoryId: range.categoryId, emotion: NO_CLEAR_EMOTION })} className="text-blue-800 underline">
            Open the {count(t.overall.noClear)} requests with no clear emotion
          </Link>
        </p>
      ) : null}
      {t.overall.pending ? (
        <p className="text-sm text-slate-700">
          <Link href={tasksHref({ ...whole, categoryId: range.categoryId, emotion: PENDING })} className="text-blue-800 underline">Open the {count(t.overall.pending)} requests with emotion pending</Link>
        </p>
      ) : null}

      <PartialPeriodsNote periods={t.overTime} granularity={range.granularity} />
      <div className="grid gap-6 lg:grid-cols-2">
        <CardSection id="mix" title={<>Emotion mix per {range.granularity} · {scopeName}</>} hint="Select a point to open the requests with that emotion.">
          <DrillDownChart kind="area" data={mixData} index="period" categories={t.labels} colors={colours} hrefs={mixHrefs} format="percent" stack testId="emotion-mix-chart" />
        </CardSection>
        <CardSection id="by-category" title="Emotion mix by category" hint={<>Share of each category&apos;s requests with an emotion. Select a bar to open its requests.</>}>
          <DrillDownChart kind="bar" data={barData} index="category" categories={t.labels} colors={colours} hrefs={barHrefs} format="percent" stack horizontal className="h-96" testId="emotion-category-bars" />
        </CardSection>
      </div>

      <TableSection
        id="top"
        title="Top emotions per category"
        csvHref={`/emotions/categories.csv?${query}`}
        caption={<>The three most frequent emotions of each category from {range.from} to {range.to}</>}
        testId="top-emotions-table"
        columns={["Category", "With an emotion", "Pending", "First", "Second", "Third"]}
        empty={t.byCategory.some((c) => c.mix.labelled + c.mix.pending) ? undefined : <>No requests from {range.from} to {range.to}. Each category&apos;s three most frequent emotions appear here once requests arrive in the range: choose a wider range above.</>}
      >
        {t.byCategory.map((c) => (
          <tr key={c.categoryId}>
            <th scope="row" className="px-3 py-2 text-left font-medium">{c.name}</th>
            <td>{count(c.mix.labelled)}</td>
            <td>
              <Link href={tasksHref({ ...whole, categoryId: c.categoryId, emotion: PENDING })} className="text-blue-800 hover:underline" aria-label={`${c.name}: requests with emotion pending`}>
                {count(c.mix.pending)}
              </Link>
            </td>
            {[0, 1, 2].map((i) => {
              const e = c.top[i];
              return (
                <td key={i}>
                  {e ? (
                    <Link href={tasksHref({ ...whole, categoryId: c.categoryId, emotion: e.emotion })} className="text-blue-800 hover:underline">
                      {e.emotion} <span className="text-slate-600">{pct(e.share)}</span>
                    </Link>
                  ) : (
                    "—"
                  )}
                </td>
              );
            })}
          </tr>
        ))}
      </TableSection>

      <PeriodsTable report="/emotions" range={range} scopeName={scopeName} measure="Emotion shares" testId="emotion-periods-table" columns={["Period", "With an emotion", ...t.labels, "Pending"]}>
        {t.overTime.map((p) => (
          <tr key={p.start}>
            <th scope="row" className="whitespace-nowrap px-3 py-2 text-left font-medium">{p.label}</th>
            <td>{count(p.mix.labelled)}</td>
            {t.labels.map((l) => (
              <td key={l}>
                <Link href={tasksHref({ from: p.from, to: p.to, categoryId: range.categoryId, emotion: l })} className="text-blue-800 hover:underline" aria-label={`${p.label}: ${l}`}>
                  {pct(emotionShare(p.mix, l))}
                </Link>
              </td>
            ))}
            <td>
              <Link href={tasksHref({ from: p.from, to: p.to, categoryId: range.categoryId, emotion: PENDING })} className="text-blue-800 hover:underline" aria-label={`${p.label}: pending`}>
                {count(p.mix.pending)}
              </Link>
            </td>
          </tr>
        ))}
      </PeriodsTable>
    </div>
  );
}
