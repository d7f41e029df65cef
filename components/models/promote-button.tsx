"use client";

import { useActionState } from "react";
import { promoteAction } from "@/app/(portal)/models/actions";
import { ConfirmSubmit } from "@/components/confirm-submit";

/** Makes a version the active model, after a confirmation: every new request is scored by it. */
export function PromoteButton({ id, label, activeId }: { id: number; label: string; activeId: number | null }) {
  const [state, action] = useActionState(promoteAction, undefined);
  const question = `Every new request will be scored by v${id}${activeId !== null ? ` instead of v${activeId}` : ""}.`;
  return (
    <form action={action} className="inline-flex flex-wrap items-center gap-3">
      <input type="hidden" name="id" value={id} />
      <ConfirmSubmit label={label} confirmLabel={`Confirm: make v${id} active`} question={question} className="btn-primary" />
      {state?.error ? <span role="alert" className="text-sm text-rose-700">{state.error}</span> : null}
      {state?.message ? <span role="status" className="text-sm text-emerald-800">{state.message}</span> : null}
    </form>
  );
}
