import Link from "@/components/link";
import { StatCard } from "@/components/stat-card";
import { TableSection } from "@/components/table-section";
import { count, pct } from "@/components/format";
import type { conversationTrends } from "@/lib/conversations/report";

type Report = Awaited<ReturnType<typeof conversationTrends>>;
const stars = (mean: number | null | undefined) => (mean == null ? "—" : `${mean.toFixed(1)} / 5`);
const mix = (m: { negative: number; neutral: number; positive: number }) => {
  const total = m.negative + m.neutral + m.positive;
  return total ? `${pct(m.negative / total)} neg · ${pct(m.positive / total)} pos` : "—";
};

/** The trends page's conversation tables: per category, and satisfaction against the model. */
export function ConversationTrends({ report, range }: { report: Report; range: { from: string; to: string } }) {
  const overall = report.satisfaction.overall;
  return (
    <>
      <TableSection
        id="conversations"
        title="Conversations per category"
        subtitle={<>Requests from {range.from} to {range.to} the customer wrote back in: their opening and latest sentiment, and how many got better or worse. Satisfaction is every rating so far.</>}
        caption="Opening vs latest sentiment, improved and worsened shares, and satisfaction per category"
        testId="conversation-trends"
        columns={["Category", "Conversations", "Opening", "Latest", "Improved", "Worsened", "Rated", "Satisfaction"]}
        empty={report.categories.length ? undefined : <>No customer has written back yet in this range, and nothing has been rated. A row appears once a customer answers an agent&apos;s reply by e-mail, or rates a closed request.</>}
      >
        {report.categories.map((c) => (
          <tr key={c.categoryId}>
            <th scope="row" className="px-3 py-2 text-left font-medium">{c.name}</th>
            <td>{count(c.conversations)}</td>
            <td>{mix(c.opening)}</td>
            <td>{mix(c.latest)}</td>
            <td>{c.improvedShare === null ? "—" : <Link className="text-blue-800 hover:underline" href={`/tasks?trend=improving&category=${c.categoryId}&from=${range.from}&to=${range.to}`}>{pct(c.improvedShare)}</Link>}</td>
            <td>{c.worsenedShare === null ? "—" : <Link className="text-blue-800 hover:underline" href={`/tasks?trend=worsening&category=${c.categoryId}&from=${range.from}&to=${range.to}`}>{pct(c.worsenedShare)}</Link>}</td>
            <td>{count(c.satisfaction?.rated ?? 0)}</td>
            <td>{stars(c.satisfaction?.mean)}</td>
          </tr>
        ))}
      </TableSection>
      <section className="card space-y-4" aria-labelledby="satisfaction-heading" data-testid="satisfaction">
        <div>
          <h2 id="satisfaction-heading" className="text-lg font-semibold">Customer ratings vs predicted sentiment</h2>
          <p className="text-sm text-slate-700">
            After a request is closed the customer can rate it 1–5. A rating agrees with the closing sentiment when 1–2 stars meet negative, 3 neutral, 4–5 positive: how
            often it does is how right the model is on your own customers.
          </p>
        </div>
        <div className="grid gap-3 sm:grid-cols-3">
          <StatCard label="Ratings" value={count(overall?.rated ?? 0)} />
          <StatCard label="Mean rating" value={stars(overall?.mean)} />
          <StatCard label="Agrees with the closing sentiment" value={overall?.agreement == null ? "—" : pct(overall.agreement)} />
        </div>
        {report.satisfaction.agents.length ? (
          <table className="data-table">
            <caption className="sr-only">Ratings per agent</caption>
            <thead><tr><th scope="col">Agent (owner at closing)</th><th scope="col">Ratings</th><th scope="col">Mean</th><th scope="col">Agrees with sentiment</th></tr></thead>
            <tbody>
              {report.satisfaction.agents.map((a) => (
                <tr key={a.key ?? "none"}><th scope="row" className="px-3 py-2 text-left font-medium">{a.key ?? "nobody"}</th><td>{count(a.rated)}</td><td>{stars(a.mean)}</td><td>{a.agreement == null ? "—" : pct(a.agreement)}</td></tr>
              ))}
            </tbody>
          </table>
        ) : null}
      </section>
    </>
  );
}
