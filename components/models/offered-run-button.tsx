"use client";

import { useActionState } from "react";
import { startOfferedRunAction } from "@/app/(portal)/models/actions";

/** Queues the run the page offers; the server rebuilds its selection, the form sends nothing but the click. */
export function OfferedRunButton() {
  const [state, action, pending] = useActionState(startOfferedRunAction, undefined);
  return (
    <form action={action} className="flex flex-wrap items-center gap-3">
      <button type="submit" className="btn-primary" disabled={pending}>{pending ? "Queueing…" : "Train on our own labels"}</button>
      {state?.error ? <span role="alert" className="text-sm text-rose-700">{state.error}</span> : null}
    </form>
  );
}
