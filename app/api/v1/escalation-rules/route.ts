import type { z } from "zod";
import { apiRoute, otherMethods } from "@/lib/api/route";
import { escalationRuleRequest, escalationRuleResponse, escalationRulesResponse } from "@/lib/api/schemas";
import { allRules, createRule, ruleJson } from "@/lib/support/rules";

export const GET = apiRoute(
  { method: "get", path: "/escalation-rules", scope: "rules", summary: "Escalation rules", response: escalationRulesResponse, success: [200], errors: [] },
  async () => ({ data: { rules: (await allRules()).map(ruleJson) } satisfies z.input<typeof escalationRulesResponse> }),
);

// The body is checked by the route's schema, then completely (users, categories) by createRule.
export const POST = apiRoute(
  { method: "post", path: "/escalation-rules", scope: "rules", summary: "Create an escalation rule (checked whole: nothing is saved when any part is wrong)", body: escalationRuleRequest, response: escalationRuleResponse, success: [201], errors: [] },
  async ({ body, caller }) => ({ status: 201, data: { rule: ruleJson(await createRule(body, caller.actorId)) } satisfies z.input<typeof escalationRuleResponse> }),
);

export const { PUT, PATCH, DELETE, OPTIONS } = otherMethods("GET", "POST");
