import type { Sentiment } from "@/db/schema";

const Y: Record<Sentiment, number> = { positive: 12, neutral: 40, negative: 68 };
const COLOUR: Record<Sentiment, string> = { positive: "#047857", neutral: "#475569", negative: "#be123c" };

/** The customer's sentiment message by message: one point per customer message, oldest left. */
export function SentimentChart({ points }: { points: (Sentiment | null)[] }) {
  const scored = points.map((p, i) => ({ p, i })).filter((x): x is { p: Sentiment; i: number } => x.p !== null);
  if (scored.length === 0) return null;
  const width = Math.max(160, 60 + 70 * (points.length - 1));
  const x = (i: number) => 56 + i * 70;
  const path = scored.map(({ p, i }, k) => `${k === 0 ? "M" : "L"}${x(i)},${Y[p]}`).join(" ");
  const summary = scored.map(({ p }) => p).join(" → ");
  return (
    <figure data-testid="sentiment-chart" className="overflow-x-auto">
      <svg width={width} height={84} role="img" aria-label={`Customer sentiment over the conversation: ${summary}`}>
        {(Object.keys(Y) as Sentiment[]).map((s) => (
          <g key={s}>
            <line x1={50} x2={width - 4} y1={Y[s]} y2={Y[s]} stroke="#e2e8f0" />
            <text x={0} y={Y[s] + 4} fontSize={11} fill="#334155">{s}</text>
          </g>
        ))}
        <path d={path} fill="none" stroke="#64748b" strokeWidth={2} />
        {scored.map(({ p, i }) => (
          <circle key={i} cx={x(i)} cy={Y[p]} r={5} fill={COLOUR[p]}>
            <title>{`Customer message ${i + 1}: ${p}`}</title>
          </circle>
        ))}
      </svg>
      <figcaption className="text-xs text-slate-600">Each point is one customer message, oldest first.</figcaption>
    </figure>
  );
}
