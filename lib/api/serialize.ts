// Database rows to the API's JSON shapes (snake_case, ISO dates, "pending" emotions).
import type { TaskRow } from "@/db/queries/task-list";
import type { ModelVersionSummary } from "@/db/queries/models";
import type { ExplanationToken } from "@/models/classifier";

/** The words that drove a decision, without the model's internal feature names. */
export function explanationJson(tokens: ExplanationToken[]) {
  return tokens.map(({ text, start, end, label, weight }) => ({ text, start, end, label, weight }));
}

export function taskJson(t: TaskRow) {
  return {
    id: t.id,
    text: t.text,
    status: t.status,
    channel: t.channel,
    sentiment: t.sentiment,
    confidence: t.confidence,
    emotion: t.emotion ?? "pending",
    reviewed: t.reviewed,
    flagged: t.flaggedAt !== null,
    account: { id: t.accountId, name: t.accountName },
    category: t.categoryName,
    created_at: t.createdAt.toISOString(),
  };
}

export function modelJson(v: ModelVersionSummary, activeId: number | null) {
  const m = (v.metrics ?? {}) as Record<string, unknown>;
  return {
    id: v.id,
    name: v.name,
    algorithm: v.algorithm,
    params: v.params,
    status: v.status,
    progress: v.progress,
    progress_message: v.progressMessage,
    active: v.id === activeId,
    labels: v.labels,
    metrics: v.status === "succeeded" ? { accuracy: m.accuracy, macro_f1: m.macroF1, per_class: m.perClass, active_comparison: m.activeComparison ?? null } : null,
    confusion: v.confusion,
    n_train: v.nTrain,
    n_test: v.nTest,
    train_selection: v.trainSelection,
    test_selection: v.testSelection,
    error: v.error,
    created_at: v.createdAt.toISOString(),
    finished_at: v.finishedAt?.toISOString() ?? null,
    promoted_at: v.promotedAt?.toISOString() ?? null,
  };
}
