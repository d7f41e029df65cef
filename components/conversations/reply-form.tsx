"use client";

import { useActionState, useRef } from "react";
import { replyAction } from "@/app/(portal)/tasks/actions";
import { ActionOutcome } from "@/components/action-outcome";

/** Reply to the customer by e-mail, or leave a note only colleagues see. */
export function ReplyForm({ id, customerEmail, mailReady }: { id: number; customerEmail: string | null; mailReady: boolean }) {
  const [state, formAction, pending] = useActionState(async (prev: Awaited<ReturnType<typeof replyAction>> | undefined, form: FormData) => {
    const result = await replyAction(prev, form);
    if (result.ok) formRef.current?.reset();
    return result;
  }, undefined);
  const formRef = useRef<HTMLFormElement>(null);
  const canEmail = customerEmail !== null && mailReady;
  const textError = state?.fieldErrors?.text;
  return (
    <form ref={formRef} action={formAction} className="space-y-2" aria-label="Reply to the customer">
      <input type="hidden" name="id" value={id} />
      <label htmlFor="reply-text" className="field-label">
        {canEmail ? <>Reply to {customerEmail}</> : "Internal note"}
      </label>
      <textarea id="reply-text" name="text" rows={4} maxLength={5120} required className="field-input" aria-invalid={!!textError} aria-describedby={textError ? "reply-text-error" : undefined} />
      {textError ? <p id="reply-text-error" className="field-error">{textError}</p> : null}
      {canEmail ? (
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" name="internal" value="true" /> Internal note (not sent to the customer)
        </label>
      ) : (
        <>
          <input type="hidden" name="internal" value="true" />
          <p className="text-xs text-slate-600">
            {customerEmail === null ? "This customer left no e-mail address: notes stay in the portal." : "E-mail is not set up (SMTP_HOST): notes stay in the portal."}
          </p>
        </>
      )}
      <button type="submit" className="btn-primary" disabled={pending}>{pending ? "Saving…" : canEmail ? "Send" : "Add note"}</button>
      <ActionOutcome state={state} />
    </form>
  );
}
