// Every request of one account as CSV.
import { accountTasksCsv } from "@/lib/at-risk";
import { pageRole } from "@/lib/auth/roles";
import { csvRoute } from "@/lib/csv-route";
import { parseId } from "@/lib/tasks";

export const GET = csvRoute(pageRole("/accounts"), async ({ params }) => {
  const id = parseId(params.id, "account");
  return { body: await accountTasksCsv(id), filename: `account-${id}-requests.csv` };
});
