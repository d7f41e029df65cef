import { apiRoute, otherMethods } from "@/lib/api/route";
import { categoryTrendsJson } from "@/lib/api/serialize";
import { parseOrgTrendQuery, sentimentTrends } from "@/lib/trends";

// The same figures as the Trends page, for the query's date range and granularity.
export const GET = apiRoute({
  scope: "trends:read",
  handler: async ({ query }) => ({ data: categoryTrendsJson(await sentimentTrends(await parseOrgTrendQuery(query))) }),
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods("GET");
