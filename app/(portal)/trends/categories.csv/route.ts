// The trends page's category table as CSV, for the same range.
import { requireRole } from "@/lib/auth/session";
import { csvResponse } from "@/lib/csv";
import { isAppError } from "@/lib/errors";
import { categoryTrendsCsv, parseOrgTrendQuery, sentimentTrends } from "@/lib/trends";

export async function GET(request: Request) {
  try {
    await requireRole("supervisor");
    const range = await parseOrgTrendQuery(Object.fromEntries(new URL(request.url).searchParams));
    const trends = await sentimentTrends(range);
    return csvResponse(categoryTrendsCsv(trends), `trends-by-category-${range.from}-${range.to}.csv`);
  } catch (error) {
    if (isAppError(error)) return error.toResponse();
    throw error;
  }
}
