import { scorePredictions } from "@/lib/api/predictions";
import { apiRoute, otherMethods } from "@/lib/api/route";
import { predictionsRequest } from "@/lib/api/schemas";

export const POST = apiRoute({
  scope: "predict",
  body: predictionsRequest,
  handler: async ({ body, caller }) => ({ data: { results: await scorePredictions(body, caller.name) } }),
});

export const { GET, HEAD, PUT, PATCH, DELETE, OPTIONS } = otherMethods("POST");
