// The date range, period size and category of the trends and emotions pages: a plain GET
// form, so every view is a URL that can be bookmarked, shared and exported.
import Link from "@/components/link";
import type { Granularity } from "@/db/queries/trends";

type Props = {
  action: string;
  from: string;
  to: string;
  granularity: Granularity;
  categoryId?: number;
  categories: { id: number; name: string }[];
  errors?: Record<string, string>;
};

const GRANULARITY_LABELS: Record<Granularity, string> = { day: "Day", week: "Week", month: "Month" };

export function RangeForm({ action, from, to, granularity, categoryId, categories, errors }: Props) {
  const describedBy = (name: string) => (errors?.[name] ? `${name}-error` : undefined);
  return (
    <form method="get" action={action} className="card grid gap-3 sm:grid-cols-2 lg:grid-cols-5" aria-label="Date range">
      <div>
        <label htmlFor="r-from" className="field-label">From</label>
        <input id="r-from" name="from" type="date" defaultValue={from} className="field-input" required aria-describedby={describedBy("from")} />
        {errors?.from ? <p id="from-error" className="field-error">{errors.from}</p> : null}
      </div>
      <div>
        <label htmlFor="r-to" className="field-label">To (inclusive)</label>
        <input id="r-to" name="to" type="date" defaultValue={to} className="field-input" required aria-describedby={describedBy("to")} />
        {errors?.to ? <p id="to-error" className="field-error">{errors.to}</p> : null}
      </div>
      <div>
        <label htmlFor="r-granularity" className="field-label">Period</label>
        <select id="r-granularity" name="granularity" defaultValue={granularity} className="field-input" aria-describedby={describedBy("granularity")}>
          {(Object.keys(GRANULARITY_LABELS) as Granularity[]).map((g) => (
            <option key={g} value={g}>{GRANULARITY_LABELS[g]}</option>
          ))}
        </select>
        {errors?.granularity ? <p id="granularity-error" className="field-error">{errors.granularity}</p> : null}
      </div>
      <div>
        <label htmlFor="r-category" className="field-label">Category</label>
        <select id="r-category" name="category" defaultValue={categoryId ? String(categoryId) : ""} className="field-input">
          <option value="">All categories</option>
          {categories.map((c) => (
            <option key={c.id} value={c.id}>{c.name}</option>
          ))}
        </select>
      </div>
      <div className="flex items-end gap-2">
        <button type="submit" className="btn-primary">Show</button>
        <Link href={action} className="btn-secondary">Reset</Link>
      </div>
    </form>
  );
}
