// What a version's test figures were measured on, in words. A figure on generated demo
// text says nothing about real customer messages (v1 scores macro-F1 0.93 on its own
// generated hold-out and far less on real text), so the page must say so beside it.
import type { DatasetKind } from "@/db/queries/datasets";
import { testSelectionSchema, trainSelectionSchema } from "./selection";

export type MeasuredOn = {
  text: string;
  /** all: every test row is generated demo text; part: some are; none: only real labels. */
  generated: "all" | "part" | "none" | "unknown";
};

const n = (v: number) => v.toLocaleString("en-GB");

const OWN_KIND_WORDS: Record<Exclude<DatasetKind, "demo">, string> = {
  corrections: "reviewed requests",
  import: "imported examples",
  manual: "labelled examples",
};

/** From the counts recorded at training (runs since issue 16). */
function fromSources(sources: Partial<Record<DatasetKind, number>>, how: string): MeasuredOn {
  const total = Object.values(sources).reduce((a, b) => a + (b ?? 0), 0);
  const demo = sources.demo ?? 0;
  if (total > 0 && demo === total) {
    return { text: `${n(total)} generated demo texts ${how}, not real customer messages`, generated: "all" };
  }
  const own = (Object.keys(OWN_KIND_WORDS) as (keyof typeof OWN_KIND_WORDS)[])
    .filter((k) => sources[k])
    .map((k) => `${n(sources[k]!)} ${OWN_KIND_WORDS[k]}`);
  if (demo > 0) return { text: `${n(total)} examples ${how}: ${own.join(", ")} and ${n(demo)} generated demo texts`, generated: "part" };
  return { text: `${n(total)} examples of your own ${how}: ${own.join(", ")}`, generated: "none" };
}

/**
 * Older versions recorded no counts: the kinds of the datasets their selection names tell
 * whether the test rows could only have been generated text.
 */
function fromSelection(train: unknown, test: unknown, kinds: Map<number, DatasetKind>, nTest: number | null, how: string): MeasuredOn {
  const t = trainSelectionSchema.safeParse(train);
  const s = testSelectionSchema.safeParse(test);
  if (!t.success || !s.success) return { text: "test data not recorded", generated: "unknown" };
  const ids = s.data.kind === "dataset" ? s.data.datasetIds : t.data.datasetIds;
  const sourceKinds = new Set(ids.map((id) => kinds.get(id) ?? "manual"));
  if (s.data.kind !== "dataset" && t.data.includeCorrections) sourceKinds.add("corrections");
  const count = nTest === null ? "" : `${n(nTest)} `;
  if (sourceKinds.size === 1 && sourceKinds.has("demo")) {
    return { text: `${count}generated demo texts ${how}, not real customer messages`, generated: "all" };
  }
  if (sourceKinds.has("demo")) return { text: `${count}examples ${how}, partly generated demo text`, generated: "part" };
  return { text: `${count}examples of your own ${how}`, generated: "none" };
}

/** The shipped version was measured outside the app (npm run models:ship) and names its test data in words. */
function shippedTestSource(test: unknown): string | null {
  if (typeof test !== "object" || test === null || !("source" in test)) return null;
  const source = (test as { source: unknown }).source;
  return typeof source === "string" && source !== "not measured" ? source : null;
}

export function measuredOn(
  version: { trainSelection: unknown; testSelection: unknown; nTest: number | null; metrics: Record<string, unknown> | null },
  kinds: Map<number, DatasetKind>,
): MeasuredOn {
  const shipped = shippedTestSource(version.testSelection);
  if (shipped) {
    const count = version.nTest === null ? "" : `${n(version.nTest)} texts, `;
    return { text: `${count}${shipped} — real text, but not your own customers' messages`, generated: "none" };
  }
  const s = testSelectionSchema.safeParse(version.testSelection);
  const how = !s.success
    ? "held out"
    : s.data.kind === "holdout"
      ? "held out from its training data"
      : s.data.kind === "time"
        ? "from after its training period"
        : "from a separate dataset";
  const sources = version.metrics?.testSources as Partial<Record<DatasetKind, number>> | undefined;
  if (sources && Object.keys(sources).length) return fromSources(sources, how);
  return fromSelection(version.trainSelection, version.testSelection, kinds, version.nTest, how);
}
