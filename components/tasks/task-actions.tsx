"use client";

import { useActionState, useState } from "react";
import { changeStatusAction, flagAction } from "@/app/(portal)/tasks/actions";
import { TASK_STATUSES, type TaskStatus } from "@/db/schema";
import { ActionOutcome } from "@/components/action-outcome";
import { submitKeepingValues } from "@/components/submit-keeping-values";

type Flag = { by: string | null; at: string; reason: string | null };

export function TaskActions({ id, status, flag }: { id: number; status: TaskStatus; flag: Flag | null }) {
  const [statusState, statusFormAction, statusPending] = useActionState(changeStatusAction, undefined);
  const [flagState, flagFormAction, flagPending] = useActionState(flagAction, undefined);
  const [asking, setAsking] = useState(false);
  // A flag that went through closes the reason box; a refused one keeps it open with its message.
  const [seen, setSeen] = useState(flagState);
  if (flagState !== seen) {
    setSeen(flagState);
    if (flagState?.ok) setAsking(false);
  }
  const reasonError = flagState?.fieldErrors?.reason;
  // Each form's message sits under it, so a later flag does not leave an old status error beside it.
  return (
    <div className="space-y-3">
      <div className="space-y-1">
        <form action={statusFormAction} className="flex flex-wrap items-center gap-2" aria-label="Change status">
          <input type="hidden" name="id" value={id} />
          <span className="text-sm font-medium">Status:</span>
          {TASK_STATUSES.map((s) => (
            <button key={s} type="submit" name="status" value={s} disabled={statusPending || s === status} aria-pressed={s === status} className={s === status ? "btn-primary" : "btn-secondary"}>
              {s}
            </button>
          ))}
        </form>
        <ActionOutcome state={statusState} />
      </div>
      <div className="space-y-2">
        {flag ? (
          <p className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900" data-testid="task-flag">
            Flagged as wrong by {flag.by ?? "someone"} on {flag.at}
            {flag.reason ? <>: &ldquo;{flag.reason}&rdquo;</> : null}
          </p>
        ) : null}
        {flag ? (
          <form action={flagFormAction}>
            <input type="hidden" name="id" value={id} />
            <input type="hidden" name="flagged" value="false" />
            <button type="submit" className="btn-secondary" disabled={flagPending}>Remove the review flag</button>
          </form>
        ) : asking ? (
          <form action={flagFormAction} onSubmit={submitKeepingValues(flagFormAction)} className="space-y-2" aria-label="Flag the prediction as wrong">
            <input type="hidden" name="id" value={id} />
            <input type="hidden" name="flagged" value="true" />
            <div>
              <label htmlFor="flag-reason" className="field-label">What looks wrong?</label>
              <textarea
                id="flag-reason"
                name="reason"
                rows={2}
                maxLength={500}
                required
                autoFocus
                className="field-input"
                placeholder="e.g. It is sarcasm: the customer is angry, not pleased"
                aria-invalid={!!reasonError}
                aria-describedby={reasonError ? "flag-reason-error" : undefined}
              />
              {reasonError ? <p id="flag-reason-error" className="field-error">{reasonError}</p> : null}
            </div>
            <div className="flex gap-2">
              <button type="submit" className="btn-primary" disabled={flagPending}>{flagPending ? "Sending…" : "Send to the review queue"}</button>
              <button type="button" className="btn-secondary" onClick={() => setAsking(false)}>Cancel</button>
            </div>
          </form>
        ) : (
          <button type="button" className="btn-secondary" onClick={() => setAsking(true)}>Prediction looks wrong</button>
        )}
        {reasonError ? null : <ActionOutcome state={flagState} />}
      </div>
    </div>
  );
}
