// The active version against the supervisors' reviews, and the way to a better one.
import { AgreementChart } from "@/components/models/agreement-chart";
import { OfferedRunButton } from "@/components/models/offered-run-button";
import type { LearningLoop as Loop } from "@/lib/training/models-overview";
import { day } from "@/components/format";

const pct = (part: number, whole: number) => (whole ? `${Math.round((part / whole) * 100)} %` : "—");

/** `when` writes a time in the organisation's zone (its clock's `minute`). */
export function LearningLoop({ loop, when }: { loop: Loop; when: (d: Date) => string }) {
  const { version: v, byClass, byWeek, since, offer } = loop;
  const reviewed = byClass.reduce((a, c) => a + c.predicted, 0);
  const kept = byClass.reduce((a, c) => a + c.kept, 0);
  return (
    <section className="card space-y-4" aria-labelledby="learning-heading">
      <div>
        <h2 id="learning-heading" className="text-lg font-semibold">The active model on your requests</h2>
        <p className="text-sm text-slate-600">
          v{v.id} · {v.name} ({v.algorithm}), trained {day(v.trainedAt, when)} on: {loop.trainedOn}.
        </p>
      </div>
      {reviewed === 0 ? (
        <p className="text-sm text-slate-700" data-testid="agreement-overall">
          No request scored by v{v.id} has been reviewed yet. As supervisors confirm or correct labels on the Review page, the share they keep shows here.
        </p>
      ) : (
        <>
          <p data-testid="agreement-overall">
            Supervisors kept its label on <strong>{kept} of {reviewed}</strong> reviewed requests ({pct(kept, reviewed)}).{" "}
            <span className="text-sm text-slate-600">Measured on the customer requests v{v.id} scored that a supervisor then reviewed.</span>
          </p>
          <div className="grid gap-6 lg:grid-cols-2">
            <div className="overflow-x-auto">
              <table className="data-table" data-testid="agreement-by-class">
                <caption className="mb-1 text-left text-sm font-semibold">Per class</caption>
                <thead>
                  <tr>
                    <th scope="col">Class</th>
                    <th scope="col">Model said it: kept by supervisors</th>
                    <th scope="col">Supervisors said it: model agreed</th>
                  </tr>
                </thead>
                <tbody>
                  {byClass.map((c) => (
                    <tr key={c.label}>
                      <th scope="row" className="px-3 py-2 text-left font-medium">{c.label}</th>
                      <td>{pct(c.kept, c.predicted)} <span className="text-xs text-slate-600">({c.kept} of {c.predicted})</span></td>
                      <td>{pct(c.found, c.labelled)} <span className="text-xs text-slate-600">({c.found} of {c.labelled})</span></td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <div>
              <h3 className="mb-1 text-sm font-semibold">Agreement per week of review</h3>
              <AgreementChart data={byWeek} />
              <details className="mt-2 text-sm">
                <summary className="cursor-pointer text-slate-700">Weekly figures</summary>
                <table className="data-table mt-2">
                  <thead><tr><th scope="col">Week from</th><th scope="col">Reviewed</th><th scope="col">Kept</th></tr></thead>
                  <tbody>
                    {byWeek.map((w) => <tr key={w.week}><td>{w.week}</td><td>{w.reviewed}</td><td>{pct(w.kept, w.reviewed)}</td></tr>)}
                  </tbody>
                </table>
              </details>
            </div>
          </div>
        </>
      )}
      <div className="rounded-md border border-slate-200 p-4" data-testid="new-labels">
        <p>
          <strong>{since.reviewed}</strong> request{since.reviewed === 1 ? "" : "s"} reviewed since v{v.id} was trained
          {since.reviewed ? ` (${since.changed} of them corrected the label)` : ""}: labels it has not learnt from.
        </p>
        {offer ? (
          <div className="mt-3 space-y-3">
            <p className="text-sm text-slate-700" data-testid="offered-run">
              Enough to retrain. The offered run trains {offer.algorithm} on your own {offer.ownLabels} labels (supervisor reviews
              {offer.ownDatasets.length ? ` and ${offer.ownDatasets.join(", ")}` : ""})
              {offer.demoRows ? `, with at most ${offer.demoRows} generated demo rows as a prior while your labels are few` : ", without generated demo text"}.
              It holds out a fifth of them and reports how it does on reviewed requests it did not train on, next to v{v.id}.
            </p>
            <OfferedRunButton />
          </div>
        ) : (
          <p className="mt-1 text-sm text-slate-600">
            A training run on your own labels is offered here once {loop.newLabelsNeeded} have arrived ({Math.max(0, loop.newLabelsNeeded - since.reviewed)} to go).
          </p>
        )}
      </div>
    </section>
  );
}
