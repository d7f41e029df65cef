// The at-risk list as CSV: every account the rule matches (up to 10,000), not just one page.
import { atRiskAccounts, atRiskCsv } from "@/lib/at-risk";
import { requireRole } from "@/lib/auth/session";
import { csvResponse } from "@/lib/csv";
import { isAppError } from "@/lib/errors";
import { orgClock } from "@/lib/time-zone";

export async function GET(request: Request) {
  try {
    await requireRole("supervisor");
    const list = await atRiskAccounts(Object.fromEntries(new URL(request.url).searchParams), { limit: 10_000 });
    const clock = await orgClock();
    return csvResponse(atRiskCsv(list, clock.iso), `at-risk-accounts-${clock.iso(new Date()).slice(0, 10)}.csv`);
  } catch (error) {
    if (isAppError(error)) return error.toResponse();
    throw error;
  }
}
