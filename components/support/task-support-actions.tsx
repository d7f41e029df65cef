"use client";

// The task page's owner and priority controls: an agent takes an unassigned task; a
// supervisor assigns anyone and sets the priority by hand (or back to computed).
import { useActionState } from "react";
import { assignAction, priorityAction, takeTaskAction } from "@/app/(portal)/tasks/actions";
import { ActionOutcome } from "@/components/action-outcome";
import { SelectField } from "@/components/form-fields";
import { PRIORITIES, type Priority } from "@/db/schema";

type Props = {
  id: number;
  ownerId: number | null;
  priority: Priority;
  manual: boolean;
  /** A closed request is nobody's work: no "Take" (as in the list). */
  closed: boolean;
  canManage: boolean;
  people: { id: number; name: string }[];
};

const PRIORITY_CHOICES = [{ value: "auto", label: "Computed from the analysis" }, ...PRIORITIES.map((p) => ({ value: p, label: `${p} (by hand)` }))];

export function TaskSupportActions({ id, ownerId, priority, manual, closed, canManage, people }: Props) {
  const [takeState, take, taking] = useActionState(takeTaskAction, undefined);
  const [assignState, assign, assigning] = useActionState(assignAction, undefined);
  const [priorityState, setPriority, settingPriority] = useActionState(priorityAction, undefined);
  return (
    <div className="space-y-3">
      {ownerId === null && !closed && !canManage ? (
        <div className="space-y-1">
          <form action={take}>
            <input type="hidden" name="id" value={id} />
            <button type="submit" className="btn-primary" disabled={taking}>Take this task</button>
          </form>
          <ActionOutcome state={takeState} />
        </div>
      ) : null}
      {canManage ? (
        <>
          <div className="space-y-1">
            <form action={assign} className="flex flex-wrap items-end gap-2">
              <input type="hidden" name="taskIds" value={id} />
              <SelectField id="owner" name="ownerId" label="Owner" none="Nobody (unassigned)" defaultValue={ownerId} choices={people.map((p) => ({ value: p.id, label: p.name }))} />
              <button type="submit" className="btn-secondary" disabled={assigning}>Assign</button>
            </form>
            <ActionOutcome state={assignState} />
          </div>
          <div className="space-y-1">
            <form action={setPriority} className="flex flex-wrap items-end gap-2">
              <input type="hidden" name="id" value={id} />
              <SelectField id="priority" name="priority" label="Priority" defaultValue={manual ? priority : "auto"} choices={PRIORITY_CHOICES} />
              <button type="submit" className="btn-secondary" disabled={settingPriority}>Set priority</button>
            </form>
            <ActionOutcome state={priorityState} />
          </div>
        </>
      ) : null}
    </div>
  );
}
