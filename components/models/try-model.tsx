"use client";

import { useActionState } from "react";
import { tryModelAction } from "@/app/(portal)/models/actions";
import { HighlightedText } from "@/components/highlighted-text";
import { SentimentBadge } from "@/components/sentiment-badge";

export function TryModel() {
  const [state, action, pending] = useActionState(tryModelAction, undefined);
  const result = state?.data;
  return (
    <div className="space-y-3">
      <form action={action} className="space-y-2">
        <label htmlFor="try-text" className="field-label">Text to score with the active model</label>
        <textarea id="try-text" name="text" rows={3} maxLength={5120} className="field-input" placeholder="My refund still has not arrived and nobody answers." />
        {state?.error ? <p role="alert" className="field-error">{state.fieldErrors?.text ?? state.error}</p> : null}
        <button type="submit" className="btn-secondary" disabled={pending}>{pending ? "Scoring…" : "Score"}</button>
      </form>
      {result ? (
        <div className="rounded-md border border-slate-200 p-3" data-testid="try-result">
          <p className="mb-2 flex items-center gap-2 text-sm">
            <SentimentBadge label={result.label} confidence={result.confidence} />
            <span className="text-slate-700">by model <strong data-testid="try-model-version">v{result.modelVersion}</strong></span>
          </p>
          <HighlightedText text={result.text} tokens={result.explanation} />
          <p className="mt-2 text-xs text-slate-600">
            {Object.entries(result.scores).map(([k, v]) => `${k} ${(v * 100).toFixed(1)}%`).join(" · ")}
          </p>
        </div>
      ) : null}
    </div>
  );
}
