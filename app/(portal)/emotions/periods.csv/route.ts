// The emotions page's per-period table as CSV, for the same range, period size and category.
import { pageRole } from "@/lib/auth/roles";
import { csvRoute } from "@/lib/platform/csv-route";
import { emotionPeriodsCsv, emotionTrends, parseOrgTrendQuery } from "@/lib/trends/reports";

export const GET = csvRoute(pageRole("/emotions"), async ({ query }) => {
  const range = await parseOrgTrendQuery(query);
  const trends = await emotionTrends(range);
  const scope = trends.categories.find((c) => c.id === range.categoryId)?.name ?? "All categories";
  return { body: emotionPeriodsCsv(trends, scope), filename: `emotions-per-${range.granularity}-${range.from}-${range.to}.csv` };
});
