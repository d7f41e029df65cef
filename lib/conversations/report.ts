// Did support make customers happier? Per category (issue 20): of the conversations the
// customer wrote back in, the opening and latest sentiment, the share that improved or
// worsened (db/conversation-trend.ts), and what the customers rated after closing.
import { listCategories } from "@/db/queries/catalog";
import { conversationPairs } from "@/db/queries/conversations";
import { sentimentTrend } from "@/db/conversation-trend";
import type { Sentiment } from "@/db/schema";
import { satisfactionReport } from "./satisfaction";

type Mix = Record<Sentiment, number>;
const empty = (): Mix => ({ negative: 0, neutral: 0, positive: 0 });

export async function conversationTrends(range: { from: Date; to: Date }) {
  const [pairs, categories, satisfaction] = await Promise.all([conversationPairs(range), listCategories(), satisfactionReport()]);
  const rows = categories.map((c) => {
    const mine = pairs.filter((p) => p.categoryId === c.id);
    const opening = empty();
    const latest = empty();
    let improved = 0;
    let worsened = 0;
    let total = 0;
    for (const p of mine) {
      total += p.n;
      if (p.opening) opening[p.opening] += p.n;
      if (p.latest) latest[p.latest] += p.n;
      const trend = sentimentTrend(p.opening, p.latest);
      if (trend === "improving") improved += p.n;
      if (trend === "worsening") worsened += p.n;
    }
    const rated = satisfaction.categories.find((s) => s.key === c.name);
    return {
      categoryId: c.id,
      name: c.name,
      conversations: total,
      opening,
      latest,
      improvedShare: total ? improved / total : null,
      worsenedShare: total ? worsened / total : null,
      satisfaction: rated ? { rated: rated.rated, mean: rated.mean, agreement: rated.agreement } : null,
    };
  });
  return { categories: rows.filter((r) => r.conversations > 0 || r.satisfaction), satisfaction };
}
