// The trends page's per-period table as CSV, for the same range, period size and category.
import { pageRole } from "@/lib/auth/roles";
import { csvRoute } from "@/lib/platform/csv-route";
import { parseOrgTrendQuery, periodTrendsCsv, sentimentTrends } from "@/lib/trends/reports";

export const GET = csvRoute(pageRole("/trends"), async ({ query }) => {
  const range = await parseOrgTrendQuery(query);
  const trends = await sentimentTrends(range);
  const scope = trends.categories.find((c) => c.id === range.categoryId)?.name ?? "All categories";
  return { body: periodTrendsCsv(trends, scope), filename: `trends-per-${range.granularity}-${range.from}-${range.to}.csv` };
});
