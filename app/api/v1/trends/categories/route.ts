import { apiRoute } from "@/lib/api/route";
import { parseTrendQuery, sentimentTrends } from "@/lib/trends";

// The same figures as the Trends page, for the query's date range and granularity.
export const GET = apiRoute({
  scope: "trends:read",
  handler: async ({ query }) => {
    const t = await sentimentTrends(parseTrendQuery(query));
    return {
      data: {
        range: { from: t.range.from, to: t.range.to, granularity: t.range.granularity },
        categories: t.byCategory.map((c) => ({
          id: c.categoryId,
          name: c.name,
          current: c.current,
          previous: c.previous,
          net_change: c.netChange,
          negative_share_change: c.negativeShareChange,
        })),
        worsened_most: t.worsened.map((c) => ({ id: c.categoryId, name: c.name, net_change: c.netChange })),
        over_time: t.overTime.map((p) => ({ from: p.from, to: p.to, negative: p.negative, neutral: p.neutral, positive: p.positive, total: p.total, net: p.net })),
      },
    };
  },
});
