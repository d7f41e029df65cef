// On a model version's page: this version against any other finished one, on this version's
// test data (lib/training/compare.ts). A GET form, so a comparison is a link.
import type { VersionComparison } from "@/lib/training/compare";
import { Alert } from "@/components/action-outcome";

const f3 = (v: number | undefined) => (typeof v === "number" ? v.toFixed(3) : "—");

type Props = {
  versionId: number;
  /** Finished versions to choose from, newest first. */
  choices: { id: number; name: string; active: boolean }[];
  selected: number | null;
  result: VersionComparison | { error: string } | null;
};

export function VersionComparisonSection({ versionId, choices, selected, result }: Props) {
  const others = choices.filter((c) => c.id !== versionId);
  if (others.length === 0) return null;
  return (
    <section className="card space-y-3" aria-labelledby="compare-heading">
      <h2 id="compare-heading" className="text-lg font-semibold">Compare with another version</h2>
      <form method="get" className="flex flex-wrap items-end gap-2">
        <div>
          <label htmlFor="compare-with" className="field-label">Version</label>
          <select id="compare-with" name="compare" defaultValue={selected ?? undefined} className="field-input w-72">
            {others.map((c) => (
              <option key={c.id} value={c.id}>v{c.id} · {c.name}{c.active ? " (active)" : ""}</option>
            ))}
          </select>
        </div>
        <button type="submit" className="btn-secondary">Compare</button>
      </form>
      {result && "error" in result ? <Alert>{result.error}</Alert> : null}
      {result && !("error" in result) ? (
        <>
          <p className="text-sm text-slate-700" data-testid="compare-note">
            Both scored on the {result.nCompared} of this version&apos;s {result.nTest} test examples that neither was trained on
            {result.overlapChecked ? "" : ` (the training data of v${result.otherId} could not be rebuilt, so its figures may include examples it learnt from)`}.
          </p>
          <div className="overflow-x-auto">
            <table className="data-table max-w-xl" data-testid="compare-table">
              <thead>
                <tr>
                  <th scope="col">Metric</th>
                  <th scope="col">This version (v{result.versionId})</th>
                  <th scope="col">v{result.otherId}{choices.find((c) => c.id === result.otherId)?.active ? " (active)" : ""}</th>
                </tr>
              </thead>
              <tbody>
                <tr><th scope="row">Accuracy</th><td>{f3(result.mine.accuracy)}</td><td>{f3(result.theirs.accuracy)}</td></tr>
                <tr><th scope="row">Macro-F1</th><td>{f3(result.mine.macroF1)}</td><td>{f3(result.theirs.macroF1)}</td></tr>
                {Object.keys(result.mine.perClass).map((label) => (
                  <tr key={label}>
                    <th scope="row">F1 {label}</th>
                    <td>{f3(result.mine.perClass[label]?.f1)}</td>
                    <td>{f3(result.theirs.perClass[label]?.f1)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      ) : null}
    </section>
  );
}
