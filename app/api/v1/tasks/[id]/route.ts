import { apiRoute, otherMethods } from "@/lib/api/route";
import type { z } from "zod";
import type { taskDetailResponse } from "@/lib/api/schemas";
import { explanationJson, taskJson } from "@/lib/api/serialize";
import { parseId, taskPage } from "@/lib/tasks";

export const GET = apiRoute({
  scope: "tasks:read",
  handler: async ({ params }) => {
    const page = await taskPage(parseId(params.id));
    const p = page.prediction;
    return {
      data: {
        task: taskJson({
          ...page.task,
          accountId: page.account.id,
          accountName: page.account.name,
          categoryName: page.category.name,
        }),
        prediction: p
          ? {
              model_version: p.modelVersionId,
              sentiment: { label: p.sentiment, scores: p.scores, confidence: p.confidence },
              emotion: p.emotionStatus === "done" && p.emotion ? { label: p.emotion, scores: p.emotionScores ?? {} } : p.emotionStatus === "failed" ? "failed" : "pending",
              created_at: p.createdAt.toISOString(),
            }
          : null,
        explanation: explanationJson(page.explanation),
        // The reviews in effect: one taken back in the review queue (undone) no longer counts.
        reviews: page.reviews.filter((r) => !r.undoneAt).map((r) => ({ id: r.id, label_before: r.labelBefore, label_after: r.labelAfter, note: r.note, reviewer: r.reviewer, created_at: r.createdAt.toISOString() })),
      } satisfies z.input<typeof taskDetailResponse>,
    };
  },
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods("GET");
