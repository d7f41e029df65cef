"use client";

import { useActionState } from "react";
import { takeTaskAction } from "@/app/(portal)/tasks/actions";
import { ActionOutcome } from "@/components/action-outcome";

export function TakeButton({ id }: { id: number }) {
  const [state, action, pending] = useActionState(takeTaskAction, undefined);
  return (
    <form action={action} className="inline-flex flex-col gap-1">
      <input type="hidden" name="id" value={id} />
      <button type="submit" className="btn-secondary py-1 text-xs" disabled={pending || state?.ok}>{state?.ok ? "Taken" : "Take"}</button>
      <ActionOutcome state={state?.ok ? undefined : state} />
    </form>
  );
}
