import { predictionsAnswer, scorePredictions } from "@/lib/api/predictions";
import { apiRoute, otherMethods } from "@/lib/api/route";
import { predictionsRequest, predictionsResponse } from "@/lib/api/schemas";
import { AppError } from "@/lib/platform/errors";

export const POST = apiRoute(
  {
    method: "post",
    path: "/predictions",
    scope: "predict",
    summary: "Score 1–100 texts (per-input results and errors); storing them as tasks (persist, the default) also needs tasks:write",
    description:
      "Each input is checked and scored on its own, so one bad text does not fail the others. The status says how the call went as a whole: 200 when every input was scored; 207 when some were not (succeeded and failed count them, and each failed result has ok: false and its error); 422 when none was, with each input's error in details (path inputs.N) — nothing is stored then. Stored inputs (persist, the default) need a category, per input or at the top level.",
    body: predictionsRequest,
    response: predictionsResponse,
    success: [200, 207],
    errors: [],
  },
  async ({ body, caller }) => {
    // Scoring needs "predict"; storing the inputs as tasks (persist, the default) is a
    // write, and writes need "tasks:write" as POST /tasks does.
    if (body.persist && !caller.scopes.includes("tasks:write")) {
      throw new AppError("forbidden:tasks:write", 'Storing the inputs as tasks needs the "tasks:write" scope; send "persist": false to score without storing.');
    }
    return predictionsAnswer(await scorePredictions(body, caller.name), body.persist);
  },
);

export const { GET, HEAD, PUT, PATCH, DELETE, OPTIONS } = otherMethods("POST");
