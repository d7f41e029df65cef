"use client";

import { useActionState } from "react";
import { changeUserAction } from "@/app/(portal)/users/actions";
import { ActionOutcome } from "@/components/action-outcome";
import { ConfirmSubmit } from "@/components/confirm-submit";
import { ROLES, type Role } from "@/db/schema";

export function UserRowActions({ id, email, role, active, approvalPending }: { id: number; email: string; role: Role; active: boolean; approvalPending: boolean }) {
  const [state, action, pending] = useActionState(changeUserAction, undefined);
  // Someone who signed in through single sign-on and waits for access is approved, not "reactivated".
  const toggle = active ? "Deactivate" : approvalPending ? "Approve" : "Reactivate";
  return (
    <div className="space-y-1">
      <div className="flex flex-wrap items-center gap-2">
        <form action={action} className="flex items-center gap-2">
          <input type="hidden" name="id" value={id} />
          <label htmlFor={`role-${id}`} className="sr-only">Role of {email}</label>
          {/* Keyed by the saved role: React resets a form after its action, which would put an
              uncontrolled select back on the role it was first drawn with. */}
          <select key={role} id={`role-${id}`} name="role" defaultValue={role} className="field-input w-32 py-1">
            {ROLES.map((r) => <option key={r}>{r}</option>)}
          </select>
          <button type="submit" className="btn-secondary py-1" disabled={pending}>Save role</button>
        </form>
        <form action={action}>
          <input type="hidden" name="id" value={id} />
          <input type="hidden" name="active" value={active ? "false" : "true"} />
          {active ? (
            // Taking access away asks first; giving it back does not.
            <ConfirmSubmit label={toggle} confirmLabel="Confirm deactivate" subject={email} question="They lose access at their next request." />
          ) : (
            <button type="submit" className="btn-secondary py-1" disabled={pending} aria-label={`${toggle} ${email}`}>
              {toggle}
            </button>
          )}
        </form>
      </div>
      <ActionOutcome state={state} />
    </div>
  );
}
