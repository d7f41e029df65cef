import type { z } from "zod";
import { apiRoute, otherMethods } from "@/lib/api/route";
import { deletedResponse, escalationRulePatch, escalationRuleResponse } from "@/lib/api/schemas";
import { changeRule, removeRule, ruleJson } from "@/lib/support/rules";
import { parseId } from "@/lib/tasks/queue";

export const PATCH = apiRoute(
  { method: "patch", path: "/escalation-rules/{id}", scope: "rules", summary: "Change a rule or switch it off (active: false); the result is checked whole", body: escalationRulePatch, response: escalationRuleResponse, success: [200], errors: [404] },
  async ({ params, body, caller }) => ({ data: { rule: ruleJson(await changeRule(parseId(params.id, "rule"), body, caller.actorId)) } satisfies z.input<typeof escalationRuleResponse> }),
);

export const DELETE = apiRoute(
  { method: "delete", path: "/escalation-rules/{id}", scope: "rules", summary: "Delete a rule (its firings stay on the tasks' timelines)", response: deletedResponse, success: [200], errors: [404] },
  async ({ params, caller }) => {
    await removeRule(parseId(params.id, "rule"), caller.actorId);
    return { data: { deleted: true } satisfies z.input<typeof deletedResponse> };
  },
);

export const { GET, HEAD, POST, PUT, OPTIONS } = otherMethods("PATCH", "DELETE");
