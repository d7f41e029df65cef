import type { ActionState } from "@/lib/actions";

/** What a form's server action answered, as every form reports it: an alert on failure, a status line on success. */
export function ActionOutcome({ state }: { state?: ActionState }) {
  if (state?.error) return <p role="alert" className="rounded-md bg-rose-50 px-3 py-2 text-sm text-rose-800">{state.error}</p>;
  if (state?.message) return <p role="status" className="text-sm text-emerald-800">{state.message}</p>;
  return null;
}
