"use client";

import { useActionState, useEffect, useRef, useState } from "react";
import { reviewAction, undoReviewAction } from "@/app/(portal)/review/actions";
import { EmptyRow } from "@/components/empty-row";
import { SentimentBadge } from "@/components/sentiment-badge";
import { Alert } from "@/components/action-outcome";

type Row = { id: number; text: string; sentiment: string | null; confidence: number | null; categoryName: string; accountName: string; flag: { by: string | null; reason: string | null } | null };

const LABELS = ["negative", "neutral", "positive"] as const;

/**
 * The review queue. Keyboard: j/k move, 1/2/3 set negative/neutral/positive, a confirms the
 * model's label; with rows ticked the key applies to all of them, otherwise to the focused row.
 * u undoes the last of these actions.
 */
export function ReviewQueue({ rows }: { rows: Row[] }) {
  const [reviewState, action, reviewPending] = useActionState(reviewAction, undefined);
  const [undoState, undoAction, undoPending] = useActionState(undoReviewAction, undefined);
  const pending = reviewPending || undoPending;
  // The last action's reviews, while they can be undone; and which outcome to show, the newest.
  const [undoable, setUndoable] = useState<number[] | null>(null);
  const [shown, setShown] = useState<{ review?: typeof reviewState; undo?: typeof undoState; last?: "review" | "undo" }>({});
  const [ticked, setSelected] = useState<Set<number>>(new Set());
  if (reviewState !== shown.review) {
    setShown({ ...shown, review: reviewState, last: "review" });
    const ids = (reviewState?.data as { reviewIds?: number[] } | undefined)?.reviewIds;
    setUndoable(reviewState?.ok && ids?.length ? ids : null);
    // The ticked rows were the ones reviewed: an undo brings them back unticked, so the next
    // key acts on the focused row, not again on all of them.
    if (reviewState?.ok) setSelected(new Set());
  } else if (undoState !== shown.undo) {
    setShown({ ...shown, undo: undoState, last: "undo" });
    if (undoState?.ok) setUndoable(null);
  }
  const state = shown.last === "undo" ? undoState : reviewState;
  const undoFormRef = useRef<HTMLFormElement>(null);
  const [focusIndex, setFocus] = useState(0);
  // After a review the server sends new rows: ticks of rows that left the page drop out
  // and the focus stays within the list.
  const selected = new Set([...ticked].filter((id) => rows.some((r) => r.id === id)));
  const focus = Math.max(0, Math.min(focusIndex, rows.length - 1));
  const formRef = useRef<HTMLFormElement>(null);
  const labelRef = useRef<HTMLInputElement>(null);
  const idsRef = useRef<HTMLDivElement>(null);
  const tableRef = useRef<HTMLTableSectionElement>(null);

  // j/k walk past the bottom of the window: keep the focused row in view.
  useEffect(() => {
    tableRef.current?.querySelector("tr[aria-selected=true]")?.scrollIntoView({ block: "nearest" });
  }, [focus]);

  const submit = (label: string, ids: number[]) => {
    if (!formRef.current || !labelRef.current || !idsRef.current || ids.length === 0) return;
    labelRef.current.value = label;
    idsRef.current.replaceChildren(
      ...ids.map((id) => Object.assign(document.createElement("input"), { type: "hidden", name: "taskIds", value: String(id) })),
    );
    formRef.current.requestSubmit();
  };

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const target = e.target as HTMLElement;
      if (target.closest("input[type=text], textarea, select") || e.metaKey || e.ctrlKey || e.altKey || pending) return;
      const current = rows[focus];
      const ids = selected.size ? [...selected] : current ? [current.id] : [];
      if (e.key === "j") setFocus(Math.min(rows.length - 1, focus + 1));
      else if (e.key === "k") setFocus(Math.max(0, focus - 1));
      else if (e.key === "1" || e.key === "2" || e.key === "3") submit(LABELS[Number(e.key) - 1], ids);
      else if (e.key === "a" && current?.sentiment) {
        // Confirm: each task keeps the label the model gave it, all in one review.
        submit("confirm", ids);
      } else if (e.key === "u" && undoable) undoFormRef.current?.requestSubmit();
      else return;
      e.preventDefault();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  });

  const allTicked = rows.length > 0 && selected.size === rows.length;
  return (
    <div className="space-y-3">
      <p className="text-sm text-slate-700" id="shortcuts">
        Keyboard: <kbd className="rounded border px-1">j</kbd>/<kbd className="rounded border px-1">k</kbd> move ·{" "}
        <kbd className="rounded border px-1">1</kbd> negative · <kbd className="rounded border px-1">2</kbd> neutral ·{" "}
        <kbd className="rounded border px-1">3</kbd> positive · <kbd className="rounded border px-1">a</kbd> confirm the model ·{" "}
        <kbd className="rounded border px-1">u</kbd> undo the last review. Ticked rows are reviewed together.
      </p>
      <form ref={formRef} action={action} className="flex flex-wrap items-center gap-2">
        <input ref={labelRef} type="hidden" name="label" />
        <div ref={idsRef} hidden />
        <label htmlFor="review-note" className="text-sm font-medium">Note (optional)</label>
        <input id="review-note" name="note" type="text" maxLength={1000} className="field-input w-64" />
        <span className="text-sm text-slate-700">{selected.size ? `${selected.size} ticked` : "no rows ticked: keys act on the focused row"}</span>
        {LABELS.map((l, i) => (
          <button
            key={l}
            type="button"
            className="btn-secondary"
            disabled={pending || (!selected.size && !rows[focus])}
            onClick={() => submit(l, selected.size ? [...selected] : rows[focus] ? [rows[focus].id] : [])}
          >
            {i + 1} · {l}
          </button>
        ))}
      </form>
      {state?.error ? <Alert>{state.error}</Alert> : null}
      <div className="flex flex-wrap items-center gap-3">
        {state?.message ? <p role="status" className="text-sm text-emerald-800">{state.message}</p> : null}
        {undoable ? (
          <form ref={undoFormRef} action={undoAction}>
            {undoable.map((id) => <input key={id} type="hidden" name="reviewIds" value={id} />)}
            <button type="submit" className="btn-secondary py-1" disabled={pending} aria-keyshortcuts="u">
              Undo <kbd className="rounded border px-1 text-xs">u</kbd>
            </button>
          </form>
        ) : null}
      </div>
      <div className="card overflow-x-auto p-0">
        <table className="data-table" aria-describedby="shortcuts">
          <thead>
            <tr>
              <th scope="col">
                <input
                  type="checkbox"
                  aria-label="Select all on this page"
                  checked={allTicked}
                  onChange={() => setSelected(allTicked ? new Set() : new Set(rows.map((r) => r.id)))}
                />
              </th>
              <th scope="col">Request</th>
              <th scope="col">Category</th>
              <th scope="col">Model says</th>
            </tr>
          </thead>
          <tbody ref={tableRef}>
            {rows.map((r, i) => (
              <tr
                key={r.id}
                data-testid="review-row"
                aria-selected={i === focus}
                onClick={() => setFocus(i)}
                className={i === focus ? "bg-blue-50 outline outline-2 -outline-offset-2 outline-blue-600" : undefined}
              >
                <td>
                  <input
                    type="checkbox"
                    aria-label={`Select request ${r.id}`}
                    checked={selected.has(r.id)}
                    onChange={() => {
                      const next = new Set(selected);
                      if (next.has(r.id)) next.delete(r.id);
                      else next.add(r.id);
                      setSelected(next);
                    }}
                  />
                </td>
                <td className="max-w-xl">
                  <a href={`/tasks/${r.id}`} className="text-blue-800 hover:underline">#{r.id}</a> <span className="text-slate-600">{r.accountName}</span>
                  {r.flag ? (
                    <span className="ml-2 text-xs font-medium text-amber-800" data-testid="review-flag">
                      flagged by {r.flag.by ?? "an agent"}{r.flag.reason ? <>: &ldquo;{r.flag.reason}&rdquo;</> : null}
                    </span>
                  ) : null}
                  <p className="line-clamp-3">{r.text}</p>
                </td>
                <td className="whitespace-nowrap">{r.categoryName}</td>
                <td><SentimentBadge label={r.sentiment} confidence={r.confidence} /></td>
              </tr>
            ))}
            {rows.length === 0 ? <EmptyRow columns={4}>Nothing to review in this queue. Newly scored requests (and those agents flag) appear here until a supervisor confirms or corrects them; try the other queues above.</EmptyRow> : null}
          </tbody>
        </table>
      </div>
    </div>
  );
}
