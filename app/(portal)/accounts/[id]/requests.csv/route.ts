// Every request of one account as CSV.
import { accountTasksCsv } from "@/lib/accounts/at-risk";
import { pageRole } from "@/lib/auth/roles";
import { csvRoute } from "@/lib/platform/csv-route";
import { parseId } from "@/lib/tasks/queue";

export const GET = csvRoute(pageRole("/accounts"), async ({ params }) => {
  const id = parseId(params.id, "account");
  return { body: await accountTasksCsv(id), filename: `account-${id}-requests.csv` };
});
