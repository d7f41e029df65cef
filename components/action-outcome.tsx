import type { ReactNode } from "react";
import type { ActionState } from "@/lib/platform/server-action";

/** A problem the reader must see before going on: every alert on the portal looks like this. */
export function Alert({ children, id, testId, className = "" }: { children: ReactNode; id?: string; testId?: string; className?: string }) {
  return <p role="alert" id={id} data-testid={testId} className={`rounded-md bg-rose-50 px-3 py-2 text-sm text-rose-800 ${className}`.trim()}>{children}</p>;
}

/**
 * What a form's server action answered, as every form reports it: an alert on failure, a
 * status line on success. `listFields`: a form with no message beside each field names the
 * refused fields' problems in the alert instead; `errorsOnly`: the form shows success itself.
 */
export function ActionOutcome({ state, listFields, errorsOnly }: { state?: ActionState; listFields?: boolean; errorsOnly?: boolean }) {
  if (state?.error) return <Alert>{listFields && state.fieldErrors ? Object.values(state.fieldErrors).join(" ") : state.error}</Alert>;
  if (state?.message && !errorsOnly) return <p role="status" className="text-sm text-emerald-800">{state.message}</p>;
  return null;
}
