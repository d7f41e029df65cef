import { highlightSpans } from "@/lib/sentiment/highlight-spans";
import { featureInWords } from "@/lib/sentiment/feature-words";
import type { ExplanationToken } from "@/models/types";

const TONE: Record<string, string> = {
  negative: "bg-rose-100 text-rose-950 decoration-rose-600",
  neutral: "bg-slate-200 text-slate-950 decoration-slate-600",
  positive: "bg-emerald-100 text-emerald-950 decoration-emerald-700",
};

/** The text with the words that drove the decision marked by the class they pushed towards. */
export function HighlightedText({ text, tokens }: { text: string; tokens: ExplanationToken[] }) {
  const spans = highlightSpans(tokens);
  const parts: React.ReactNode[] = [];
  let at = 0;
  for (const t of spans) {
    if (t.start > at) parts.push(text.slice(at, t.start));
    parts.push(
      <mark key={`${t.start}-${t.end}`} data-label={t.label} title={`${featureInWords(t.feature)} → ${t.label}`} className={`rounded px-0.5 underline decoration-2 ${TONE[t.label] ?? TONE.neutral}`}>
        {text.slice(t.start, t.end)}
      </mark>,
    );
    at = t.end;
  }
  parts.push(text.slice(at));
  return <p className="whitespace-pre-wrap leading-7">{parts}</p>;
}
