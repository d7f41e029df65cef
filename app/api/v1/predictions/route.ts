import { predictionsAnswer, scorePredictions } from "@/lib/api/predictions";
import { apiRoute, otherMethods } from "@/lib/api/route";
import { predictionsRequest } from "@/lib/api/schemas";
import { AppError } from "@/lib/errors";

export const POST = apiRoute({
  scope: "predict",
  body: predictionsRequest,
  handler: async ({ body, caller }) => {
    // Scoring needs "predict"; storing the inputs as tasks (persist, the default) is a
    // write, and writes need "tasks:write" as POST /tasks does.
    if (body.persist && !caller.scopes.includes("tasks:write")) {
      throw new AppError("forbidden:tasks:write", 'Storing the inputs as tasks needs the "tasks:write" scope; send "persist": false to score without storing.');
    }
    return predictionsAnswer(await scorePredictions(body, caller.name), body.persist);
  },
});

export const { GET, HEAD, PUT, PATCH, DELETE, OPTIONS } = otherMethods("POST");
