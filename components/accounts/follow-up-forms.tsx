"use client";

// Open, update and close a follow-up of an at-risk account (server actions beside the page).
import { useActionState } from "react";
import { closeFollowUpAction, openFollowUpAction, updateFollowUpAction } from "@/app/(portal)/accounts/[id]/actions";
import { ActionOutcome } from "@/components/action-outcome";
import type { ActionState } from "@/lib/platform/server-action";

type Owner = { id: number; name: string; email: string };
type Option = { value: string; label: string };

function FieldError({ state, name }: { state?: ActionState; name: string }) {
  const message = state?.fieldErrors?.[name];
  return message ? <p className="field-error" id={`fu-${name}-error`}>{message}</p> : null;
}

function OwnerAndMechanism({ owners, mechanisms, ownerId, mechanism, state, prefix }: { owners: Owner[]; mechanisms: Option[]; ownerId?: number | null; mechanism?: string; state?: ActionState; prefix: string }) {
  const invalid = (name: string) => (state?.fieldErrors?.[name] ? { "aria-invalid": true, "aria-describedby": `fu-${name}-error` } : {});
  return (
    <>
      <div>
        <label htmlFor={`${prefix}-owner`} className="field-label">Owner</label>
        <select id={`${prefix}-owner`} name="ownerId" defaultValue={ownerId ? String(ownerId) : ""} className="field-input" required {...invalid("ownerId")}>
          <option value="" disabled>Choose a person</option>
          {owners.map((o) => <option key={o.id} value={o.id}>{o.name} ({o.email})</option>)}
        </select>
        <FieldError state={state} name="ownerId" />
      </div>
      <div>
        <label htmlFor={`${prefix}-mechanism`} className="field-label">How</label>
        <select id={`${prefix}-mechanism`} name="mechanism" defaultValue={mechanism ?? mechanisms[0]?.value} className="field-input" {...invalid("mechanism")}>
          {mechanisms.map((m) => <option key={m.value} value={m.value}>{m.label}</option>)}
        </select>
        <FieldError state={state} name="mechanism" />
      </div>
    </>
  );
}

export function OpenFollowUpForm({ accountId, owners, mechanisms, defaultOwnerId }: { accountId: number; owners: Owner[]; mechanisms: Option[]; defaultOwnerId: number }) {
  const [state, action, pending] = useActionState(openFollowUpAction, undefined);
  return (
    <form action={action} className="space-y-3" aria-label="Open a follow-up">
      <input type="hidden" name="accountId" value={accountId} />
      <div className="grid gap-3 sm:grid-cols-2">
        <OwnerAndMechanism owners={owners} mechanisms={mechanisms} ownerId={defaultOwnerId} state={state} prefix="open" />
      </div>
      <div>
        <label htmlFor="open-notes" className="field-label">Notes</label>
        <textarea id="open-notes" name="notes" rows={3} maxLength={4000} className="field-input" placeholder="What to say, what to offer…" />
        <FieldError state={state} name="notes" />
      </div>
      <ActionOutcome state={state} />
      <button type="submit" className="btn-primary" disabled={pending}>{pending ? "Opening…" : "Open follow-up"}</button>
    </form>
  );
}

export function UpdateFollowUpForm({
  followUp,
  owners,
  mechanisms,
  statuses,
}: {
  followUp: { id: number; ownerId: number | null; mechanism: string; status: string; notes: string };
  owners: Owner[];
  mechanisms: Option[];
  statuses: Option[];
}) {
  const [state, action, pending] = useActionState(updateFollowUpAction, undefined);
  return (
    <form action={action} className="space-y-3" aria-label="Update the follow-up">
      <input type="hidden" name="id" value={followUp.id} />
      <div className="grid gap-3 sm:grid-cols-3">
        <OwnerAndMechanism owners={owners} mechanisms={mechanisms} ownerId={followUp.ownerId} mechanism={followUp.mechanism} state={state} prefix="update" />
        <div>
          <label htmlFor="update-status" className="field-label">Status</label>
          <select id="update-status" name="status" defaultValue={statuses.some((s) => s.value === followUp.status) ? followUp.status : "in_progress"} className="field-input">
            {statuses.map((s) => <option key={s.value} value={s.value}>{s.label}</option>)}
          </select>
          <FieldError state={state} name="status" />
        </div>
      </div>
      <div>
        <label htmlFor="update-notes" className="field-label">Notes</label>
        <textarea id="update-notes" name="notes" rows={4} maxLength={4000} defaultValue={followUp.notes} className="field-input" />
        <FieldError state={state} name="notes" />
      </div>
      <ActionOutcome state={state} />
      <button type="submit" className="btn-primary" disabled={pending}>{pending ? "Saving…" : "Save changes"}</button>
    </form>
  );
}

export function CloseFollowUpForm({ id }: { id: number }) {
  const [state, action, pending] = useActionState(closeFollowUpAction, undefined);
  // The one way to end a follow-up: there is no separate "resolved" status to set first.
  return (
    <form action={action} className="space-y-3 border-t border-slate-200 pt-4" aria-labelledby="close-heading">
      <h3 id="close-heading" className="text-base font-semibold">Resolved? Close the follow-up</h3>
      <input type="hidden" name="id" value={id} />
      <div>
        <label htmlFor="close-note" className="field-label">How it was resolved (optional)</label>
        <input id="close-note" name="note" maxLength={1000} className="field-input" placeholder="e.g. Called back, refund confirmed" />
        <FieldError state={state} name="note" />
      </div>
      <p className="text-sm text-slate-600">Closing settles the current series: the account is listed again only after a new series of negative requests.</p>
      <ActionOutcome state={state} />
      <button type="submit" className="btn-danger" disabled={pending}>{pending ? "Closing…" : "Close follow-up"}</button>
    </form>
  );
}
