"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { download, postCsv, type UploadError, type UploadProgress } from "@/components/models/csv-upload";
import { CsvFileFields, NoColumnsAlert, useCsvFile } from "@/components/models/csv-file-fields";
import { ProgressLine } from "@/components/models/progress-line";
import { csvField } from "@/lib/platform/csv-writer";
import { Alert } from "@/components/action-outcome";

type Problem = { line: number; reason: string };
type CheckResult = {
  rowsRead: number;
  good: number;
  labels: Record<string, number>;
  preview: { line: number; text: string; label: string }[];
  problems: Problem[];
  imported?: { dataset: string; examples: number };
};

const SHOWN_PROBLEMS = 1000;
const n = (v: number) => v.toLocaleString("en-GB");
const guess = (columns: string[], names: RegExp) => columns.find((c) => names.test(c)) ?? "";

/**
 * Labelled CSV into a dataset: choose the columns, check (a preview and every refused
 * line, nothing written), then import all or nothing, or skip the bad lines.
 */
export function LabelledDataUpload({ datasets }: { datasets: { id: number; name: string }[] }) {
  const router = useRouter();
  const [textColumn, setTextColumn] = useState("");
  const [labelColumn, setLabelColumn] = useState("");
  const [target, setTarget] = useState<"new" | "existing">("new");
  const [datasetName, setDatasetName] = useState("");
  const [datasetId, setDatasetId] = useState(String(datasets[0]?.id ?? ""));
  const [skipBad, setSkipBad] = useState(false);
  const [busy, setBusy] = useState<"check" | "import" | null>(null);
  const [progress, setProgress] = useState<UploadProgress | null>(null);
  const [checked, setChecked] = useState<CheckResult | null>(null);
  const [error, setError] = useState<UploadError | null>(null);
  const [done, setDone] = useState<string | null>(null);

  const csv = useCsvFile({
    reset: () => {
      setChecked(null);
      setError(null);
      setDone(null);
    },
    onHeader: (header) => {
      setTextColumn(guess(header, /^(text|message|body|content|review|tweet)$/i) || header[0] || "");
      setLabelColumn(guess(header, /(label|sentiment|class|polarity)/i));
    },
    onFile: (f) => {
      if (f) setDatasetName(f.name.replace(/\.[^.]+$/, "").slice(0, 80));
    },
  });
  const { file, delimiter, columns } = csv;

  const send = async (mode: "check" | "import") => {
    if (!file) return;
    setBusy(mode);
    setProgress(null);
    setError(null);
    setDone(null);
    const outcome = await postCsv<CheckResult>("/api/models/labelled-data", file, {
      mode,
      delimiter,
      textColumn,
      labelColumn,
      ...(target === "new" ? { datasetName } : { datasetId }),
      skipBad: String(skipBad),
    }, setProgress);
    setBusy(null);
    if (!outcome.ok) return setError(outcome.error);
    setChecked(outcome.result);
    if (outcome.result.imported) {
      const { dataset, examples } = outcome.result.imported;
      setDone(`Imported ${n(examples)} examples into “${dataset}”. Choose it under Training data or Test data below.`);
      router.refresh();
    }
  };

  // The check lists every refused line; a refused import repeats only the first 100.
  const problems = checked?.problems.length ? checked.problems : (error?.details?.problems ?? []);
  const fields = error?.details?.fieldErrors ?? {};
  const canImport = checked !== null && !checked.imported && checked.good > 0 && (checked.problems.length === 0 || skipBad);

  return (
    <div className="space-y-4">
      <div className="grid gap-4 md:grid-cols-3">
        <CsvFileFields idPrefix="labelled" fileLabel="CSV file" csv={csv} />
      </div>
      <NoColumnsAlert csv={csv} />
      {columns.length ? (
        <div className="grid gap-4 md:grid-cols-3">
          <div>
            <label htmlFor="labelled-text-column" className="field-label">Text column</label>
            <select id="labelled-text-column" className="field-input" value={textColumn} onChange={(e) => { setTextColumn(e.target.value); setChecked(null); }}>
              {columns.map((c) => <option key={c}>{c}</option>)}
            </select>
            {fields.textColumn ? <p className="field-error">{fields.textColumn}</p> : null}
          </div>
          <div>
            <label htmlFor="labelled-label-column" className="field-label">Label column</label>
            <select id="labelled-label-column" className="field-input" value={labelColumn} onChange={(e) => { setLabelColumn(e.target.value); setChecked(null); }}>
              <option value="">Choose…</option>
              {columns.map((c) => <option key={c}>{c}</option>)}
            </select>
            {fields.labelColumn ? <p className="field-error">{fields.labelColumn}</p> : null}
          </div>
          <fieldset>
            <legend className="field-label">Dataset</legend>
            <label className="flex items-center gap-2 text-sm">
              <input type="radio" name="labelled-target" checked={target === "new"} onChange={() => setTarget("new")} /> New dataset
            </label>
            {target === "new" ? (
              <>
                <label htmlFor="labelled-dataset-name" className="sr-only">New dataset name</label>
                <input id="labelled-dataset-name" className="field-input" maxLength={80} value={datasetName} onChange={(e) => setDatasetName(e.target.value)} />
                {fields.datasetName ? <p className="field-error">{fields.datasetName}</p> : null}
              </>
            ) : null}
            <label className="mt-1 flex items-center gap-2 text-sm">
              <input type="radio" name="labelled-target" checked={target === "existing"} disabled={datasets.length === 0} onChange={() => setTarget("existing")} /> Add to one of yours
            </label>
            {target === "existing" ? (
              <>
                <label htmlFor="labelled-dataset-id" className="sr-only">Dataset to add to</label>
                <select id="labelled-dataset-id" className="field-input" value={datasetId} onChange={(e) => setDatasetId(e.target.value)}>
                  {datasets.map((d) => <option key={d.id} value={d.id}>{d.name}</option>)}
                </select>
                {fields.datasetId ? <p className="field-error">{fields.datasetId}</p> : null}
              </>
            ) : null}
          </fieldset>
        </div>
      ) : null}
      <div className="flex flex-wrap items-center gap-3">
        <button type="button" className="btn-secondary" disabled={!file || !columns.length || busy !== null} onClick={() => send("check")}>
          {busy === "check" ? "Checking…" : "Check file"}
        </button>
        {checked && !checked.imported ? (
          <>
            {checked.problems.length ? (
              <label className="flex items-center gap-2 text-sm">
                <input type="checkbox" checked={skipBad} onChange={(e) => setSkipBad(e.target.checked)} /> Skip bad lines
              </label>
            ) : null}
            <button type="button" className="btn-primary" disabled={!canImport || busy !== null} onClick={() => send("import")}>
              {busy === "import" ? "Importing…" : `Import ${n(checked.good)} rows`}
            </button>
          </>
        ) : null}
      </div>
      {busy ? <ProgressLine progress={progress} label={busy === "check" ? "Checking the file" : "Importing"} /> : null}
      {error ? <Alert>{error.message}</Alert> : null}
      {done ? <p role="status" className="rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-900">{done}</p> : null}
      {checked && !checked.imported ? (
        <div className="space-y-3" data-testid="upload-check">
          <p className="text-sm">
            {n(checked.rowsRead)} rows read: <strong>{n(checked.good)} can be imported</strong>
            {checked.problems.length ? <>, <strong className="text-rose-800">{n(checked.problems.length)} refused</strong></> : null}. Nothing has been written yet.
            {checked.problems.length && !skipBad ? " Fix the refused lines and check again, or tick “Skip bad lines” to import the rest." : ""}
          </p>
          <p className="text-sm text-slate-700">Labels: {Object.entries(checked.labels).map(([l, c]) => `${l} ${n(c)}`).join(" · ") || "—"}</p>
          {checked.preview.length ? (
            <div className="overflow-x-auto">
              <table className="data-table">
                <caption className="mb-1 text-left text-sm font-semibold">Preview</caption>
                <thead><tr><th scope="col">Line</th><th scope="col">Text</th><th scope="col">Label</th></tr></thead>
                <tbody>
                  {checked.preview.map((r) => (
                    <tr key={r.line}><td>{r.line}</td><td className="max-w-xl truncate">{r.text}</td><td>{r.label}</td></tr>
                  ))}
                </tbody>
              </table>
            </div>
          ) : null}
        </div>
      ) : null}
      {problems.length ? (
        <div data-testid="refused-lines">
          <div className="flex flex-wrap items-center gap-3">
            <h3 className="text-sm font-semibold">Refused lines ({n(problems.length)})</h3>
            <button type="button" className="text-sm text-blue-700 underline" onClick={() => download(["line,reason", ...problems.map((p) => `${p.line},${csvField(p.reason)}`)].join("\r\n") + "\r\n", "refused-lines.csv")}>
              Download the list
            </button>
          </div>
          <ol className="mt-1 max-h-60 overflow-y-auto rounded-md border border-slate-200 p-2 text-sm">
            {problems.slice(0, SHOWN_PROBLEMS).map((p) => <li key={p.line}>line {p.line}: {p.reason}</li>)}
          </ol>
          {problems.length > SHOWN_PROBLEMS ? <p className="text-xs text-slate-600">The first {n(SHOWN_PROBLEMS)} are shown; the download has them all.</p> : null}
        </div>
      ) : null}
    </div>
  );
}
