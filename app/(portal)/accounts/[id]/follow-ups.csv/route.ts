// One account's follow-ups as CSV.
import { pageRole } from "@/lib/auth/roles";
import { csvRoute } from "@/lib/platform/csv-route";
import { accountFollowUpsCsv } from "@/lib/accounts/follow-ups";
import { parseId } from "@/lib/tasks/queue";

export const GET = csvRoute(pageRole("/accounts"), async ({ params }) => {
  const id = parseId(params.id, "account");
  return { body: await accountFollowUpsCsv(id), filename: `account-${id}-follow-ups.csv` };
});
