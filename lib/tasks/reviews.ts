// Supervisor reviews: confirm or override the model's sentiment on one task or many, and
// take one's own last reviews back. All the tasks of one call are reviewed (or undone) in one
// atomic batch: all or nothing.
import { z } from "zod";
import { ensureDataset } from "@/db/queries/datasets";
import { insertAuditEntry } from "@/db/queries/audit";
import { agreementByModelVersion } from "@/db/queries/agreement";
import { findReviewsForUndo, insertReviews, listReviewHistory, reviewableTaskIds, undoReviewRows, type ReviewHistoryFilter } from "@/db/queries/reviews";
import { SENTIMENTS } from "@/db/schema";
import { NUL_MESSAGE, withoutNul } from "@/lib/intake/scored-task";
import { toCsv } from "@/lib/platform/csv-writer";
import { AppError, parseOrThrow } from "@/lib/platform/errors";
import { dayOf } from "@/lib/platform/days";
import { orgClock } from "@/lib/platform/time-zone";
import { CORRECTIONS_DATASET } from "@/lib/training/runs";
import { runRules } from "@/lib/support/rules";
import { refreshPriorities } from "@/lib/support/task-priority";

export const reviewSchema = z.object({
  taskIds: z.array(z.coerce.number().int().positive()).min(1, "Choose at least one task.").max(500),
  // "confirm": every task keeps the label it has now (the review queue's "a" on ticked rows
  // the model labelled differently), in the same single batch.
  label: z.enum([...SENTIMENTS, "confirm"], { message: "The label must be negative, neutral, positive or confirm." }),
  // A U+0000 would be stored but read back cut off at it (see lib/intake/scored-task.ts).
  note: z.string().trim().max(1000).refine(withoutNul, NUL_MESSAGE).optional(),
});

export async function reviewTasks(input: unknown, reviewerId: number) {
  const review = parseOrThrow(reviewSchema, input, "validation:review");
  const { label, note } = review;
  const taskIds = [...new Set(review.taskIds)];
  const reviewable = await reviewableTaskIds({ taskIds });
  const missing = taskIds.filter((id) => !reviewable.has(id));
  // Checked before writing anything: one unknown id and none of the batch is reviewed.
  if (missing.length) throw new AppError("not_found:task", `Task ${missing.join(", ")} does not exist or has no prediction to review.`);
  const corrections = await ensureDataset({ name: CORRECTIONS_DATASET, kind: "corrections", description: "Labels set by supervisors in reviews." });
  const written = await insertReviews({ taskIds, reviewerId, label, note: note || null, correctionsDatasetId: corrections.id });
  // A corrected label changes the level of support: recompute, then let the rules look again.
  await refreshPriorities(taskIds, "reviewed");
  await runRules(taskIds, "reviewed");
  return taskIds.map((taskId) => ({ taskId, ...written.get(taskId)! }));
}

const undoSchema = z.object({
  reviewIds: z.array(z.coerce.number().int().positive()).min(1, "Choose the reviews to undo.").max(500),
});

/**
 * Takes back reviews the caller made (the review queue's undo of its last action), as long as
 * nobody reviewed those tasks since. The reviews stay in the history, marked undone; the tasks
 * go back to how the reviews before left them (or to the model's label, in the review queue).
 * Audited.
 */
export async function undoReviews(input: unknown, actorId: number) {
  const reviewIds = [...new Set(parseOrThrow(undoSchema, input, "validation:undo").reviewIds)];
  const rows = await findReviewsForUndo({ reviewIds });
  const missing = reviewIds.filter((id) => !rows.some((r) => r.id === id));
  if (missing.length) throw new AppError("not_found:review", `Review ${missing.join(", ")} does not exist.`);
  if (rows.some((r) => r.reviewerId !== actorId)) throw new AppError("forbidden:undo", "Only the supervisor who made a review can undo it; correct the label on the task's page instead.");
  if (rows.some((r) => r.undoneAt)) throw new AppError("conflict:undo", "These reviews were already undone.");
  const overtaken = rows.filter((r) => !r.newestInEffect);
  if (overtaken.length) {
    throw new AppError("conflict:undo", `Nothing was undone: task ${overtaken.map((r) => `#${r.taskId}`).join(", ")} was reviewed again since; correct the label on its page instead.`);
  }
  const corrections = await ensureDataset({ name: CORRECTIONS_DATASET, kind: "corrections", description: "Labels set by supervisors in reviews." });
  await undoReviewRows({ reviews: rows, undoneById: actorId, correctionsDatasetId: corrections.id });
  await insertAuditEntry({
    actorId,
    action: "review.undo",
    target: rows.map((r) => `task:${r.taskId}`).join(" "),
    details: { reviews: rows.map((r) => ({ reviewId: r.id, taskId: r.taskId, labelBefore: r.labelBefore, labelAfter: r.labelAfter })) },
  });
  return rows.map((r) => ({ reviewId: r.id, taskId: r.taskId }));
}

const historyQuery = z.object({
  reviewer: z.preprocess((v) => (v === "" ? undefined : v), z.coerce.number({ error: "Choose a reviewer from the list." }).int().positive("Choose a reviewer from the list.").optional()),
  model: z.preprocess((v) => (v === "" ? undefined : v), z.coerce.number({ error: "The model version is a number such as 3." }).int("The model version is a number such as 3.").positive("The model version is a number such as 3.").optional()),
  from: z.preprocess((v) => (v === "" ? undefined : v), z.coerce.date({ error: "The From date is not a date." }).optional()),
  to: z.preprocess((v) => (v === "" ? undefined : v), z.coerce.date({ error: "The To date is not a date." }).optional()),
  changed: z.preprocess((v) => (v === "" || v === undefined ? undefined : v === "true"), z.boolean().optional()),
});

export async function reviewHistory(input: unknown, limit = 200) {
  const q = parseOrThrow(historyQuery, input, "validation:review_history", (problems) => `The history filter is not valid: ${Object.values(problems).join(" ")}`);
  // A date means that day in the organisation's time zone, from its midnight, as on every page.
  const clock = await orgClock();
  const midnight = (d: Date | undefined) => (d ? clock.dayStart(dayOf(d.getTime())) : undefined);
  const filter: ReviewHistoryFilter = { reviewerId: q.reviewer, modelVersionId: q.model, from: midnight(q.from), to: midnight(q.to), changed: q.changed };
  return { query: q, rows: await listReviewHistory({ filter, limit }) };
}

export { agreementByModelVersion };

/** CSV of review history rows (lib/platform/csv-writer.ts quotes every field and defuses formulas). */
export function reviewHistoryCsv(rows: Awaited<ReturnType<typeof listReviewHistory>>, dateText?: (d: Date) => string): string {
  const header = ["review_id", "task_id", "reviewed_at", "reviewer", "model_version", "model_label", "label_before", "label_after", "note", "undone_at", "undone_by"];
  return toCsv(header, rows.map((r) => [r.id, r.taskId, r.createdAt, r.reviewer, r.modelVersionId, r.modelLabel, r.labelBefore, r.labelAfter, r.note, r.undoneAt, r.undoneBy]), { dateText });
}
