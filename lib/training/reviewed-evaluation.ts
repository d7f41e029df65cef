// A new version's quality on the company's own reviewed requests that it did not learn
// from: the figure that says whether a run helped on real messages, whatever the test
// selection was (a hold-out of demo text, a time split, another dataset).
import { evaluate } from "@/models/evaluation";
import type { TextClassifier } from "@/models/classifier";
import type { LabelledRow } from "./split";

type Figures = { accuracy: number; macroF1: number };

export type ReviewedEvaluation = Figures & {
  /** Reviewed requests this version was not trained on. */
  n: number;
  perClass: Record<string, { precision: number; recall: number; f1: number; support: number }>;
  /** Both versions on the reviewed requests neither was trained on (null: no active version, or none left). */
  vsActive: { versionId: number; n: number; active: Figures; thisVersion: Figures } | null;
};

function figures(classifier: TextClassifier, rows: LabelledRow[]) {
  const predicted = classifier.predictBatch(rows.map((r) => r.text)).map((p) => p.label);
  // No fixed label list: a supervisor's label the model never learnt counts as a miss, not an error.
  return evaluate(rows.map((r) => r.label), predicted);
}

export function evaluateOnReviewed(
  reviewed: LabelledRow[],
  trainedOn: Set<string>,
  classifier: TextClassifier,
  active: { versionId: number; classifier: TextClassifier; trainedOn: Set<string> | null } | null,
): ReviewedEvaluation | null {
  const unseen = reviewed.filter((r) => !trainedOn.has(r.text));
  if (unseen.length === 0) return null;
  const mine = figures(classifier, unseen);
  let vsActive: ReviewedEvaluation["vsActive"] = null;
  // An active version whose training rows cannot be rebuilt is left out rather than flattered.
  if (active?.trainedOn) {
    const common = unseen.filter((r) => !active.trainedOn!.has(r.text));
    if (common.length > 0) {
      const a = figures(active.classifier, common);
      const m = common.length === unseen.length ? mine : figures(classifier, common);
      vsActive = {
        versionId: active.versionId,
        n: common.length,
        active: { accuracy: a.accuracy, macroF1: a.macroF1 },
        thisVersion: { accuracy: m.accuracy, macroF1: m.macroF1 },
      };
    }
  }
  return { n: unseen.length, accuracy: mine.accuracy, macroF1: mine.macroF1, perClass: mine.perClass, vsActive };
}
