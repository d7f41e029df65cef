import { apiRoute, otherMethods } from "@/lib/api/route";
import { modelJson } from "@/lib/api/serialize";
import { modelsOverview } from "@/lib/training/models-overview";
import { modelsResponse } from "@/lib/api/schemas";

export const GET = apiRoute(
  { method: "get", path: "/models", scope: "train", summary: "Sentiment model versions", response: modelsResponse, success: [200], errors: [] },
  async () => {
    const { versions, activeId } = await modelsOverview();
    return { data: { active_version: activeId, models: versions.map((v) => modelJson(v, activeId)) } };
  },
);

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods("GET");
