"use client";

import { progressFraction, progressText, type UploadProgress } from "@/components/models/csv-upload";

/** A progress bar with its words, announced politely to screen readers. */
export function ProgressLine({ progress, label }: { progress: UploadProgress | null; label: string }) {
  const fraction = progressFraction(progress);
  return (
    <div className="space-y-1" role="status" aria-label={label}>
      <progress className="h-2 w-full max-w-md" max={1} value={fraction ?? undefined} />
      <p className="text-sm text-slate-700">{progressText(progress)}</p>
    </div>
  );
}
