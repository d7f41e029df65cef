import { minute } from "@/components/format";
import type { Metadata } from "next";
import Link from "@/components/link";
import { AutoRefresh } from "@/components/auto-refresh";
import { RunStatus } from "@/components/models/run-status";
import { LabelledDataUpload } from "@/components/models/labelled-data-upload";
import { LearningLoop } from "@/components/models/learning-loop";
import { ScoreCsvForm } from "@/components/models/score-csv-form";
import { TrainingForm } from "@/components/models/training-form";
import { TryModel } from "@/components/models/try-model";
import { requirePageRole } from "@/lib/auth/session";
import { orgClock } from "@/lib/platform/time-zone";
import { MAX_UPLOAD_ROWS } from "@/lib/import/labelled-upload";
import { modelsOverview } from "@/lib/training/models-overview";
import { MAX_SCORE_ROWS, SCORE_COLUMNS } from "@/lib/import/score-csv";

export const metadata: Metadata = { title: "Models" };

const fmt = (v: unknown) => (typeof v === "number" ? v.toFixed(3) : "—");

export default async function ModelsPage() {
  await requirePageRole("/models");
  const clock = await orgClock();
  const { versions, activeId, datasets, categories, algorithms, learning } = await modelsOverview();
  const busy = versions.some((v) => v.status === "queued" || v.status === "running");
  return (
    <div className="space-y-6">
      <AutoRefresh active={busy} />
      <h1 className="page-title">Sentiment models</h1>
      {learning ? <LearningLoop loop={learning} when={clock.minute} /> : null}
      <section className="card" aria-labelledby="try-heading">
        <h2 id="try-heading" className="mb-3 text-lg font-semibold">Try the active model</h2>
        <TryModel />
      </section>
      <section className="card" aria-labelledby="score-heading">
        <h2 id="score-heading" className="mb-1 text-lg font-semibold">Score a CSV</h2>
        <p className="mb-3 text-sm text-slate-600">
          The same rows back with {SCORE_COLUMNS.join(", ")} added, from the active sentiment model and the emotion service. Nothing is stored.
        </p>
        <ScoreCsvForm maxRows={MAX_SCORE_ROWS} />
      </section>
      <section className="card" aria-labelledby="versions-heading">
        <h2 id="versions-heading" className="mb-3 text-lg font-semibold">Versions</h2>
        <div className="overflow-x-auto">
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">Version</th>
                <th scope="col">Algorithm</th>
                <th scope="col">Status</th>
                <th scope="col">Test figures</th>
                <th scope="col">On reviewed requests it did not learn from</th>
                <th scope="col">Supervisors kept its label</th>
                <th scope="col">Train / test</th>
                <th scope="col">Created</th>
              </tr>
            </thead>
            <tbody>
              {versions.map((v) => {
                const m = v.metrics as { accuracy?: number; macroF1?: number } | null;
                return (
                  <tr key={v.id} data-testid={`model-row-${v.id}`}>
                    <td>
                      <Link href={`/models/${v.id}`} className="font-medium text-blue-700 underline">v{v.id} · {v.name}</Link>
                      {v.id === activeId ? <span className="ml-2 rounded bg-emerald-700 px-2 py-0.5 text-xs font-semibold text-white">active</span> : null}
                    </td>
                    <td>{v.algorithm}</td>
                    <td><RunStatus status={v.status} progress={v.progress} message={v.progressMessage} /></td>
                    <td className="min-w-56" data-testid={`test-figures-${v.id}`}>
                      {m ? <>accuracy {fmt(m.accuracy)} · macro-F1 {fmt(m.macroF1)}</> : "—"}
                      {m ? (
                        <p className={`text-xs ${v.measuredOn.generated === "all" ? "font-medium text-amber-800" : "text-slate-600"}`}>
                          Measured on {v.measuredOn.text}.
                        </p>
                      ) : null}
                    </td>
                    <td className="min-w-48" data-testid={`on-reviewed-${v.id}`}>
                      {v.onReviewed ? (
                        <>
                          accuracy {fmt(v.onReviewed.accuracy)}
                          <p className="text-xs text-slate-600">
                            on {v.onReviewed.n} reviewed request{v.onReviewed.n === 1 ? "" : "s"}
                            {v.onReviewed.vsActive
                              ? `; on the ${v.onReviewed.vsActive.n} neither learnt from: ${fmt(v.onReviewed.vsActive.thisVersion.accuracy)} against v${v.onReviewed.vsActive.versionId}'s ${fmt(v.onReviewed.vsActive.active.accuracy)}`
                              : ""}
                          </p>
                        </>
                      ) : (
                        <span className="text-xs text-slate-600">{!m ? "—" : v.onReviewed === null ? "no reviewed request to test on when it was trained" : "not measured for this version"}</span>
                      )}
                    </td>
                    <td data-testid={`agreement-${v.id}`}>
                      {v.agreement?.rate != null ? (
                        <>
                          {Math.round(v.agreement.rate * 100)} %<p className="text-xs text-slate-600">of {v.agreement.reviewed} reviewed</p>
                        </>
                      ) : (
                        <span className="text-xs text-slate-600">none reviewed</span>
                      )}
                    </td>
                    <td>{v.nTrain ?? "—"} / {v.nTest ?? "—"}</td>
                    <td className="whitespace-nowrap">{minute(v.createdAt, clock.minute)}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      </section>
      <section className="card" aria-labelledby="labelled-heading">
        <h2 id="labelled-heading" className="mb-1 text-lg font-semibold">Add labelled data</h2>
        <p className="mb-3 text-sm text-slate-600">
          Your own messages with the sentiment a person gave them, from a CSV file of up to {MAX_UPLOAD_ROWS.toLocaleString("en-GB")} rows. Every row is
          checked first, and each problem named with its line; nothing is written until all rows are good or you choose to skip the bad ones.
        </p>
        <LabelledDataUpload datasets={datasets.filter((d) => d.kind === "import" || d.kind === "manual").map((d) => ({ id: d.id, name: d.name }))} />
      </section>
      <section className="card" aria-labelledby="train-heading">
        <h2 id="train-heading" className="mb-3 text-lg font-semibold">New training run</h2>
        <TrainingForm algorithms={algorithms} datasets={datasets} categories={categories} />
      </section>
    </div>
  );
}
