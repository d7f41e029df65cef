import { apiRoute, otherMethods } from "@/lib/api/route";
import { atRiskJson } from "@/lib/api/serialize";
import { atRiskAccounts } from "@/lib/accounts/at-risk";
import { atRiskResponse } from "@/lib/api/schemas";

// Accounts with a series of negative feedback, by the same rule and order as the Accounts page.
export const GET = apiRoute(
  { method: "get", path: "/accounts/at-risk", scope: "trends:read", summary: "Accounts with a series of negative feedback (query: rule=consecutive&n=3, or rule=window&k=4&days=14; sort, page)", response: atRiskResponse, success: [200], errors: [422] },
  async ({ query }) => ({ data: atRiskJson(await atRiskAccounts(query)) }),
);

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods("GET");
