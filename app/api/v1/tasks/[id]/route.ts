import { apiRoute, otherMethods } from "@/lib/api/route";
import type { z } from "zod";
import { taskDetailResponse, taskPatchRequest, taskPatchResponse } from "@/lib/api/schemas";
import { hasRole, MANAGES_TASKS } from "@/lib/auth/roles";
import { patchTask } from "@/lib/support/task-patch";
import { explanationJson, messageJson, taskJson, trendJson } from "@/lib/api/serialize";
import { parseId, taskPage, taskRow } from "@/lib/tasks/queue";

export const GET = apiRoute(
  { method: "get", path: "/tasks/{id}", scope: "tasks:read", summary: "One task with its prediction, explanation and reviews", response: taskDetailResponse, success: [200], errors: [404] },
  async ({ params }) => {
    const page = await taskPage(parseId(params.id));
    const p = page.prediction;
    return {
      data: {
        task: taskJson(page.row),
        prediction: p
          ? {
              model_version: p.modelVersionId,
              sentiment: { label: p.sentiment, scores: p.scores, confidence: p.confidence },
              emotion: p.emotionStatus === "done" && p.emotion ? { label: p.emotion, scores: p.emotionScores ?? {} } : p.emotionStatus === "failed" ? "failed" : "pending",
              created_at: p.createdAt.toISOString(),
            }
          : null,
        explanation: explanationJson(page.explanation),
        messages: page.conversation.messages.map(messageJson),
        sentiment_trend: trendJson(page.conversation.trend),
        // The reviews in effect: one taken back in the review queue (undone) no longer counts.
        reviews: page.reviews.filter((r) => !r.undoneAt).map((r) => ({ id: r.id, label_before: r.labelBefore, label_after: r.labelAfter, note: r.note, reviewer: r.reviewer, created_at: r.createdAt.toISOString() })),
      } satisfies z.input<typeof taskDetailResponse>,
    };
  },
);

// Owner, priority and status; audited, and on the task's timeline.
export const PATCH = apiRoute(
  { method: "patch", path: "/tasks/{id}", scope: "tasks:write", summary: "Change a task's owner, priority or status (audited; priority and assigning others need a supervisor or an API key)", body: taskPatchRequest, response: taskPatchResponse, success: [200], errors: [404, 409] },
  async ({ params, body, caller }) => {
    const id = parseId(params.id);
    const actor = caller.kind === "key" ? { id: caller.actorId, name: `API key ${caller.name}` } : { id: caller.userId, name: caller.name };
    const mayManage = caller.kind === "key" || hasRole(caller.role, MANAGES_TASKS);
    await patchTask(id, body, { actor, mayManage });
    return { data: { task: taskJson(await taskRow(id)) } satisfies z.input<typeof taskPatchResponse> };
  },
);

export const { POST, PUT, DELETE, OPTIONS } = otherMethods("GET", "PATCH");
