import { otherMethods } from "@/lib/api/route";
import { modelVersionRoute } from "@/lib/api/model-version-route";
import { trainingRunResponse } from "@/lib/api/schemas";

// A training run is a model version seen while it trains: status, progress, then metrics.
export const GET = modelVersionRoute("training_run", { path: "/training-runs/{id}", summary: "A training run's status, progress and metrics", response: trainingRunResponse });

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods("GET");
