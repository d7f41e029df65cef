"use client";

// The submit button of a form whose action cannot be undone from the same place (promoting a
// model, deactivating a user, revoking a key, disabling a webhook). The first press only asks;
// the form is sent by the "Confirm …" button that takes its place. It is a confirmation for
// people, not a permission: the server action checks the role whatever the browser sends.
import { useId, useRef, useState } from "react";
import { flushSync, useFormStatus } from "react-dom";

type Props = {
  /** The button's text, e.g. "Revoke". */
  label: string;
  /** The second button's text, e.g. "Confirm revoke". */
  confirmLabel: string;
  /** One sentence on what happens, shown beside the confirm button. */
  question: string;
  /** What it acts on, for the buttons' accessible names in a table ("Revoke crm-sync"). */
  subject?: string;
  /** Both buttons' classes (the confirm button looks like the one it replaces). */
  className?: string;
};

export function ConfirmSubmit({ label, confirmLabel, question, subject, className = "btn-danger py-1" }: Props) {
  const { pending } = useFormStatus();
  const [asking, setAsking] = useState(false);
  // Back to the first button once a submission has finished (a refusal leaves the form on the
  // page with its message; a success usually replaces it).
  const [wasPending, setWasPending] = useState(pending);
  if (pending !== wasPending) {
    setWasPending(pending);
    if (!pending) setAsking(false);
  }
  const trigger = useRef<HTMLButtonElement>(null);
  const confirm = useRef<HTMLButtonElement>(null);
  const questionId = useId();
  const named = (text: string) => (subject ? `${text} ${subject}` : undefined);

  // Focus follows the choice, so keyboard users land on the button that is now there.
  const ask = () => {
    flushSync(() => setAsking(true));
    confirm.current?.focus();
  };
  const cancel = () => {
    flushSync(() => setAsking(false));
    trigger.current?.focus();
  };

  if (!asking) {
    return (
      <button ref={trigger} type="button" className={className} onClick={ask} aria-label={named(label)}>
        {label}
      </button>
    );
  }
  return (
    <span role="group" aria-label={named(label) ?? label} className="inline-flex flex-wrap items-center gap-2" onKeyDown={(e) => e.key === "Escape" && !pending && cancel()}>
      <span id={questionId} className="text-sm text-slate-800">{question}</span>
      <button ref={confirm} type="submit" className={className} disabled={pending} aria-describedby={questionId} aria-label={named(confirmLabel)}>
        {pending ? "Working…" : confirmLabel}
      </button>
      <button type="button" className="btn-secondary py-1" disabled={pending} onClick={cancel}>Cancel</button>
    </span>
  );
}
