import type { Metadata } from "next";
import Link from "next/link";
import { AutoRefresh } from "@/components/auto-refresh";
import { RunStatus } from "@/components/models/run-status";
import { TrainingForm } from "@/components/models/training-form";
import { TryModel } from "@/components/models/try-model";
import { requirePageRole } from "@/lib/auth/session";
import { modelsOverview } from "@/lib/models-overview";

export const metadata: Metadata = { title: "Models" };

const fmt = (v: unknown) => (typeof v === "number" ? v.toFixed(3) : "—");

export default async function ModelsPage() {
  await requirePageRole("supervisor");
  const { versions, activeId, datasets, categories, algorithms } = await modelsOverview();
  const busy = versions.some((v) => v.status === "queued" || v.status === "running");
  return (
    <div className="space-y-6">
      <AutoRefresh active={busy} />
      <h1 className="page-title">Sentiment models</h1>
      <section className="card" aria-labelledby="try-heading">
        <h2 id="try-heading" className="mb-3 text-lg font-semibold">Try the active model</h2>
        <TryModel />
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
                <th scope="col">Accuracy</th>
                <th scope="col">Macro-F1</th>
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
                    <td>{fmt(m?.accuracy)}</td>
                    <td>{fmt(m?.macroF1)}</td>
                    <td>{v.nTrain ?? "—"} / {v.nTest ?? "—"}</td>
                    <td className="whitespace-nowrap">{v.createdAt.toISOString().slice(0, 16).replace("T", " ")}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      </section>
      <section className="card" aria-labelledby="train-heading">
        <h2 id="train-heading" className="mb-3 text-lg font-semibold">New training run</h2>
        <TrainingForm algorithms={algorithms} datasets={datasets} categories={categories} />
      </section>
    </div>
  );
}
