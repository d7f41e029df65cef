// GET one sentiment model version by the id in the path, or a 404. /models/{id} and
// /training-runs/{id} answer the same record (a training run is a model version seen while
// it trains), each under its own name: the 404's code and the body's key are that name.
import type { z } from "zod";
import { apiRoute, type ApiRouteHandler } from "@/lib/api/route";
import { modelJson } from "@/lib/api/serialize";
import { modelDetail } from "@/lib/training/models-overview";
import { parseId } from "@/lib/tasks/queue";

export function modelVersionRoute(name: "model" | "training_run", operation: { path: string; summary: string; response: z.ZodType }): ApiRouteHandler {
  return apiRoute({ method: "get", path: operation.path, scope: "train", summary: operation.summary, response: operation.response, success: [200], errors: [404] }, async ({ params }) => {
    const { version, activeId } = await modelDetail(parseId(params.id, name));
    return { data: { [name]: modelJson(version, activeId) } };
  });
}
