// Did the conversation get better or worse? The one rule (issue 20): the latest customer
// message's sentiment against the opening one's. The list filter's SQL is generated from the
// same function over every pair of labels, so the page, the API and the filter cannot disagree.
import { sql, type SQL } from "drizzle-orm";
import { SENTIMENTS, tasks, type Sentiment } from "./schema";

export const SENTIMENT_TRENDS = ["improving", "worsening", "steady"] as const;
export type SentimentTrend = (typeof SENTIMENT_TRENDS)[number];

const RANK: Record<Sentiment, number> = { negative: 0, neutral: 1, positive: 2 };

/** opening → latest; unknown labels (not scored yet) count as steady. */
export function sentimentTrend(opening: Sentiment | null, latest: Sentiment | null): SentimentTrend {
  if (!opening || !latest) return "steady";
  const change = RANK[latest] - RANK[opening];
  return change > 0 ? "improving" : change < 0 ? "worsening" : "steady";
}

/** The label pairs (opening, latest) that make a trend. */
export function trendPairs(trend: SentimentTrend): [Sentiment, Sentiment][] {
  return SENTIMENTS.flatMap((o) => SENTIMENTS.filter((l) => sentimentTrend(o, l) === trend).map((l) => [o, l] as [Sentiment, Sentiment]));
}

/**
 * Tasks whose conversation has the trend. tasks.opening_sentiment is null until a follow-up
 * arrives (one customer message: steady), so improving/worsening read the partial index
 * tasks_conversation_trend_idx only.
 */
export function trendCondition(trend: SentimentTrend): SQL {
  const pairs = sql.join(
    trendPairs(trend).map(([o, l]) => sql`(${tasks.openingSentiment} = ${o} and ${tasks.sentiment} = ${l})`),
    sql` or `,
  );
  if (trend !== "steady") return sql`(${tasks.openingSentiment} is not null and (${pairs}))`;
  return sql`(${tasks.openingSentiment} is null or ${tasks.sentiment} is null or ${pairs})`;
}
