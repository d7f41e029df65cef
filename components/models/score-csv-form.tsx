"use client";

import { useState } from "react";
import { download, postCsv, type UploadError, type UploadProgress } from "@/components/models/csv-upload";
import { CsvFileFields, NoColumnsAlert, useCsvFile } from "@/components/models/csv-file-fields";
import { ProgressLine } from "@/components/models/progress-line";

type Result = { csv: string; rows: number; scored: number; emotionPending: number; modelVersion: number };
const n = (v: number) => v.toLocaleString("en-GB");

/** A CSV in, the same rows out with sentiment and emotion added; nothing is stored. */
export function ScoreCsvForm({ maxRows }: { maxRows: number }) {
  const [textColumn, setTextColumn] = useState("");
  const [busy, setBusy] = useState(false);
  const [progress, setProgress] = useState<UploadProgress | null>(null);
  const [result, setResult] = useState<Result | null>(null);
  const [error, setError] = useState<UploadError | null>(null);

  const outName = () => `${(file?.name ?? "file").replace(/\.[^.]+$/, "")}-scored.csv`;
  const csv = useCsvFile({
    reset: () => {
      setResult(null);
      setError(null);
    },
    onHeader: (header) => setTextColumn(header.find((c) => /^(text|message|body|content|comment|review)$/i.test(c)) ?? header[0] ?? ""),
  });
  const { file, delimiter, columns } = csv;
  const score = async () => {
    if (!file) return;
    setBusy(true);
    setProgress(null);
    setError(null);
    setResult(null);
    const outcome = await postCsv<Result>("/api/models/score-csv", file, { delimiter, textColumn }, setProgress);
    setBusy(false);
    if (!outcome.ok) return setError(outcome.error);
    setResult(outcome.result);
    download(outcome.result.csv, outName());
  };

  return (
    <div className="space-y-4">
      <div className="grid gap-4 md:grid-cols-3">
        <CsvFileFields idPrefix="score" fileLabel={<>CSV file (up to {n(maxRows)} rows)</>} csv={csv} />
        {columns.length ? (
          <div>
            <label htmlFor="score-text-column" className="field-label">Text column</label>
            <select id="score-text-column" className="field-input" value={textColumn} onChange={(e) => setTextColumn(e.target.value)}>
              {columns.map((c) => <option key={c}>{c}</option>)}
            </select>
          </div>
        ) : null}
      </div>
      <NoColumnsAlert csv={csv} />
      <button type="button" className="btn-secondary" disabled={!file || !textColumn || busy} onClick={score}>{busy ? "Scoring…" : "Score file"}</button>
      {busy ? <ProgressLine progress={progress} label="Scoring the file" /> : null}
      {error ? (
        <div role="alert" className="rounded-md bg-rose-50 px-3 py-2 text-sm text-rose-800">
          <p>{error.message}</p>
          {error.details?.problems?.length ? (
            <ol className="mt-1 max-h-40 overflow-y-auto">{error.details.problems.map((p) => <li key={p.line}>line {p.line}: {p.reason}</li>)}</ol>
          ) : null}
        </div>
      ) : null}
      {result ? (
        <div role="status" className="rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-900" data-testid="score-result">
          <p>
            Scored {n(result.scored)} of {n(result.rows)} rows with v{result.modelVersion}
            {result.rows > result.scored ? ` (${n(result.rows - result.scored)} with an empty text are left unscored)` : ""}.
            {result.emotionPending ? ` The emotion service did not answer, so emotion reads “pending” on ${n(result.emotionPending)} rows.` : ""}
          </p>
          <button type="button" className="mt-1 text-blue-700 underline" onClick={() => download(result.csv, outName())}>Download {outName()}</button>
        </div>
      ) : null}
    </div>
  );
}
