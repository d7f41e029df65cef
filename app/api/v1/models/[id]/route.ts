import { otherMethods } from "@/lib/api/route";
import { modelVersionRoute } from "@/lib/api/model-version-route";
import { modelResponse } from "@/lib/api/schemas";

export const GET = modelVersionRoute("model", { path: "/models/{id}", summary: "One model version with metrics", response: modelResponse });

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods("GET");
