// The emotions page's per-category table as CSV, for the same range.
import { pageRole } from "@/lib/auth/roles";
import { csvRoute } from "@/lib/platform/csv-route";
import { emotionCategoriesCsv, emotionTrends, parseOrgTrendQuery } from "@/lib/trends/reports";

export const GET = csvRoute(pageRole("/emotions"), async ({ query }) => {
  const range = await parseOrgTrendQuery(query);
  return { body: emotionCategoriesCsv(await emotionTrends(range)), filename: `emotions-by-category-${range.from}-${range.to}.csv` };
});
