import { apiRoute, otherMethods } from "@/lib/api/route";
import { trainingRunRequest, trainingRunResponse } from "@/lib/api/schemas";
import { modelJson } from "@/lib/api/serialize";
import { queueTrainingRun } from "@/lib/training/runs";

export const POST = apiRoute(
  { method: "post", path: "/training-runs", scope: "train", summary: "Queue a training run", body: trainingRunRequest, response: trainingRunResponse, success: [202], errors: [] },
  async ({ body, caller }) => {
    const t = body.test;
    const version = await queueTrainingRun(
      {
        name: body.name,
        algorithm: body.algorithm,
        params: body.params,
        train: {
          datasetIds: body.train.dataset_ids,
          categoryIds: body.train.category_ids,
          from: body.train.from,
          to: body.train.to,
          includeCorrections: body.train.include_corrections,
        },
        test: t.kind === "holdout" ? t : t.kind === "time" ? { kind: "time", splitAt: t.split_at } : { kind: "dataset", datasetIds: t.dataset_ids },
      },
      caller.actorId,
    );
    return { status: 202, data: { training_run: modelJson(version, null) } };
  },
);

export const { GET, HEAD, PUT, PATCH, DELETE, OPTIONS } = otherMethods("POST");
