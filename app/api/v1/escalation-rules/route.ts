import type { z } from "zod";
import { apiRoute, otherMethods } from "@/lib/api/route";
import { escalationRuleRequest, type escalationRuleResponse, type escalationRulesResponse } from "@/lib/api/schemas";
import { allRules, createRule, ruleJson } from "@/lib/support/rules";

export const GET = apiRoute({
  scope: "rules",
  handler: async () => ({ data: { rules: (await allRules()).map(ruleJson) } satisfies z.input<typeof escalationRulesResponse> }),
});

// The body is checked by the route's schema, then completely (users, categories) by createRule.
export const POST = apiRoute({
  scope: "rules",
  body: escalationRuleRequest,
  handler: async ({ body, caller }) => ({ status: 201, data: { rule: ruleJson(await createRule(body, caller.actorId)) } satisfies z.input<typeof escalationRuleResponse> }),
});

export const { PUT, PATCH, DELETE, OPTIONS } = otherMethods("GET", "POST");
