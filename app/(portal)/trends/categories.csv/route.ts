// The trends page's category table as CSV, for the same range.
import { pageRole } from "@/lib/auth/roles";
import { csvRoute } from "@/lib/platform/csv-route";
import { categoryTrendsCsv, parseOrgTrendQuery, sentimentTrends } from "@/lib/trends/reports";

export const GET = csvRoute(pageRole("/trends"), async ({ query }) => {
  const range = await parseOrgTrendQuery(query);
  return { body: categoryTrendsCsv(await sentimentTrends(range)), filename: `trends-by-category-${range.from}-${range.to}.csv` };
});
