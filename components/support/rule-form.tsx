"use client";

// A new escalation rule: conditions (all must hold) and actions. "Try" counts what it would
// have matched in the last 30 days without saving; "Save" stores it, checked whole first.
import { startTransition, useActionState } from "react";
import { ruleAction } from "@/app/(portal)/escalation/actions";
import { ActionOutcome } from "@/components/action-outcome";
import { CHANNELS, PRIORITIES, SENTIMENTS } from "@/db/schema";

type Props = { categories: { id: number; name: string }[]; people: { id: number; name: string }[]; emotions: string[] };

function Checks({ legend, name, values }: { legend: string; name: string; values: readonly { value: string | number; label: string }[] }) {
  return (
    <fieldset>
      <legend className="field-label">{legend}</legend>
      <div className="flex flex-wrap gap-x-3 gap-y-1 text-sm">
        {values.map((v) => (
          <label key={v.value} className="inline-flex items-center gap-1">
            <input type="checkbox" name={name} value={v.value} /> {v.label}
          </label>
        ))}
      </div>
    </fieldset>
  );
}

const plain = (xs: readonly string[]) => xs.map((x) => ({ value: x, label: x }));

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
      <div>
        <label htmlFor="rule-name" className="field-label">Name</label>
        <input id="rule-name" name="name" className="field-input" maxLength={80} required />
      </div>
      <h3 className="font-medium">When a request matches all of</h3>
      <div className="grid gap-4 md:grid-cols-2">
        <Checks legend="Sentiment" name="sentiments" values={plain(SENTIMENTS)} />
        <div>
          <label htmlFor="rule-confidence" className="field-label">Confidence at least (%)</label>
          <input id="rule-confidence" name="minConfidencePercent" type="number" min={0} max={100} className="field-input" />
        </div>
        <div>
          <label htmlFor="rule-emotions" className="field-label">Emotion (any of, comma-separated)</label>
          <input id="rule-emotions" name="emotions" className="field-input" placeholder={emotions.slice(0, 3).join(", ")} />
        </div>
        <Checks legend="Priority" name="priorities" values={plain(PRIORITIES)} />
        <Checks legend="Category" name="categoryIds" values={categories.map((c) => ({ value: c.id, label: c.name }))} />
        <Checks legend="Channel" name="channels" values={plain(CHANNELS)} />
        <div>
          <label htmlFor="rule-at-risk" className="field-label">Account at risk</label>
          <select id="rule-at-risk" name="accountAtRisk" className="field-input" defaultValue="">
            <option value="">Either</option>
            <option value="yes">Yes</option>
            <option value="no">No</option>
          </select>
        </div>
        <div>
          <label htmlFor="rule-waiting" className="field-label">No first response for (minutes)</label>
          <input id="rule-waiting" name="waitingMinutes" type="number" min={1} className="field-input" />
        </div>
        <div className="md:col-span-2">
          <label htmlFor="rule-phrases" className="field-label">Words or phrases (any of, one per line)</label>
          <textarea id="rule-phrases" name="phrases" rows={2} className="field-input" />
        </div>
      </div>
      <h3 className="font-medium">Then</h3>
      <div className="grid gap-4 md:grid-cols-2">
        <div>
          <label htmlFor="rule-set-priority" className="field-label">Set priority</label>
          <select id="rule-set-priority" name="setPriority" className="field-input" defaultValue="">
            <option value="">Leave it</option>
            {PRIORITIES.map((p) => <option key={p}>{p}</option>)}
          </select>
        </div>
        <div>
          <label htmlFor="rule-assign" className="field-label">Assign to</label>
          <select id="rule-assign" name="assignTo" className="field-input" defaultValue="">
            <option value="">Nobody</option>
            {people.map((p) => <option key={p.id} value={p.id}>{p.name}</option>)}
          </select>
        </div>
        <div>
          <label htmlFor="rule-emails" className="field-label">E-mail (addresses, comma-separated)</label>
          <input id="rule-emails" name="emails" className="field-input" />
        </div>
        <div>
          <label htmlFor="rule-tag" className="field-label">Add tag</label>
          <input id="rule-tag" name="addTag" className="field-input" />
        </div>
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
