"use client";

import { useActionState, useEffect, useRef } from "react";
import { createUserAction } from "@/app/(portal)/users/actions";
import { ROLES } from "@/db/schema";
import { ActionOutcome } from "@/components/action-outcome";
import { submitKeepingValues } from "@/components/submit-keeping-values";

export function NewUserForm() {
  const [state, action, pending] = useActionState(createUserAction, undefined);
  const form = useRef<HTMLFormElement>(null);
  const err = state?.fieldErrors ?? {};
  // Only a created user clears the form, ready for the next one.
  useEffect(() => {
    if (state?.ok) form.current?.reset();
  }, [state]);
  const field = (name: string, label: string, type = "text", extra: Record<string, unknown> = {}) => (
    <div>
      <label htmlFor={`new-${name}`} className="field-label">{label}</label>
      <input id={`new-${name}`} name={name} type={type} className="field-input" aria-invalid={!!err[name]} aria-describedby={err[name] ? `new-${name}-error` : undefined} {...extra} />
      {err[name] ? <p id={`new-${name}-error`} className="field-error">{err[name]}</p> : null}
    </div>
  );
  // Labels sit on one line and messages under the inputs, so the inputs and the button stay
  // on one line whichever field is refused.
  return (
    <form ref={form} action={action} onSubmit={submitKeepingValues(action)} className="grid gap-4 md:grid-cols-5 md:items-start" noValidate aria-label="Add a user">
      {field("name", "Name")}
      {field("email", "E-mail", "email")}
      {field("password", "Initial password", "password", { autoComplete: "new-password" })}
      <div>
        <label htmlFor="new-role" className="field-label">Role</label>
        <select id="new-role" name="role" className="field-input" defaultValue="agent" aria-invalid={!!err.role} aria-describedby={err.role ? "new-role-error" : undefined}>
          {ROLES.map((r) => <option key={r} value={r}>{r}</option>)}
        </select>
        {err.role ? <p id="new-role-error" className="field-error">{err.role}</p> : null}
      </div>
      <div>
        {/* The label's height, so the button lines up with the inputs. */}
        <span aria-hidden className="field-label hidden md:block">&nbsp;</span>
        <button type="submit" className="btn-primary w-full md:w-auto" disabled={pending}>{pending ? "Creating…" : "Create user"}</button>
      </div>
      <div className="md:col-span-5">
        <ActionOutcome state={state} />
      </div>
    </form>
  );
}
