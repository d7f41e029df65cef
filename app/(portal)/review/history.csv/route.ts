// The review history as CSV, with the same filters as the page.
import { requireRole } from "@/lib/auth/session";
import { csvResponse } from "@/lib/csv";
import { isAppError } from "@/lib/errors";
import { reviewHistory, reviewHistoryCsv } from "@/lib/reviews";
import { orgClock } from "@/lib/time-zone";

export async function GET(request: Request) {
  try {
    await requireRole("supervisor");
    const params = Object.fromEntries(new URL(request.url).searchParams);
    const { rows } = await reviewHistory(params, 100_000);
    return csvResponse(reviewHistoryCsv(rows, (await orgClock()).iso), "review-history.csv");
  } catch (error) {
    if (isAppError(error)) return error.toResponse();
    throw error;
  }
}
