// A training run's data choices in words, for the model pages (the stored selection is JSON).
import { testSelectionSchema, trainSelectionSchema } from "./selection";

type Names = { datasets: Map<number, string>; categories: Map<number, string> };

const day = (d: Date) => d.toISOString().slice(0, 10);
const named = (ids: number[], names: Map<number, string>, what: string) => ids.map((id) => names.get(id) ?? `${what} #${id}`).join(", ");

/** "Demo examples + supervisor corrections · Billing, Payments · from 2026-10-01", and the test data likewise. */
export function describeSelection(train: unknown, test: unknown, names: Names): { train: string; test: string } {
  const t = trainSelectionSchema.safeParse(train);
  const s = testSelectionSchema.safeParse(test);
  let trainText = "not recorded";
  // The shipped model was trained outside the app; its selection records the source in words.
  const source = (x: unknown) => (typeof x === "object" && x !== null && typeof (x as { source?: unknown }).source === "string" ? (x as { source: string }).source : null);
  if (source(train)) trainText = source(train)!;
  if (t.success && !source(train)) {
    const sources = [named(t.data.datasetIds, names.datasets, "dataset"), t.data.includeCorrections ? "supervisor corrections" : ""].filter(Boolean);
    const parts = [sources.join(" + ")];
    if (t.data.demoLimit !== undefined) parts.push(`at most ${t.data.demoLimit} demo rows, as a prior`);
    parts.push(t.data.categoryIds.length ? named(t.data.categoryIds, names.categories, "category") : "all categories");
    if (t.data.from || t.data.to) parts.push([t.data.from ? `from ${day(t.data.from)}` : "", t.data.to ? `before ${day(t.data.to)}` : ""].filter(Boolean).join(" "));
    trainText = parts.join(" · ");
  }
  let testText = source(test) ?? "not recorded";
  if (s.success) {
    const v = s.data;
    testText =
      v.kind === "holdout"
        ? `${v.percent} % held out of the training data (seed ${v.seed})`
        : v.kind === "time"
          ? `time split: trained on examples before ${day(v.splitAt)}, tested on those from then on`
          : `separate dataset: ${named(v.datasetIds, names.datasets, "dataset")}`;
  }
  return { train: trainText, test: testText };
}
