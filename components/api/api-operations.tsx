"use client";

// The API page's operations: an index, a search box, and one collapsed section per operation
// that opens from its link, its anchor in the address (#post-predictions) or a click. All
// open, the page runs to some 23,000 px; folded, a reader sees every route at once.
import { useEffect, useState, type ReactNode } from "react";

export type ApiOperationItem = {
  /** The anchor: post-predictions. */
  id: string;
  method: string;
  path: string;
  scope: string;
  summary: string;
  /** Words the search matches besides the above: field names, statuses. */
  searchText: string;
  /** The request and answer tables. */
  details: ReactNode;
};

const matches = (item: ApiOperationItem, query: string) =>
  query
    .toLowerCase()
    .split(/\s+/)
    .filter(Boolean)
    .every((word) => `${item.method} ${item.path} ${item.scope} ${item.summary} ${item.searchText}`.toLowerCase().includes(word));

export function ApiOperations({ items }: { items: ApiOperationItem[] }) {
  const [query, setQuery] = useState("");
  const [open, setOpen] = useState<Set<string>>(new Set());

  // The address's anchor opens its operation: on arrival, and on every link followed later.
  useEffect(() => {
    const openFromHash = () => {
      const id = decodeURIComponent(window.location.hash.slice(1));
      if (!items.some((i) => i.id === id)) return;
      setOpen((now) => new Set(now).add(id));
      // After the section has opened, so the browser scrolls to its full height.
      requestAnimationFrame(() => document.getElementById(id)?.scrollIntoView({ block: "start" }));
    };
    openFromHash();
    window.addEventListener("hashchange", openFromHash);
    return () => window.removeEventListener("hashchange", openFromHash);
  }, [items]);

  const shown = items.filter((i) => matches(i, query));
  const toggle = (id: string, isOpen: boolean) =>
    setOpen((now) => {
      if (now.has(id) === isOpen) return now;
      const next = new Set(now);
      if (isOpen) next.add(id);
      else next.delete(id);
      return next;
    });

  return (
    <div className="space-y-4">
      <div className="card space-y-3">
        <div className="flex flex-wrap items-end gap-3">
          <div className="min-w-0 flex-1">
            <label htmlFor="api-search" className="field-label">Search the routes</label>
            <input
              id="api-search"
              type="search"
              value={query}
              onChange={(e) => setQuery(e.target.value)}
              placeholder="e.g. review, external_id, 422"
              className="field-input"
              aria-describedby="api-search-count"
            />
          </div>
          <div className="flex gap-2">
            <button type="button" className="btn-secondary" onClick={() => setOpen(new Set(shown.map((i) => i.id)))}>Open all</button>
            <button type="button" className="btn-secondary" onClick={() => setOpen(new Set())}>Close all</button>
          </div>
        </div>
        <p id="api-search-count" className="text-sm text-slate-700" aria-live="polite">
          {shown.length === items.length ? `${items.length} routes` : `${shown.length} of ${items.length} routes match`}
        </p>
        <div className="overflow-x-auto">
          <table className="data-table" data-testid="api-index">
            <thead><tr><th scope="col">Method</th><th scope="col">Path</th><th scope="col">Scope</th><th scope="col">What it does</th></tr></thead>
            <tbody>
              {shown.map((op) => (
                <tr key={op.id}>
                  <td className="font-mono uppercase">{op.method}</td>
                  <td className="font-mono"><a className="text-blue-700 underline" href={`#${op.id}`}>{op.path}</a></td>
                  <td><code>{op.scope}</code></td>
                  <td>{op.summary}</td>
                </tr>
              ))}
              {shown.length === 0 ? (
                <tr><td colSpan={4} className="py-6 text-center text-slate-600" data-testid="empty-table">No route matches &ldquo;{query}&rdquo;. Search by path, field name, scope or status.</td></tr>
              ) : null}
            </tbody>
          </table>
        </div>
      </div>

      <div className="space-y-2">
        {shown.map((op) => (
          <details
            key={op.id}
            id={op.id}
            open={open.has(op.id)}
            onToggle={(e) => toggle(op.id, e.currentTarget.open)}
            className="card scroll-mt-4 p-0 text-sm"
          >
            <summary className="flex cursor-pointer flex-wrap items-baseline gap-x-3 gap-y-1 px-5 py-3">
              <h3 id={`${op.id}-title`} className="font-mono font-semibold">{op.method.toUpperCase()} {op.path}</h3>
              <span className="text-slate-700">{op.summary}</span>
              <a href={`#${op.id}`} className="ml-auto text-xs text-blue-700 underline" aria-label={`Link to ${op.method.toUpperCase()} ${op.path}`}>#</a>
            </summary>
            <section aria-labelledby={`${op.id}-title`} className="overflow-x-auto border-t border-slate-200 px-5 pb-4 pt-2">
              {op.details}
            </section>
          </details>
        ))}
      </div>
    </div>
  );
}
