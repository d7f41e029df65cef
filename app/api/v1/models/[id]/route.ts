import { apiRoute, otherMethods } from "@/lib/api/route";
import { modelJson } from "@/lib/api/serialize";
import { modelDetail } from "@/lib/models-overview";
import { parseId } from "@/lib/tasks";

export const GET = apiRoute({
  scope: "train",
  handler: async ({ params }) => {
    const { version, activeId } = await modelDetail(parseId(params.id, "model"));
    return { data: { model: modelJson(version, activeId) } };
  },
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods("GET");
