"use client";

// A supervisor's correction of one task's label, recorded as a review like those of the queue.
import { useActionState } from "react";
import { correctLabelAction } from "@/app/(portal)/tasks/actions";
import { ActionOutcome } from "@/components/action-outcome";
import { submitKeepingValues } from "@/components/submit-keeping-values";
import { SENTIMENTS, type Sentiment } from "@/db/schema";

export function CorrectLabelForm({ id, label }: { id: number; label: Sentiment | null }) {
  const [state, action, pending] = useActionState(correctLabelAction, undefined);
  return (
    <form action={action} onSubmit={submitKeepingValues(action)} className="space-y-2" aria-labelledby={`correct-${id}`}>
      <h3 id={`correct-${id}`} className="text-sm font-semibold">Correct the label</h3>
      <input type="hidden" name="id" value={id} />
      <div className="flex flex-wrap items-end gap-2">
        <div>
          <label htmlFor="correct-label" className="field-label">Label</label>
          <select key={label} id="correct-label" name="label" defaultValue={label ?? "neutral"} className="field-input w-36">
            {SENTIMENTS.map((s) => <option key={s} value={s}>{s}</option>)}
          </select>
        </div>
        <div className="min-w-0 flex-1">
          <label htmlFor="correct-note" className="field-label">Note (optional)</label>
          <input id="correct-note" name="note" maxLength={1000} className="field-input" />
        </div>
        <button type="submit" className="btn-primary" disabled={pending}>{pending ? "Saving…" : "Save label"}</button>
      </div>
      <ActionOutcome state={state} />
    </form>
  );
}
