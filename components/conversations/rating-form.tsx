"use client";

import { useActionState } from "react";
import { rateAction } from "@/app/(public)/feedback/rate/actions";
import { ActionOutcome } from "@/components/action-outcome";

const WORDS = ["", "Very unhappy", "Unhappy", "OK", "Happy", "Very happy"];

/** Five buttons; the one the e-mail link named is marked, and a click on any records it. */
export function RatingForm({ token, chosen }: { token: string; chosen: number | null }) {
  const [state, formAction, pending] = useActionState(rateAction, undefined);
  if (state?.ok) return <ActionOutcome state={state} />;
  return (
    <form action={formAction} className="space-y-3" aria-label="Rate our help">
      <input type="hidden" name="token" value={token} />
      <div className="flex flex-wrap gap-2">
        {[1, 2, 3, 4, 5].map((r) => (
          <button key={r} type="submit" name="rating" value={r} disabled={pending} className={r === chosen ? "btn-primary" : "btn-secondary"} aria-label={`${r} out of 5: ${WORDS[r]}`}>
            {"★".repeat(r)} <span className="sr-only sm:not-sr-only">{WORDS[r]}</span>
          </button>
        ))}
      </div>
      <ActionOutcome state={state} />
    </form>
  );
}
