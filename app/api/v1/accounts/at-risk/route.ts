import { apiRoute, otherMethods } from "@/lib/api/route";
import { atRiskJson } from "@/lib/api/serialize";
import { atRiskAccounts } from "@/lib/at-risk";

// Accounts with a series of negative feedback, by the same rule and order as the Accounts page.
export const GET = apiRoute({
  scope: "trends:read",
  handler: async ({ query }) => ({ data: atRiskJson(await atRiskAccounts(query)) }),
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods("GET");
