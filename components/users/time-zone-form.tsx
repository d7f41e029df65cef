"use client";

// The Users page's organisation time zone (lib/platform/time-zone.ts): one choice for the whole portal.
import { useActionState } from "react";
import { timeZoneAction } from "@/app/(portal)/users/actions";
import { ActionOutcome } from "@/components/action-outcome";

export function TimeZoneForm({ current, choices }: { current: string; choices: string[] }) {
  const [state, action, pending] = useActionState(timeZoneAction, undefined);
  return (
    <form action={action} className="flex flex-wrap items-end gap-3" aria-label="Organisation time zone">
      <div>
        <label htmlFor="org-time-zone" className="field-label">Time zone</label>
        {/* Keyed by the saved zone: after saving, the page's new value replaces the form's reset to the old one. */}
        <select key={current} id="org-time-zone" name="timeZone" defaultValue={current} className="field-input" aria-describedby="org-time-zone-help">
          {choices.map((z) => <option key={z} value={z}>{z.replaceAll("_", " ")}</option>)}
        </select>
      </div>
      <button type="submit" className="btn-primary" disabled={pending}>{pending ? "Saving…" : "Save time zone"}</button>
      <p id="org-time-zone-help" className="w-full text-xs text-slate-600">
        Where the call centre works. The dashboard&apos;s &ldquo;today&rdquo;, the days of the trends and emotions, the task list&apos;s dates, the times on every page and in CSV
        files all follow it. Changing it refiles the daily figures (a few seconds with a million requests).
      </p>
      <div className="w-full"><ActionOutcome state={state} /></div>
    </form>
  );
}
