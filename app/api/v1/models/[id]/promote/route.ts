import { apiRoute, otherMethods } from "@/lib/api/route";
import { modelJson } from "@/lib/api/serialize";
import { parseId } from "@/lib/tasks/queue";
import { promoteModelVersion } from "@/lib/training/runs";
import { modelResponse } from "@/lib/api/schemas";

export const POST = apiRoute(
  { method: "post", path: "/models/{id}/promote", scope: "train", summary: "Make a trained version the active model (promotion or roll-back)", response: modelResponse, success: [200], errors: [404, 409] },
  async ({ params, caller }) => {
    const version = await promoteModelVersion(parseId(params.id, "model"), caller.actorId);
    return { data: { model: modelJson(version, version.id) } };
  },
);

export const { GET, HEAD, PUT, PATCH, DELETE, OPTIONS } = otherMethods("POST");
