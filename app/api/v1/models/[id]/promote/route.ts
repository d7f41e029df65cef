import { apiRoute, otherMethods } from "@/lib/api/route";
import { modelJson } from "@/lib/api/serialize";
import { parseId } from "@/lib/tasks";
import { promoteModelVersion } from "@/lib/training/runs";

export const POST = apiRoute({
  scope: "train",
  handler: async ({ params, caller }) => {
    const version = await promoteModelVersion(parseId(params.id, "model"), caller.actorId);
    return { data: { model: modelJson(version, version.id) } };
  },
});

export const { GET, HEAD, PUT, PATCH, DELETE, OPTIONS } = otherMethods("POST");
