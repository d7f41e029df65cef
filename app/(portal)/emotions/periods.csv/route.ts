// The emotions page's per-period table as CSV, for the same range, period size and category.
import { requireRole } from "@/lib/auth/session";
import { csvResponse } from "@/lib/csv";
import { isAppError } from "@/lib/errors";
import { emotionPeriodsCsv, emotionTrends, parseOrgTrendQuery } from "@/lib/trends";

export async function GET(request: Request) {
  try {
    await requireRole("supervisor");
    const range = await parseOrgTrendQuery(Object.fromEntries(new URL(request.url).searchParams));
    const trends = await emotionTrends(range);
    const scope = trends.categories.find((c) => c.id === range.categoryId)?.name ?? "All categories";
    return csvResponse(emotionPeriodsCsv(trends, scope), `emotions-per-${range.granularity}-${range.from}-${range.to}.csv`);
  } catch (error) {
    if (isAppError(error)) return error.toResponse();
    throw error;
  }
}
