import { apiRoute, otherMethods } from "@/lib/api/route";
import { modelJson } from "@/lib/api/serialize";
import { modelsOverview } from "@/lib/models-overview";

export const GET = apiRoute({
  scope: "train",
  handler: async () => {
    const { versions, activeId } = await modelsOverview();
    return { data: { active_version: activeId, models: versions.map((v) => modelJson(v, activeId)) } };
  },
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods("GET");
