"use client";

// A new escalation rule: conditions (all must hold) and actions. "Try" counts what it would
// have matched in the last 30 days without saving; "Save" stores it, checked whole first.
import { startTransition, useActionState } from "react";
import { ruleAction } from "@/app/(portal)/escalation/actions";
import { ActionOutcome } from "@/components/action-outcome";
import { CheckboxGroup, InputField, SelectField } from "@/components/form-fields";
import { CHANNELS, PRIORITIES, SENTIMENTS } from "@/db/schema";

type Props = { categories: { id: number; name: string }[]; people: { id: number; name: string }[]; emotions: string[] };

const AT_RISK = [
  { value: "yes", label: "Yes" },
  { value: "no", label: "No" },
];

export function RuleForm({ categories, people, emotions }: Props) {
  const [state, action, pending] = useActionState(ruleAction, undefined);
  // Submitted by hand rather than with action={…}: React resets a form after its action, and a
  // supervisor who tried a rule on the last 30 days wants to save that same rule, not retype it.
  const submit = (event: React.FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget, (event.nativeEvent as SubmitEvent).submitter);
    startTransition(() => action(data));
  };
  return (
    <form onSubmit={submit} className="card space-y-4" aria-labelledby="new-rule-heading">
      <h2 id="new-rule-heading" className="text-lg font-semibold">New rule</h2>
      <InputField id="rule-name" name="name" label="Name" maxLength={80} required />
      <h3 className="font-medium">When a request matches all of</h3>
      <div className="grid gap-4 md:grid-cols-2">
        <CheckboxGroup legend="Sentiment" name="sentiments" choices={SENTIMENTS} />
        <InputField id="rule-confidence" name="minConfidencePercent" label="Confidence at least (%)" type="number" min={0} max={100} />
        <InputField id="rule-emotions" name="emotions" label="Emotion (any of, comma-separated)" placeholder={emotions.slice(0, 3).join(", ")} />
        <CheckboxGroup legend="Priority" name="priorities" choices={PRIORITIES} />
        <CheckboxGroup legend="Category" name="categoryIds" choices={categories.map((c) => ({ value: c.id, label: c.name }))} />
        <CheckboxGroup legend="Channel" name="channels" choices={CHANNELS} />
        <SelectField id="rule-at-risk" name="accountAtRisk" label="Account at risk" none="Either" choices={AT_RISK} />
        <InputField id="rule-waiting" name="waitingMinutes" label="No first response for (minutes)" type="number" min={1} />
        <div className="md:col-span-2">
          <label htmlFor="rule-phrases" className="field-label">Words or phrases (any of, one per line)</label>
          <textarea id="rule-phrases" name="phrases" rows={2} className="field-input" />
        </div>
      </div>
      <h3 className="font-medium">Then</h3>
      <div className="grid gap-4 md:grid-cols-2">
        <SelectField id="rule-set-priority" name="setPriority" label="Set priority" none="Leave it" choices={PRIORITIES} />
        <SelectField id="rule-assign" name="assignTo" label="Assign to" none="Nobody" choices={people.map((p) => ({ value: p.id, label: p.name }))} />
        <InputField id="rule-emails" name="emails" label="E-mail (addresses, comma-separated)" />
        <InputField id="rule-tag" name="addTag" label="Add tag" />
        <label className="inline-flex items-center gap-2 text-sm">
          <input type="checkbox" name="webhook" /> Send the webhook event task.escalated
        </label>
      </div>
      <div className="flex flex-wrap gap-2">
        <button type="submit" name="intent" value="dry-run" className="btn-secondary" disabled={pending}>Try on the last 30 days</button>
        <button type="submit" name="intent" value="save" className="btn-primary" disabled={pending}>Save rule</button>
      </div>
      <ActionOutcome state={state} />
    </form>
  );
}
