"use client";

import { useActionState } from "react";
import { promoteAction } from "@/app/(portal)/models/actions";

export function PromoteButton({ id, label }: { id: number; label: string }) {
  const [state, action, pending] = useActionState(promoteAction, undefined);
  return (
    <form action={action} className="inline-flex items-center gap-3">
      <input type="hidden" name="id" value={id} />
      <button type="submit" className="btn-primary" disabled={pending}>{pending ? "Working…" : label}</button>
      {state?.error ? <span role="alert" className="text-sm text-rose-700">{state.error}</span> : null}
      {state?.message ? <span role="status" className="text-sm text-emerald-800">{state.message}</span> : null}
    </form>
  );
}
