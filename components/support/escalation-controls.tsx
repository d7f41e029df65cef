"use client";

// Small forms of the Escalation page: a rule's on/off and delete, SLA targets, alert addresses, round-robin.
import { useActionState } from "react";
import { alertEmailsAction, deleteRuleAction, roundRobinAction, slaTargetsAction, toggleRuleAction } from "@/app/(portal)/escalation/actions";
import { submitKeepingValues } from "@/components/submit-keeping-values";
import { ActionOutcome } from "@/components/action-outcome";
import { PRIORITIES, type Priority } from "@/db/schema";

export function RuleRowActions({ id, name, active }: { id: number; name: string; active: boolean }) {
  const [toggleState, toggle, toggling] = useActionState(toggleRuleAction, undefined);
  const [deleteState, remove, deleting] = useActionState(deleteRuleAction, undefined);
  return (
    <div className="flex flex-col gap-1">
      <div className="flex gap-2">
        <form action={toggle}>
          <input type="hidden" name="id" value={id} />
          <input type="hidden" name="active" value={active ? "false" : "true"} />
          <button type="submit" className="btn-secondary py-1 text-xs" disabled={toggling} aria-label={`${active ? "Switch off" : "Switch on"} ${name}`}>{active ? "Switch off" : "Switch on"}</button>
        </form>
        <form action={remove}>
          <input type="hidden" name="id" value={id} />
          <button type="submit" className="btn-secondary py-1 text-xs" disabled={deleting} aria-label={`Delete ${name}`}>Delete</button>
        </form>
      </div>
      <ActionOutcome state={toggleState?.error ? toggleState : deleteState?.error ? deleteState : undefined} />
    </div>
  );
}

export function SlaTargetsForm({ targets }: { targets: Record<Priority, { firstResponseMinutes: number; resolutionMinutes: number }> }) {
  const [state, action, pending] = useActionState(slaTargetsAction, undefined);
  return (
    <form action={action} className="space-y-3" aria-label="SLA targets">
      {/* Narrow inputs, and a scroll of its own if need be: on a phone the table fits the card instead of widening the page. */}
      <div className="overflow-x-auto">
        <table className="data-table">
          <caption className="sr-only">SLA targets in minutes</caption>
          <thead>
            <tr><th scope="col">Priority</th><th scope="col">First response (min)</th><th scope="col">Resolution (min)</th></tr>
          </thead>
          <tbody>
            {PRIORITIES.map((p) => (
              <tr key={p}>
                <th scope="row">{p}</th>
                <td><input name={`${p}_first_response`} aria-label={`${p} first response in minutes`} type="number" min={0.1} step="any" defaultValue={targets[p].firstResponseMinutes} className="field-input w-20" /></td>
                <td><input name={`${p}_resolution`} aria-label={`${p} resolution in minutes`} type="number" min={0.1} step="any" defaultValue={targets[p].resolutionMinutes} className="field-input w-20" /></td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <button type="submit" className="btn-primary" disabled={pending}>Save targets</button>
      <ActionOutcome state={state} />
    </form>
  );
}

export function RoundRobinToggle({ categoryId, name, on }: { categoryId: number; name: string; on: boolean }) {
  const [state, action, pending] = useActionState(roundRobinAction, undefined);
  return (
    <form action={action} className="flex items-center gap-2 text-sm">
      <input type="hidden" name="categoryId" value={categoryId} />
      <input type="hidden" name="on" value={on ? "false" : "true"} />
      <span className="w-32">{name}</span>
      <span className={on ? "font-medium text-emerald-800" : "text-slate-600"}>{on ? "in turn" : "off"}</span>
      <button type="submit" className="btn-secondary py-1 text-xs" disabled={pending} aria-label={`${on ? "Stop" : "Start"} round-robin for ${name}`}>{on ? "Stop" : "Start"}</button>
      <ActionOutcome state={state?.error ? state : undefined} />
    </form>
  );
}

export function AlertEmailsForm({ current, mailOn }: { current: string[]; mailOn: boolean }) {
  const [state, action, pending] = useActionState(alertEmailsAction, undefined);
  const error = state?.fieldErrors?.alertEmails;
  return (
    // A refused address keeps what was typed (submitKeepingValues), so it can be corrected.
    <form onSubmit={submitKeepingValues(action)} className="space-y-2" aria-label="Alert e-mail" noValidate>
      <label htmlFor="alert-emails" className="field-label">Alert addresses (up to 5, separated by commas)</label>
      <input id="alert-emails" name="alertEmails" type="text" defaultValue={current.join(", ")} placeholder="support-leads@example.com" className="field-input w-full" aria-invalid={!!error} aria-describedby={error ? "alert-emails-error" : "alert-emails-help"} />
      {error ? <p id="alert-emails-error" className="field-error">{error}</p> : null}
      <p id="alert-emails-help" className="text-xs text-slate-600">
        Every escalation and SLA breach is e-mailed here too; a breach of a request nobody owns goes here instead of to every supervisor. Leave empty for none.
        {mailOn ? null : " E-mail is not set up on this server yet, so nothing is sent until an administrator sets it up."}
      </p>
      <button type="submit" className="btn-primary" disabled={pending}>Save alert addresses</button>
      {/* A refused address is said once, under the field. */}
      <ActionOutcome state={error ? undefined : state} />
    </form>
  );
}
