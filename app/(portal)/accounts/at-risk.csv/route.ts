// The at-risk list as CSV: every account the rule matches (up to 10,000), not just one page.
import { atRiskAccounts, atRiskCsv } from "@/lib/at-risk";
import { pageRole } from "@/lib/auth/roles";
import { csvRoute } from "@/lib/csv-route";

export const GET = csvRoute(pageRole("/accounts"), async ({ query }) => {
  const list = await atRiskAccounts(query, { limit: 10_000 });
  return { body: atRiskCsv(list), filename: `at-risk-accounts-${new Date().toISOString().slice(0, 10)}.csv` };
});
