"use client";

import { useActionState } from "react";
import { disableWebhookAction, registerWebhookAction } from "@/app/(portal)/users/actions";
import { EmptyRow } from "@/components/empty-row";
import { ConfirmSubmit } from "@/components/confirm-submit";
import { ActionOutcome } from "@/components/action-outcome";
import { CheckboxGroup, InputField } from "@/components/form-fields";
import { SecretShownOnce } from "@/components/users/secret-shown-once";

type Hook = { id: number; url: string; events: string[]; active: boolean; delivered: number; pending: number; failed: number };
type Delivery = { id: number; webhookId: number; event: string; status: string; attempts: number; responseStatus: number | null; lastError: string | null; /** In the organisation's time zone, written by the page. */ created: string };

export function Webhooks({ hooks, deliveries, events }: { hooks: Hook[]; deliveries: Delivery[]; events: readonly string[] }) {
  const [state, action, pending] = useActionState(registerWebhookAction, undefined);
  const [disableState, disable] = useActionState(disableWebhookAction, undefined);
  return (
    <div className="space-y-4">
      <form action={action} className="grid gap-3 md:grid-cols-[20rem_1fr_auto] md:items-end">
        <InputField id="hook-url" name="url" label="URL" type="url" placeholder="https://crm.internal/hooks/sentiment" />
        <CheckboxGroup legend="Events" name="events" choices={events} />
        <button type="submit" className="btn-primary" disabled={pending}>Register webhook</button>
      </form>
      <ActionOutcome state={state} listFields errorsOnly />
      {state?.data ? (
        <SecretShownOnce message={state.message} secret={state.data}>
          <p className="mt-1 text-xs">Requests carry X-CSA-Timestamp and X-CSA-Signature: sha256=HMAC-SHA256(secret, &quot;timestamp.body&quot;).</p>
        </SecretShownOnce>
      ) : null}
      <ActionOutcome state={disableState} />
      <table className="data-table">
        <thead><tr><th scope="col">URL</th><th scope="col">Events</th><th scope="col">Delivered / pending / failed</th><th scope="col">State</th></tr></thead>
        <tbody>
          {hooks.map((h) => (
            <tr key={h.id}>
              <td className="break-all">{h.url}</td>
              <td className="text-xs">{h.events.join(", ")}</td>
              <td>{h.delivered} / {h.pending} / {h.failed}</td>
              <td>
                {h.active ? (
                  <form action={disable}>
                    <input type="hidden" name="id" value={h.id} />
                    <ConfirmSubmit label="Disable" confirmLabel="Confirm disable" subject={`webhook ${h.url}`} question="No more events are sent to it; to resume, register it again." className="btn-secondary py-1" />
                  </form>
                ) : "disabled"}
              </td>
            </tr>
          ))}
          {hooks.length === 0 ? <EmptyRow columns={4}>No webhooks yet. Register a URL above to have events such as an account becoming at risk posted to it.</EmptyRow> : null}
        </tbody>
      </table>
      {deliveries.length ? (
        <details>
          <summary className="cursor-pointer text-sm font-medium">Recent deliveries</summary>
          <table className="data-table mt-2">
            <thead><tr><th scope="col">When</th><th scope="col">Event</th><th scope="col">Status</th><th scope="col">Attempts</th><th scope="col">Last answer</th></tr></thead>
            <tbody>
              {deliveries.map((d) => (
                <tr key={d.id}>
                  <td>{d.created}</td><td>{d.event}</td><td>{d.status}</td><td>{d.attempts}</td><td>{d.responseStatus ?? d.lastError ?? "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </details>
      ) : null}
    </div>
  );
}
