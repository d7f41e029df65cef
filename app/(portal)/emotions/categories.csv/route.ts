// The emotions page's per-category table as CSV, for the same range.
import { requireRole } from "@/lib/auth/session";
import { csvResponse } from "@/lib/csv";
import { isAppError } from "@/lib/errors";
import { emotionCategoriesCsv, emotionTrends, parseOrgTrendQuery } from "@/lib/trends";

export async function GET(request: Request) {
  try {
    await requireRole("supervisor");
    const range = await parseOrgTrendQuery(Object.fromEntries(new URL(request.url).searchParams));
    return csvResponse(emotionCategoriesCsv(await emotionTrends(range)), `emotions-by-category-${range.from}-${range.to}.csv`);
  } catch (error) {
    if (isAppError(error)) return error.toResponse();
    throw error;
  }
}
