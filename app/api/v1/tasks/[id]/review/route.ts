import { apiRoute, otherMethods } from "@/lib/api/route";
import type { z } from "zod";
import { reviewRequest, reviewResponse } from "@/lib/api/schemas";
import { AppError } from "@/lib/platform/errors";
import { reviewTasks } from "@/lib/tasks/reviews";
import { parseId } from "@/lib/tasks/queue";

// Recorded exactly like a review made in the browser (same lib function), attributed to
// the signed-in supervisor or to the admin who issued the API key.
export const POST = apiRoute(
  { method: "post", path: "/tasks/{id}/review", scope: "review", summary: "Confirm or correct a task's sentiment", body: reviewRequest, response: reviewResponse, success: [201], errors: [404] },
  async ({ params, body, caller }) => {
    if (caller.actorId === null) throw new AppError("forbidden:review", "This API key has no owner to record the review under; issue a new key.");
    const note = caller.kind === "key" ? `[API key ${caller.name}] ${body.note ?? ""}`.trim() : body.note;
    const [result] = await reviewTasks({ taskIds: [parseId(params.id)], label: body.label, note }, caller.actorId);
    return { status: 201, data: { task_id: result.taskId, label_before: result.labelBefore, label_after: result.labelAfter } satisfies z.input<typeof reviewResponse> };
  },
);

export const { GET, HEAD, PUT, PATCH, DELETE, OPTIONS } = otherMethods("POST");
