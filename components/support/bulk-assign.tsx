"use client";

// The queue's bulk assignment: the rows' checkboxes belong to this form (form="bulk-assign").
import { useActionState } from "react";
import { assignAction } from "@/app/(portal)/tasks/actions";
import { ActionOutcome } from "@/components/action-outcome";

export function BulkAssign({ people }: { people: { id: number; name: string }[] }) {
  const [state, action, pending] = useActionState(assignAction, undefined);
  return (
    <div className="space-y-1">
      <form id="bulk-assign" action={action} className="flex flex-wrap items-end gap-2" aria-label="Assign the ticked tasks">
        <div>
          <label htmlFor="bulk-owner" className="field-label">Assign ticked tasks to</label>
          <select id="bulk-owner" name="ownerId" className="field-input" defaultValue="">
            <option value="">Nobody (unassign)</option>
            {people.map((p) => <option key={p.id} value={p.id}>{p.name}</option>)}
          </select>
        </div>
        <button type="submit" className="btn-secondary" disabled={pending}>Assign</button>
      </form>
      <ActionOutcome state={state} />
    </div>
  );
}
