import { predictionsAnswer, scorePredictions } from "@/lib/api/predictions";
import { apiRoute, otherMethods } from "@/lib/api/route";
import { predictionsRequest } from "@/lib/api/schemas";

export const POST = apiRoute({
  scope: "predict",
  body: predictionsRequest,
  handler: async ({ body, caller }) => predictionsAnswer(await scorePredictions(body, caller.name), body.persist),
});

export const { GET, HEAD, PUT, PATCH, DELETE, OPTIONS } = otherMethods("POST");
