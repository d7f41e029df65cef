import type { z } from "zod";
import { apiRoute, otherMethods } from "@/lib/api/route";
import { escalationRuleRequest, type dryRunResponse } from "@/lib/api/schemas";
import { dryRunRule } from "@/lib/support/rules";

// Tries a rule on the last 30 days of requests without saving it.
export const POST = apiRoute({
  scope: "rules",
  body: escalationRuleRequest,
  handler: async ({ body }) => {
    const r = await dryRunRule(body);
    return { data: { matched: r.matched, examined: r.examined, days: r.days, sample_task_ids: r.sampleTaskIds } satisfies z.input<typeof dryRunResponse> };
  },
});

export const { GET, HEAD, PUT, PATCH, DELETE, OPTIONS } = otherMethods("POST");
