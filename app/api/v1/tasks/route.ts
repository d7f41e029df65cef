import { createScoredTask } from "@/lib/intake/scored-task";
import { apiRoute, otherMethods } from "@/lib/api/route";
import type { z } from "zod";
import { createTaskRequest, createTaskResponse, taskListQuery, taskListResponse } from "@/lib/api/schemas";
import { taskJson } from "@/lib/api/serialize";
import { listTaskQueue, taskRow } from "@/lib/tasks/queue";

export const GET = apiRoute(
  { method: "get", path: "/tasks", scope: "tasks:read", summary: "List tasks with filters and cursor pagination", query: taskListQuery, response: taskListResponse, success: [200], errors: [422] },
  async ({ query }) => {
    const page = await listTaskQueue(query);
    return { data: { tasks: page.rows.map(taskJson), next_cursor: page.nextCursor } satisfies z.input<typeof taskListResponse> };
  },
);

export const POST = apiRoute(
  { method: "post", path: "/tasks", scope: "tasks:write", summary: "Create a customer request (idempotent on external_id: 201 new, 200 existing)", body: createTaskRequest, response: createTaskResponse, success: [201, 200], errors: [] },
  async ({ body }) => {
    const created = await createScoredTask({
      account: { name: body.account.name, email: body.account.email, externalRef: body.account.external_ref },
      category: body.category,
      channel: body.channel,
      text: body.text,
      externalId: body.external_id,
    });
    const row = await taskRow(created.taskId);
    return {
      status: created.created ? 201 : 200,
      data: {
        task: taskJson(row),
        created: created.created,
        prediction: {
          sentiment: { label: created.sentiment, scores: created.scores, confidence: created.confidence },
          emotion: created.emotion ?? "pending",
          model_version: created.modelVersion,
        },
      } satisfies z.input<typeof createTaskResponse>,
    };
  },
);

export const { PUT, PATCH, DELETE, OPTIONS } = otherMethods("GET", "POST");
