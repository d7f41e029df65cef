"use client";

import { useActionState } from "react";
import { changeStatusAction, flagAction } from "@/app/(portal)/tasks/actions";
import { TASK_STATUSES, type TaskStatus } from "@/db/schema";
import { ActionOutcome } from "@/components/action-outcome";

export function TaskActions({ id, status, flagged }: { id: number; status: TaskStatus; flagged: boolean }) {
  const [statusState, statusFormAction, statusPending] = useActionState(changeStatusAction, undefined);
  const [flagState, flagFormAction, flagPending] = useActionState(flagAction, undefined);
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
      <div className="space-y-1">
        <form action={flagFormAction} className="flex items-center gap-2">
          <input type="hidden" name="id" value={id} />
          <input type="hidden" name="flagged" value={flagged ? "false" : "true"} />
          <button type="submit" className="btn-secondary" disabled={flagPending}>{flagged ? "Remove the review flag" : "Prediction looks wrong"}</button>
        </form>
        <ActionOutcome state={flagState} />
      </div>
    </div>
  );
}
