import type { z } from "zod";
import { apiRoute, otherMethods } from "@/lib/api/route";
import { escalationRulePatch, type deletedResponse, type escalationRuleResponse } from "@/lib/api/schemas";
import { changeRule, removeRule, ruleJson } from "@/lib/support/rules";
import { parseId } from "@/lib/tasks";

export const PATCH = apiRoute({
  scope: "rules",
  body: escalationRulePatch,
  handler: async ({ params, body, caller }) => ({ data: { rule: ruleJson(await changeRule(parseId(params.id, "rule"), body, caller.actorId)) } satisfies z.input<typeof escalationRuleResponse> }),
});

export const DELETE = apiRoute({
  scope: "rules",
  handler: async ({ params, caller }) => {
    await removeRule(parseId(params.id, "rule"), caller.actorId);
    return { data: { deleted: true } satisfies z.input<typeof deletedResponse> };
  },
});

export const { GET, HEAD, POST, PUT, OPTIONS } = otherMethods("PATCH", "DELETE");
