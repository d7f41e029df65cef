// The at-risk rule as a plain GET form: the list for any rule is a URL.
import Link from "@/components/link";
import type { AtRiskQuery } from "@/lib/accounts/at-risk";

export function RuleForm({ query, errors }: { query: AtRiskQuery; errors?: Record<string, string> }) {
  const error = (name: string) => (errors?.[name] ? <p id={`${name}-error`} className="field-error">{errors[name]}</p> : null);
  const describedBy = (name: string) => (errors?.[name] ? `${name}-error` : undefined);
  return (
    <form method="get" action="/accounts" className="card space-y-4" aria-label="At-risk rule">
      <fieldset className="grid gap-4 md:grid-cols-2">
        <legend className="mb-2 text-sm font-semibold text-slate-900">Rule</legend>
        <div className="rounded-md border border-slate-200 p-3">
          <label className="flex items-center gap-2 text-sm font-medium">
            <input type="radio" name="rule" value="consecutive" defaultChecked={query.rule === "consecutive"} /> Negative requests in a row
          </label>
          <div className="mt-2 max-w-[12rem]">
            <label htmlFor="rule-n" className="field-label">In a row, at least</label>
            <input id="rule-n" name="n" type="number" min={2} max={50} defaultValue={query.n} className="field-input" aria-describedby={describedBy("n")} />
            {error("n")}
          </div>
        </div>
        <div className="rounded-md border border-slate-200 p-3">
          <label className="flex items-center gap-2 text-sm font-medium">
            <input type="radio" name="rule" value="window" defaultChecked={query.rule === "window"} /> Negative requests within a number of days
          </label>
          <div className="mt-2 grid max-w-sm grid-cols-2 gap-3">
            <div>
              <label htmlFor="rule-k" className="field-label">At least</label>
              <input id="rule-k" name="k" type="number" min={2} max={20} defaultValue={query.k} className="field-input" aria-describedby={describedBy("k")} />
              {error("k")}
            </div>
            <div>
              <label htmlFor="rule-days" className="field-label">Within days</label>
              <input id="rule-days" name="days" type="number" min={1} max={365} defaultValue={query.days} className="field-input" aria-describedby={describedBy("days")} />
              {error("days")}
            </div>
          </div>
        </div>
      </fieldset>
      <div className="flex flex-wrap items-end gap-3">
        <div>
          <label htmlFor="rule-sort" className="field-label">Order</label>
          <select id="rule-sort" name="sort" defaultValue={query.sort} className="field-input">
            <option value="severity">Most negative requests first</option>
            <option value="recent">Most recent negative first</option>
          </select>
        </div>
        <button type="submit" className="btn-primary">Apply</button>
        <Link href="/accounts" className="btn-secondary">Default rule</Link>
      </div>
    </form>
  );
}
