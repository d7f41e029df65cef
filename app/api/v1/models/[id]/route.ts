import { apiRoute, otherMethods } from "@/lib/api/route";
import { modelJson } from "@/lib/api/serialize";
import { modelDetail } from "@/lib/training/models-overview";
import { parseId } from "@/lib/tasks/queue";
import { modelResponse } from "@/lib/api/schemas";

export const GET = apiRoute(
  { method: "get", path: "/models/{id}", scope: "train", summary: "One model version with metrics", response: modelResponse, success: [200], errors: [404] },
  async ({ params }) => {
    const { version, activeId } = await modelDetail(parseId(params.id, "model"));
    return { data: { model: modelJson(version, activeId) } };
  },
);

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods("GET");
