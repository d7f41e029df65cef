import { apiRoute, otherMethods } from "@/lib/api/route";
import { modelJson } from "@/lib/api/serialize";
import { modelDetail } from "@/lib/models-overview";
import { parseId } from "@/lib/tasks";

// A training run is a model version seen while it trains: status, progress, then metrics.
export const GET = apiRoute({
  scope: "train",
  handler: async ({ params }) => {
    const { version, activeId } = await modelDetail(parseId(params.id, "training_run"));
    return { data: { training_run: modelJson(version, activeId) } };
  },
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods("GET");
