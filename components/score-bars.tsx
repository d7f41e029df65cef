// Horizontal bars for class probabilities (sentiment or emotion), largest first.
import { SENTIMENT_COLOURS } from "@/components/charts/palette";

// The charts' colours (bg-*-500 is safelisted in tailwind.config.ts); emotions share one.
const colourOf = (name: string) => `bg-${Object.hasOwn(SENTIMENT_COLOURS, name) ? SENTIMENT_COLOURS[name as keyof typeof SENTIMENT_COLOURS] : "violet"}-500`;

export function ScoreBars({ scores, label }: { scores: Record<string, number>; label: string }) {
  const entries = Object.entries(scores).sort((a, b) => b[1] - a[1]);
  return (
    <dl className="space-y-1.5" aria-label={label}>
      {entries.map(([name, value]) => (
        <div key={name} className="grid grid-cols-[6rem_1fr_3.5rem] items-center gap-2 text-sm">
          <dt className="text-slate-800">{name}</dt>
          <dd className="h-2.5 overflow-hidden rounded bg-slate-200" aria-hidden>
            <div className={`h-2.5 ${colourOf(name)}`} style={{ width: `${Math.round(value * 100)}%` }} />
          </dd>
          <dd className="text-right tabular-nums text-slate-800">{(value * 100).toFixed(1)}%</dd>
        </div>
      ))}
    </dl>
  );
}
