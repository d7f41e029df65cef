import { apiRoute } from "@/lib/api/route";
import { atRiskAccounts } from "@/lib/at-risk";

// Accounts with a series of negative feedback, by the same rule and order as the Accounts page.
export const GET = apiRoute({
  scope: "trends:read",
  handler: async ({ query }) => {
    const list = await atRiskAccounts(query);
    return { data: { rule: list.rule, total: list.total, page: list.query.page, pages: list.pages, accounts: list.rows } };
  },
});
