"use client";

import { useActionState } from "react";
import { submitFeedbackAction } from "@/app/(public)/feedback/actions";
import { Alert } from "@/components/action-outcome";

export function FeedbackForm({ categories, maxChars }: { categories: string[]; maxChars: number }) {
  const [state, action, pending] = useActionState(submitFeedbackAction, undefined);
  const err = state?.fieldErrors ?? {};
  const v = state?.values ?? {};
  const described = (name: string) => (err[name] ? { "aria-invalid": true, "aria-describedby": `${name}-error` } : {});
  const error = (name: string) => (err[name] ? <p id={`${name}-error`} className="field-error">{err[name]}</p> : null);
  return (
    // key: after a failed submission React resets the form; remounting with the returned values restores them.
    <form key={JSON.stringify(v)} action={action} className="space-y-4" noValidate>
      <div className="grid gap-4 sm:grid-cols-2">
        <div>
          <label htmlFor="name" className="field-label">Your name</label>
          <input id="name" name="name" autoComplete="name" maxLength={120} defaultValue={v.name} className="field-input" {...described("name")} />
          {error("name")}
        </div>
        <div>
          <label htmlFor="email" className="field-label">E-mail</label>
          <input id="email" name="email" type="email" autoComplete="email" defaultValue={v.email} className="field-input" {...described("email")} />
          {error("email")}
        </div>
      </div>
      <div>
        <label htmlFor="category" className="field-label">What is it about?</label>
        <select id="category" name="category" className="field-input" defaultValue={v.category ?? ""} {...described("category")}>
          <option value="" disabled>Choose a topic</option>
          {categories.map((c) => <option key={c}>{c}</option>)}
        </select>
        {error("category")}
      </div>
      <div>
        <label htmlFor="text" className="field-label">Your message</label>
        <textarea id="text" name="text" rows={6} defaultValue={v.text} className="field-input" {...described("text")} />
        <p className="mt-1 text-xs text-slate-600">Up to {maxChars} characters.</p>
        {error("text")}
      </div>
      {state?.error ? <Alert>{state.error}</Alert> : null}
      <button type="submit" className="btn-primary" disabled={pending}>{pending ? "Sending…" : "Send"}</button>
    </form>
  );
}
