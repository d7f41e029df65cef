// The at-risk list as CSV: every account the rule matches (up to 10,000), not just one page.
import { atRiskAccounts, atRiskCsv } from "@/lib/accounts/at-risk";
import { pageRole } from "@/lib/auth/roles";
import { csvRoute } from "@/lib/platform/csv-route";
import { orgClock } from "@/lib/platform/time-zone";

export const GET = csvRoute(pageRole("/accounts"), async ({ query }) => {
  const list = await atRiskAccounts(query, { limit: 10_000 });
  const clock = await orgClock();
  return { body: atRiskCsv(list, clock.iso), filename: `at-risk-accounts-${clock.iso(new Date()).slice(0, 10)}.csv` };
});
