import type { z } from "zod";
import { apiRoute, otherMethods } from "@/lib/api/route";
import { taskMessageRequest, taskMessageResponse } from "@/lib/api/schemas";
import { messageJson, trendJson } from "@/lib/api/serialize";
import { addAgentMessage, addCustomerMessage, conversation } from "@/lib/conversations/messages";
import { parseId } from "@/lib/tasks/queue";

// A customer's follow-up (from another channel: chat, phone notes) or an agent's reply / note.
export const POST = apiRoute(
  {
    method: "post",
    path: "/tasks/{id}/messages",
    scope: "tasks:write",
    summary: "Add a message to a task's conversation: a customer's follow-up (scored) or an agent's reply (e-mailed unless internal)",
    description:
      "A customer message is scored like a new request and becomes the task's current sentiment (the trend compares it with the opening message); a replied or closed task opens again. An agent message is e-mailed to the customer through the outbox, threaded and with the task's reference in the subject, and sets the status to replied (the first response); internal: true keeps it in the portal. 422 when the customer has no e-mail address; 503 when e-mail is not set up (SMTP_HOST).",
    body: taskMessageRequest,
    response: taskMessageResponse,
    success: [201],
    errors: [404],
  },
  async ({ params, body, caller }) => {
    const id = parseId(params.id);
    let messageId: number;
    let emailed = false;
    if (body.author === "customer") {
      ({ messageId } = await addCustomerMessage(id, { text: body.text, channel: "api" }));
    } else {
      // A session writes in its own name; an API key in its creator's, named after the key.
      const actor = caller.kind === "key" ? { id: caller.actorId, name: `API key ${caller.name}` } : { id: caller.userId, name: caller.name };
      ({ messageId, emailed } = await addAgentMessage(id, { text: body.text, internal: body.internal }, actor));
    }
    const talk = await conversation(id);
    const message = talk.messages.find((m) => m.id === messageId)!;
    return { status: 201, data: { message: messageJson(message), sentiment_trend: trendJson(talk.trend), emailed } satisfies z.input<typeof taskMessageResponse> };
  },
);

export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods("POST");
