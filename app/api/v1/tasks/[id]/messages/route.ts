import type { z } from "zod";
import { apiRoute, otherMethods } from "@/lib/api/route";
import { taskMessageRequest, type taskMessageResponse } from "@/lib/api/schemas";
import { messageJson, trendJson } from "@/lib/api/serialize";
import { addAgentMessage, addCustomerMessage, conversation } from "@/lib/conversations/messages";
import { parseId } from "@/lib/tasks";

// A customer's follow-up (from another channel: chat, phone notes) or an agent's reply / note.
export const POST = apiRoute({
  scope: "tasks:write",
  body: taskMessageRequest,
  handler: async ({ params, body, caller }) => {
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
});

export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods("POST");
