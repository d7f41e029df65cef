import { apiRoute, otherMethods } from "@/lib/api/route";
import { categoryTrendsJson } from "@/lib/api/serialize";
import { parseOrgTrendQuery, sentimentTrends } from "@/lib/trends/reports";
import { categoryTrendsResponse } from "@/lib/api/schemas";

// The same figures as the Trends page, for the query's date range and granularity.
export const GET = apiRoute(
  { method: "get", path: "/trends/categories", scope: "trends:read", summary: "Sentiment shares and net score by category, change against the previous period (query: from, to, granularity, category)", response: categoryTrendsResponse, success: [200], errors: [422] },
  async ({ query }) => ({ data: categoryTrendsJson(await sentimentTrends(await parseOrgTrendQuery(query))) }),
);

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods("GET");
