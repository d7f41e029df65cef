// What a trend report page (trends, emotions) starts with: the signed-in user's right to the
// page, then the range its query asks for, or the default range with the problem to show.
import { requirePageRole } from "@/lib/auth/session";
import { firstValues, type PageSearchParams } from "@/lib/platform/search-params";
import { orgTrendRangeOrDefault } from "@/lib/trends/reports";

export async function reportPageRange(page: "/trends" | "/emotions", searchParams: PageSearchParams) {
  await requirePageRole(page);
  return orgTrendRangeOrDefault(await firstValues(searchParams));
}
