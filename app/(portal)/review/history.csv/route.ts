// The review history as CSV, with the same filters as the page.
import { pageRole } from "@/lib/auth/roles";
import { csvRoute } from "@/lib/platform/csv-route";
import { reviewHistory, reviewHistoryCsv } from "@/lib/tasks/reviews";
import { orgClock } from "@/lib/platform/time-zone";

export const GET = csvRoute(pageRole("/review"), async ({ query }) => {
  const { rows } = await reviewHistory(query, 100_000);
  return { body: reviewHistoryCsv(rows, (await orgClock()).iso), filename: "review-history.csv" };
});
