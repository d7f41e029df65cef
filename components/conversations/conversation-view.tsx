import { HighlightedText } from "@/components/highlighted-text";
import { EmotionBadge, SentimentBadge } from "@/components/sentiment-badge";
import type { MessageRow } from "@/db/queries/conversations";
import type { ExplanationToken } from "@/models/types";
import { minute } from "@/components/format";

const DELIVERY: Record<string, string> = { pending: "sending", sent: "e-mailed", failed: "not delivered" };

/**
 * The messages oldest first: the customer's with their labels, the agents' replies with their
 * delivery state, internal notes marked. `explained` carries the decisive words of the message
 * that set the task's current label. `when` writes a time in the organisation's zone.
 */
export function ConversationView({ messages, customerName, explained, when }: { messages: MessageRow[]; customerName: string; explained: { messageId: number | null; tokens: ExplanationToken[] }; when: (d: Date) => string }) {
  return (
    <ol className="space-y-3" data-testid="conversation">
      {messages.map((m) => {
        const fromCustomer = m.author === "customer";
        const tone = fromCustomer ? "border-slate-200 bg-white" : m.internal ? "border-amber-200 bg-amber-50" : "border-blue-200 bg-blue-50";
        return (
          <li key={m.id} data-testid="message" data-author={m.author} data-internal={m.internal ? "true" : "false"} className={`rounded-lg border p-3 ${tone} ${fromCustomer ? "mr-8" : "ml-8"}`}>
            <p className="mb-1 flex flex-wrap items-center gap-2 text-xs text-slate-700">
              <strong className="text-slate-900">{fromCustomer ? customerName : (m.authorName ?? "Agent")}</strong>
              <span>{minute(m.createdAt, when)}</span>
              {fromCustomer ? <span>via {m.channel}</span> : null}
              {m.internal ? <span className="rounded bg-amber-200 px-1 font-medium text-amber-950">internal note</span> : null}
              {!fromCustomer && !m.internal && m.emailStatus ? <span data-testid="delivery">{DELIVERY[m.emailStatus]}</span> : null}
              {fromCustomer ? (
                <span className="flex gap-1" data-testid="message-labels">
                  <SentimentBadge label={m.sentiment} confidence={m.confidence} />
                  <EmotionBadge label={m.emotion} />
                </span>
              ) : null}
            </p>
            {m.id === explained.messageId ? (
              <div data-testid="task-text"><HighlightedText text={m.text} tokens={explained.tokens} /></div>
            ) : (
              <p className="whitespace-pre-wrap leading-7">{m.text}</p>
            )}
          </li>
        );
      })}
    </ol>
  );
}
