"use client";

import { useActionState, useState, useTransition, type FormEvent } from "react";
import { startTrainingRunAction } from "@/app/(portal)/models/actions";
import type { ParamSpec } from "@/models/types";
import { Alert } from "@/components/action-outcome";

type Choice = { id: number; name: string };
type Props = {
  algorithms: { id: string; name: string; description: string; params: ParamSpec[] }[];
  datasets: (Choice & { examples: number; kind: string })[];
  categories: Choice[];
};

function FieldError({ errors, name }: { errors?: Record<string, string>; name: string }) {
  const message = errors?.[name];
  return message ? <p className="field-error" id={`${name}-error`}>{message}</p> : null;
}

export function TrainingForm({ algorithms, datasets, categories }: Props) {
  const [state, action, actionPending] = useActionState(startTrainingRunAction, undefined);
  const [submitting, startSubmit] = useTransition();
  const pending = actionPending || submitting;
  // Submitted by hand rather than through <form action>: React resets a form after its
  // action, and a refused selection would come back with the boxes ticked again.
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    startSubmit(() => action(data));
  };
  const [algorithm, setAlgorithm] = useState(algorithms[0]?.id ?? "nb");
  const [testKind, setTestKind] = useState<"holdout" | "time" | "dataset">("holdout");
  const info = algorithms.find((a) => a.id === algorithm);
  const errors = state?.fieldErrors;
  const trainable = datasets.filter((d) => d.kind !== "corrections");
  // Generated demo text hurts once a company has labels of its own (lib/training/demo-prior.ts):
  // it is ticked only while there are none; the company's own datasets are ticked instead.
  const hasOwnLabels = datasets.some((d) => d.kind !== "demo" && d.examples > 0);
  const hasDemo = trainable.some((d) => d.kind === "demo");

  return (
    <form onSubmit={submit} className="space-y-5" aria-describedby={state?.error ? "training-form-error" : undefined}>
      <div className="grid gap-4 md:grid-cols-2">
        <div>
          <label htmlFor="run-name" className="field-label">Name (optional)</label>
          <input id="run-name" name="name" className="field-input" maxLength={80} placeholder="e.g. NB with March corrections" />
        </div>
        <div>
          <label htmlFor="algorithm" className="field-label">Algorithm</label>
          <select id="algorithm" name="algorithm" className="field-input" value={algorithm} onChange={(e) => setAlgorithm(e.target.value)}>
            {algorithms.map((a) => (
              <option key={a.id} value={a.id}>{a.name}</option>
            ))}
          </select>
          <p className="mt-1 text-xs text-slate-600">{info?.description}</p>
        </div>
      </div>

      <fieldset className="rounded-md border border-slate-200 p-4">
        <legend className="px-1 text-sm font-semibold">Training data</legend>
        <div className="grid gap-4 md:grid-cols-2">
          <div>
            <p className="field-label">Datasets</p>
            {trainable.map((d) => (
              <label key={d.id} className="flex items-center gap-2 text-sm">
                <input type="checkbox" name="datasetIds" value={d.id} defaultChecked={d.kind === "demo" ? !hasOwnLabels : d.examples > 0} /> {d.name}
                <span className="text-slate-600">({d.examples} examples{d.kind === "demo" ? ", generated" : ""})</span>
              </label>
            ))}
            {hasDemo ? (
              <div className="mt-2">
                <label htmlFor="demoLimit" className="field-label">At most this many generated demo rows (empty: all)</label>
                <input id="demoLimit" name="demoLimit" type="number" min={0} step={1} className="field-input max-w-40" aria-describedby="demoLimit-help" />
                <p id="demoLimit-help" className="mt-1 text-xs text-slate-600">
                  Demo text only helps while your own labels are few; then keep it under half of them, as a prior.
                </p>
                <FieldError errors={errors} name="train.demoLimit" />
              </div>
            ) : null}
            <label className="mt-2 flex items-center gap-2 text-sm">
              <input type="checkbox" name="includeCorrections" defaultChecked /> Include supervisor corrections
            </label>
            <FieldError errors={errors} name="train.datasetIds" />
          </div>
          <div>
            <p className="field-label">Categories (none ticked = all)</p>
            <div className="grid grid-cols-2 gap-x-3">
              {categories.map((c) => (
                <label key={c.id} className="flex items-center gap-2 text-sm">
                  <input type="checkbox" name="categoryIds" value={c.id} /> {c.name}
                </label>
              ))}
            </div>
            <div className="mt-3 grid grid-cols-2 gap-3">
              <div>
                <label htmlFor="from" className="field-label">From</label>
                <input id="from" name="from" type="date" className="field-input" />
              </div>
              <div>
                <label htmlFor="to" className="field-label">Until (exclusive)</label>
                <input id="to" name="to" type="date" className="field-input" />
              </div>
            </div>
          </div>
        </div>
      </fieldset>

      <fieldset className="rounded-md border border-slate-200 p-4">
        <legend className="px-1 text-sm font-semibold">Test data</legend>
        <div className="flex flex-wrap gap-4 text-sm">
          {(["holdout", "time", "dataset"] as const).map((k) => (
            <label key={k} className="flex items-center gap-2">
              <input type="radio" name="testKind" value={k} checked={testKind === k} onChange={() => setTestKind(k)} />
              {k === "holdout" ? "Random hold-out" : k === "time" ? "Time split" : "Separate dataset"}
            </label>
          ))}
        </div>
        <div className="mt-3 grid gap-4 md:grid-cols-3">
          {testKind === "holdout" ? (
            <>
              <div>
                <label htmlFor="holdoutPercent" className="field-label">Hold out (%)</label>
                <input id="holdoutPercent" name="holdoutPercent" type="number" min={5} max={50} defaultValue={20} className="field-input" />
                <FieldError errors={errors} name="test.percent" />
              </div>
              <div>
                <label htmlFor="seed" className="field-label">Seed</label>
                <input id="seed" name="seed" type="number" min={0} defaultValue={42} className="field-input" />
              </div>
            </>
          ) : null}
          {testKind === "time" ? (
            <div>
              <label htmlFor="splitAt" className="field-label">Train before, test from</label>
              <input id="splitAt" name="splitAt" type="date" required className="field-input" />
              <FieldError errors={errors} name="test.splitAt" />
            </div>
          ) : null}
          {testKind === "dataset" ? (
            <div className="md:col-span-3">
              {datasets.map((d) => (
                <label key={d.id} className="flex items-center gap-2 text-sm">
                  <input type="checkbox" name="testDatasetIds" value={d.id} /> {d.name} <span className="text-slate-600">({d.examples})</span>
                </label>
              ))}
              <FieldError errors={errors} name="test.datasetIds" />
            </div>
          ) : null}
        </div>
      </fieldset>

      <details className="rounded-md border border-slate-200 p-4">
        <summary className="cursor-pointer text-sm font-semibold">Hyperparameters ({info?.params.length ?? 0})</summary>
        <div className="mt-3 grid gap-4 md:grid-cols-3" key={algorithm}>
          {info?.params.map((p) => (
            <div key={p.name}>
              {p.type === "boolean" ? (
                <label className="flex items-center gap-2 text-sm font-medium">
                  <input type="checkbox" name={`param.${p.name}`} defaultChecked={Boolean(p.default)} /> {p.name}
                </label>
              ) : (
                <>
                  <label htmlFor={`param-${p.name}`} className="field-label">{p.name}</label>
                  {p.options ? (
                    <select id={`param-${p.name}`} name={`param.${p.name}`} defaultValue={String(p.default)} className="field-input">
                      {p.options.map((o) => <option key={o}>{o}</option>)}
                    </select>
                  ) : (
                    <input id={`param-${p.name}`} name={`param.${p.name}`} type={p.type === "number" ? "number" : "text"} step="any" min={p.min} max={p.max} defaultValue={String(p.default)} className="field-input" />
                  )}
                </>
              )}
              <p className="mt-1 text-xs text-slate-600">{p.help}</p>
            </div>
          ))}
        </div>
      </details>

      {state?.error ? <Alert id="training-form-error">{state.error}</Alert> : null}
      <button type="submit" className="btn-primary" disabled={pending}>{pending ? "Queueing…" : "Start training run"}</button>
    </form>
  );
}
