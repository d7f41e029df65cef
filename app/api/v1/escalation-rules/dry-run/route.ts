import type { z } from "zod";
import { apiRoute, otherMethods } from "@/lib/api/route";
import { dryRunResponse, escalationRuleRequest } from "@/lib/api/schemas";
import { dryRunRule } from "@/lib/support/rules";

// Tries a rule on the last 30 days of requests without saving it.
export const POST = apiRoute(
  { method: "post", path: "/escalation-rules/dry-run", scope: "rules", summary: "Try a rule on the last 30 days of requests without saving it", body: escalationRuleRequest, response: dryRunResponse, success: [200], errors: [] },
  async ({ body }) => {
    const r = await dryRunRule(body);
    return { data: { matched: r.matched, examined: r.examined, days: r.days, sample_task_ids: r.sampleTaskIds } satisfies z.input<typeof dryRunResponse> };
  },
);

export const { GET, HEAD, PUT, PATCH, DELETE, OPTIONS } = otherMethods("POST");
