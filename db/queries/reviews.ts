// Supervisor reviews: an audit trail whose rows are never deleted. A review also turns the
// corrected text (the reviewed message's) into a training example and sets the task's
// effective label; an undo marks the reviews it takes back and puts the task back as the
// reviews still in effect leave it.
import { and, asc, desc, eq, gte, inArray, isNotNull, isNull, lt, ne, sql, type SQL } from "drizzle-orm";
import { getDb, type Database } from "../client";
import { alias } from "drizzle-orm/sqlite-core";
import { examples, predictions, reviews, tasks, users, type Sentiment } from "../schema";
import { scoredTextOf } from "./conversations";

/** `label` "confirm" keeps each task's current label (what the model said, or the last review). */
export type ReviewInput = { taskIds: number[]; reviewerId: number; label: Sentiment | "confirm"; note?: string | null; correctionsDatasetId: number };

/** Tasks that can be reviewed (they exist and have a prediction), among the given ids. */
export async function reviewableTaskIds({ taskIds }: { taskIds: number[] }, db: Database = getDb()): Promise<Set<number>> {
  const rows = await db
    .select({ id: tasks.id })
    .from(tasks)
    .where(and(inArray(tasks.id, taskIds), isNotNull(tasks.latestPredictionId), isNotNull(tasks.sentiment)));
  return new Set(rows.map((r) => r.id));
}

/**
 * Records reviews of several tasks in one atomic batch. Each review is of the task's latest
 * prediction — its latest customer message, whose label is the task's — and its "label
 * before" is the task's effective label when the batch runs; the task's label afterwards is
 * that of its newest review of that prediction (highest id), so two supervisors reviewing at
 * once both leave a row and the outcome does not depend on who commits first. One training
 * example per corrected message carries its latest label and that message's text (a
 * follow-up's, not the opening request's). Returns the label before of each task.
 */
export async function insertReviews(input: ReviewInput, db: Database = getDb()): Promise<Map<number, { reviewId: number; labelBefore: Sentiment; labelAfter: Sentiment }>> {
  const labelAfter = input.label === "confirm" ? sql`${tasks.sentiment}` : sql`${input.label}`;
  const statements = input.taskIds.flatMap((taskId) => {
    const latest = sql`(select ${tasks.latestPredictionId} from ${tasks} where ${tasks.id} = ${taskId})`;
    const newest = newestLabel(latest);
    return [
      db.run(sql`insert into ${reviews} (prediction_id, task_id, reviewer_id, label_before, label_after, note, flagged_at_before)
        select ${tasks.latestPredictionId}, ${tasks.id}, ${input.reviewerId}, ${tasks.sentiment}, ${labelAfter}, ${input.note ?? null}, ${tasks.flaggedAt}
        from ${tasks} where ${tasks.id} = ${taskId}`),
      db
        .update(tasks)
        .set({ sentiment: sql`${newest}`, reviewed: true, flaggedAt: null, confidence: 1, negativeScore: sql`case when ${newest} = 'negative' then 1.0 else 0.0 end` })
        .where(eq(tasks.id, taskId)),
      ...correctionStatements(db, { taskId, predictionId: latest, correctionsDatasetId: input.correctionsDatasetId }),
    ];
  });
  const reviewIdsBefore = await db.select({ m: sql<number>`coalesce(max(${reviews.id}), 0)` }).from(reviews);
  await db.batch(statements as [(typeof statements)[number], ...typeof statements]);
  const written = await db
    .select({ reviewId: reviews.id, taskId: reviews.taskId, labelBefore: reviews.labelBefore, labelAfter: reviews.labelAfter })
    .from(reviews)
    .where(and(inArray(reviews.taskId, input.taskIds), eq(reviews.reviewerId, input.reviewerId), sql`${reviews.id} > ${reviewIdsBefore[0].m}`))
    .orderBy(asc(reviews.id));
  return new Map(written.map((r) => [r.taskId, { reviewId: r.reviewId, labelBefore: r.labelBefore, labelAfter: r.labelAfter }]));
}

/**
 * The label of the newest review still in effect (not undone) of a prediction, as SQL; null
 * when there is none. Per prediction, that is per customer message: a correction of the
 * opening request says nothing about a follow-up's label.
 */
function newestLabel(predictionId: SQL) {
  return sql`(select ${reviews.labelAfter} from ${reviews} where ${reviews.predictionId} = ${predictionId} and ${reviews.undoneAt} is null order by ${reviews.id} desc limit 1)`;
}

/**
 * The corrections dataset follows the reviews of one prediction: its example (the text that
 * prediction scored, dated when it arrived) is replaced by one with the newest label in effect,
 * or removed when none is left. Examples are matched by task and text, so a task's other
 * messages keep theirs — and examples written before conversations (the opening text) match.
 */
function correctionStatements(db: Database, { taskId, predictionId, correctionsDatasetId }: { taskId: number; predictionId: SQL; correctionsDatasetId: number }) {
  const newest = newestLabel(predictionId);
  const text = scoredTextOf(predictionId);
  return [
    db.delete(examples).where(and(eq(examples.datasetId, correctionsDatasetId), eq(examples.sourceTaskId, taskId), eq(examples.text, text))),
    db.run(sql`insert into ${examples} (dataset_id, text, label, category_id, source_task_id, occurred_at)
      select ${correctionsDatasetId}, ${text}, ${newest}, ${tasks.categoryId}, ${tasks.id}, ${scoredTextOf(predictionId, "created_at")}
      from ${tasks} where ${tasks.id} = ${taskId} and ${newest} is not null`),
  ];
}

/** Reviews by id, with whether each is still the newest in effect on its task. */
export async function findReviewsForUndo({ reviewIds }: { reviewIds: number[] }, db: Database = getDb()) {
  return db
    .select({
      id: reviews.id,
      taskId: reviews.taskId,
      reviewerId: reviews.reviewerId,
      labelBefore: reviews.labelBefore,
      labelAfter: reviews.labelAfter,
      undoneAt: reviews.undoneAt,
      // The outer task_id is written out with its table: Drizzle prints a one-table select's columns
      // bare, and a bare "task_id" inside the subquery is r2's own, which made the newest review of
      // any task the only one that could be undone.
      newestInEffect: sql<number>`${reviews.id} = (select max(r2.id) from ${reviews} r2 where r2.task_id = "reviews"."task_id" and r2.undone_at is null)`,
    })
    .from(reviews)
    .where(inArray(reviews.id, reviewIds));
}

/**
 * Takes reviews back, in one atomic batch: marks them undone and puts each task back as the
 * reviews still in effect leave it — the newest one's label, or, with none left, the model's
 * label and confidence, back in the review queue with the agent's flag it had. The
 * corrections dataset follows. Each review must be its task's newest in effect (checked by
 * the caller; a review made meanwhile is left alone by the `undone_at is null` guards). A
 * review of an earlier message (the task has had a follow-up since) leaves the task's labels,
 * which are the follow-up's, alone: only that message's training example changes.
 */
export async function undoReviewRows(
  { reviews: undone, undoneById, correctionsDatasetId }: { reviews: { id: number; taskId: number }[]; undoneById: number; correctionsDatasetId: number },
  db: Database = getDb(),
): Promise<void> {
  const now = new Date();
  const statements = undone.flatMap(({ id, taskId }) => {
    const reviewed = sql`(select ${reviews.predictionId} from ${reviews} where ${reviews.id} = ${id})`;
    const newest = newestLabel(reviewed);
    const model = (column: SQL) => sql`(select ${column} from ${predictions} where ${predictions.id} = ${tasks.latestPredictionId})`;
    const flagBefore = sql`(select ${reviews.flaggedAtBefore} from ${reviews} where ${reviews.id} = ${id})`;
    return [
      db.update(reviews).set({ undoneAt: now, undoneById }).where(and(eq(reviews.id, id), isNull(reviews.undoneAt))),
      db
        .update(tasks)
        .set({
          sentiment: sql`coalesce(${newest}, ${model(sql`${predictions.sentiment}`)})`,
          reviewed: sql`${newest} is not null`,
          confidence: sql`case when ${newest} is not null then 1.0 else ${model(sql`${predictions.confidence}`)} end`,
          negativeScore: sql`case when ${newest} is not null then (case when ${newest} = 'negative' then 1.0 else 0.0 end) else ${model(sql`json_extract(${predictions.scores}, '$.negative')`)} end`,
          flaggedAt: sql`case when ${newest} is null then ${flagBefore} else ${tasks.flaggedAt} end`,
        })
        .where(and(eq(tasks.id, taskId), sql`${tasks.latestPredictionId} = ${reviewed}`)),
      ...correctionStatements(db, { taskId, predictionId: reviewed, correctionsDatasetId }),
    ];
  });
  if (statements.length) await db.batch(statements as [(typeof statements)[number], ...typeof statements]);
}

export type ReviewHistoryFilter = { reviewerId?: number; modelVersionId?: number; from?: Date; to?: Date; changed?: boolean };

function historyWhere(f: ReviewHistoryFilter): SQL | undefined {
  return and(
    f.reviewerId ? eq(reviews.reviewerId, f.reviewerId) : undefined,
    f.modelVersionId ? eq(predictions.modelVersionId, f.modelVersionId) : undefined,
    f.from ? gte(reviews.createdAt, f.from) : undefined,
    f.to ? lt(reviews.createdAt, f.to) : undefined,
    f.changed === true ? ne(reviews.labelBefore, reviews.labelAfter) : f.changed === false ? eq(reviews.labelBefore, reviews.labelAfter) : undefined,
  );
}

export async function listReviewHistory({ filter = {}, limit = 200 }: { filter?: ReviewHistoryFilter; limit?: number }, db: Database = getDb()) {
  const undoer = alias(users, "undoer");
  return db
    .select({
      undoneAt: reviews.undoneAt,
      undoneBy: undoer.email,
      id: reviews.id,
      taskId: reviews.taskId,
      labelBefore: reviews.labelBefore,
      labelAfter: reviews.labelAfter,
      note: reviews.note,
      createdAt: reviews.createdAt,
      reviewerId: reviews.reviewerId,
      reviewer: users.email,
      modelVersionId: predictions.modelVersionId,
      modelLabel: predictions.sentiment,
    })
    .from(reviews)
    .innerJoin(users, eq(users.id, reviews.reviewerId))
    .innerJoin(predictions, eq(predictions.id, reviews.predictionId))
    .leftJoin(undoer, eq(undoer.id, reviews.undoneById))
    .where(historyWhere(filter))
    .orderBy(desc(reviews.id))
    .limit(limit);
}
