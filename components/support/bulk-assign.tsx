"use client";

// The queue's bulk assignment: the rows' checkboxes belong to this form (form="bulk-assign").
import { useActionState } from "react";
import { assignAction } from "@/app/(portal)/tasks/actions";
import { ActionOutcome } from "@/components/action-outcome";
import { SelectField } from "@/components/form-fields";

export function BulkAssign({ people }: { people: { id: number; name: string }[] }) {
  const [state, action, pending] = useActionState(assignAction, undefined);
  return (
    <div className="space-y-1">
      <form id="bulk-assign" action={action} className="flex flex-wrap items-end gap-2" aria-label="Assign the ticked tasks">
        <SelectField id="bulk-owner" name="ownerId" label="Assign ticked tasks to" none="Nobody (unassign)" choices={people.map((p) => ({ value: p.id, label: p.name }))} />
        <button type="submit" className="btn-secondary" disabled={pending}>Assign</button>
      </form>
      <ActionOutcome state={state} />
    </div>
  );
}
