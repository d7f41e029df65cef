import type { Metadata } from "next";
import Link from "@/components/link";
import { recordOrNotFound } from "@/app/(portal)/record-or-not-found";
import { AutoRefresh } from "@/components/auto-refresh";
import { ConfusionMatrix } from "@/components/models/confusion-matrix";
import { PromoteButton } from "@/components/models/promote-button";
import { RunStatus } from "@/components/models/run-status";
import { VersionComparisonSection } from "@/components/models/version-comparison";
import { requirePageRole } from "@/lib/auth/session";
import { modelPageDetail } from "@/lib/training/models-overview";
import { versionComparison } from "@/lib/training/compare";
import { firstValues, type PageSearchParams } from "@/lib/platform/search-params";
import { featureInWords } from "@/lib/sentiment/feature-words";
import { Alert } from "@/components/action-outcome";

export const metadata: Metadata = { title: "Model version" };

type PerClass = Record<string, { precision: number; recall: number; f1: number; support: number }>;
type Metrics = {
  accuracy: number;
  macroF1: number;
  perClass: PerClass;
  trainMs?: number;
  topFeatures?: Record<string, { feature: string; weight: number }[]>;
  activeComparison?: {
    versionId: number;
    accuracy: number;
    macroF1: number;
    perClass: PerClass;
    confusion: number[][];
    labels: string[];
    // Runs since 2026-11-27: the comparison leaves out test rows the active version learnt from.
    nCompared?: number;
    nSeenByActive?: number;
    overlapChecked?: boolean;
    thisVersion?: { accuracy: number; macroF1: number; perClass: PerClass };
  } | null;
};

const f3 = (v: number | undefined) => (typeof v === "number" ? v.toFixed(3) : "—");

export default async function ModelVersionPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: PageSearchParams }) {
  await requirePageRole("/models");
  const detail = await recordOrNotFound(params, modelPageDetail);
  const { version: v, activeId, data } = detail;
  const m = v.metrics as Metrics | null;
  const cmp = m?.activeComparison ?? null;
  // This version's figures beside the active one's are taken on the rows both were tested on.
  const mine = cmp?.thisVersion ?? m;
  // The comparison was made with the version active when this one was trained, which may not be active now.
  const comparedWith = cmp ? (cmp.versionId === activeId ? `Active (v${cmp.versionId})` : `v${cmp.versionId} (active when trained)`) : "Active";
  const isActive = v.id === activeId;
  const busy = v.status === "queued" || v.status === "running";
  const comparison = v.status === "succeeded" ? await versionComparison(v.id, activeId, cmp?.versionId ?? null, (await firstValues(searchParams)).compare) : null;

  return (
    <div className="space-y-6">
      <AutoRefresh active={busy} />
      <p><Link href="/models" className="text-sm text-blue-700 underline">← All versions</Link></p>
      <div className="flex flex-wrap items-center justify-between gap-4">
        <h1 className="page-title">v{v.id} · {v.name}</h1>
        {v.status === "succeeded" && !isActive ? (
          <PromoteButton id={v.id} activeId={activeId} label={activeId !== null && v.id < activeId ? "Roll back to this version" : "Promote to active"} />
        ) : null}
        {isActive ? <span className="rounded bg-emerald-700 px-3 py-1 text-sm font-semibold text-white">Active model</span> : null}
      </div>
      <div className="card grid gap-4 md:grid-cols-3">
        <div>
          <p className="text-sm text-slate-600">Status</p>
          <RunStatus status={v.status} progress={v.progress} message={v.progressMessage} />
          {v.error ? <Alert className="mt-2">{v.error}</Alert> : null}
        </div>
        <div>
          <p className="text-sm text-slate-600">Algorithm</p>
          <p className="font-medium">{v.algorithm}</p>
          <p className="text-xs text-slate-600">{Object.entries(v.params).map(([k, val]) => `${k}=${String(val)}`).join(", ")}</p>
        </div>
        <div>
          <p className="text-sm text-slate-600">Data</p>
          <p className="font-medium">{v.nTrain ?? "—"} training / {v.nTest ?? "—"} test examples</p>
          <p className="text-xs text-slate-600" data-testid="train-selection">Trained on: {data.train}</p>
          <p className="text-xs text-slate-600" data-testid="test-selection">Tested on: {data.test}</p>
        </div>
      </div>

      {m ? (
        <section className="card space-y-4" aria-labelledby="metrics-heading">
          {/* Without a comparison (the first version, or one trained while no other was active) there is no second column to show. */}
          <h2 id="metrics-heading" className="text-lg font-semibold">{cmp ? "Evaluation on the same test data" : "Evaluation on its test data"}</h2>
          {cmp?.nSeenByActive ? (
            <p className="text-sm text-slate-700" data-testid="comparison-note">
              v{cmp.versionId} was trained on {cmp.nSeenByActive} of the {(cmp.nCompared ?? 0) + cmp.nSeenByActive} test examples, so both
              versions are compared on the other {cmp.nCompared}. On all {v.nTest} test examples this version has accuracy {f3(m.accuracy)} and
              macro-F1 {f3(m.macroF1)}.
            </p>
          ) : cmp && cmp.overlapChecked === false ? (
            <p className="text-sm text-amber-800" data-testid="comparison-note">
              The training data of v{cmp.versionId} could not be rebuilt, so its figures may include examples it learnt from.
            </p>
          ) : null}
          <table className="data-table max-w-xl">
            <thead>
              <tr>
                <th scope="col">Metric</th>
                <th scope="col">This version</th>
                {cmp ? <th scope="col">{comparedWith}</th> : null}
              </tr>
            </thead>
            <tbody>
              <tr><th scope="row" className="px-3 py-2 text-left font-medium">Accuracy</th><td data-testid="metric-accuracy">{f3(mine?.accuracy)}</td>{cmp ? <td>{f3(cmp.accuracy)}</td> : null}</tr>
              <tr><th scope="row" className="px-3 py-2 text-left font-medium">Macro-F1</th><td data-testid="metric-macro-f1">{f3(mine?.macroF1)}</td>{cmp ? <td>{f3(cmp.macroF1)}</td> : null}</tr>
              {Object.entries(mine?.perClass ?? m.perClass).map(([label, c]) => (
                <tr key={label}>
                  <th scope="row" className="px-3 py-2 text-left font-medium">F1 {label}</th>
                  <td>{f3(c.f1)} <span className="text-xs text-slate-600">(P {f3(c.precision)}, R {f3(c.recall)}, n={c.support})</span></td>
                  {cmp ? <td>{f3(cmp.perClass?.[label]?.f1)}</td> : null}
                </tr>
              ))}
            </tbody>
          </table>
          <div className="flex flex-wrap gap-8">
            {v.confusion && v.labels ? <ConfusionMatrix labels={v.labels} matrix={v.confusion} caption={cmp?.nSeenByActive ? "This version (all test examples)" : "This version"} /> : null}
            {cmp ? <ConfusionMatrix labels={cmp.labels} matrix={cmp.confusion} caption={comparedWith} /> : null}
          </div>
        </section>
      ) : null}

      {comparison ? <VersionComparisonSection versionId={v.id} {...comparison} /> : null}

      {m?.topFeatures ? (
        <section className="card" aria-labelledby="features-heading">
          <h2 id="features-heading" className="mb-1 text-lg font-semibold">Most informative words per class</h2>
          <p className="mb-3 text-sm text-slate-600">&ldquo;not …&rdquo; marks a word that came after a negation (not, never, didn&apos;t …) in the same part of a sentence.</p>
          <div className="grid gap-4 md:grid-cols-3">
            {Object.entries(m.topFeatures).map(([label, feats]) => (
              <div key={label}>
                <h3 className="mb-1 text-sm font-semibold">{label}</h3>
                <ol className="list-decimal pl-5 text-sm">
                  {feats.map((f) => <li key={f.feature}>{featureInWords(f.feature)}</li>)}
                </ol>
              </div>
            ))}
          </div>
        </section>
      ) : null}
    </div>
  );
}
