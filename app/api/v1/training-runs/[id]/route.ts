import { apiRoute, otherMethods } from "@/lib/api/route";
import { modelJson } from "@/lib/api/serialize";
import { modelDetail } from "@/lib/training/models-overview";
import { parseId } from "@/lib/tasks/queue";
import { trainingRunResponse } from "@/lib/api/schemas";

// A training run is a model version seen while it trains: status, progress, then metrics.
export const GET = apiRoute(
  { method: "get", path: "/training-runs/{id}", scope: "train", summary: "A training run's status, progress and metrics", response: trainingRunResponse, success: [200], errors: [404] },
  async ({ params }) => {
    const { version, activeId } = await modelDetail(parseId(params.id, "training_run"));
    return { data: { training_run: modelJson(version, activeId) } };
  },
);

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods("GET");
