import { scorePredictions } from "@/lib/api/predictions";
import { apiRoute } from "@/lib/api/route";
import { predictionsRequest } from "@/lib/api/schemas";

export const POST = apiRoute({
  scope: "predict",
  body: predictionsRequest,
  handler: async ({ body, caller }) => ({ data: { results: await scorePredictions(body, caller.name) } }),
});
