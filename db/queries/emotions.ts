// Emotion results on predictions: the backlog waiting for the emotion service and
// the writes that fill it.
import { and, count, eq, inArray, ne, sql } from "drizzle-orm";
import { getDb, type Executor } from "../client";
import { predictions, taskMessages, tasks } from "../schema";

/** `latest`: the task's current labels are this prediction's (its latest customer message). */
export type PendingEmotion = { predictionId: number; taskId: number; text: string; latest: boolean };

/**
 * The oldest predictions still waiting for an emotion, with the text each one scored: a
 * follow-up's own message, or the task's opening text (predictions.message_id null).
 * Ordered by id, which is arrival order: the (emotion_status) index then already
 * holds them in that order (SQLite appends the rowid to every index), so a large
 * backlog is read without sorting it.
 */
export async function listPendingEmotions(limit: number, db: Executor = getDb()): Promise<PendingEmotion[]> {
  return db
    .select({
      predictionId: predictions.id,
      taskId: predictions.taskId,
      text: sql<string>`coalesce(${taskMessages.text}, ${tasks.text})`,
      latest: sql<boolean>`${tasks.latestPredictionId} = ${predictions.id}`.mapWith(Boolean),
    })
    .from(predictions)
    .innerJoin(tasks, eq(tasks.id, predictions.taskId))
    .leftJoin(taskMessages, eq(taskMessages.id, predictions.messageId))
    .where(eq(predictions.emotionStatus, "pending"))
    .orderBy(predictions.id)
    .limit(limit);
}

export async function countPendingEmotions(db: Executor = getDb()): Promise<number> {
  const [row] = await db.select({ n: count() }).from(predictions).where(eq(predictions.emotionStatus, "pending"));
  return row?.n ?? 0;
}

export type EmotionUpdate = {
  predictionId: number;
  taskId: number;
  emotion: string;
  scores: Record<string, number>;
  model: string;
};

/**
 * Stores emotions on still-pending predictions, on each task whose latest prediction it is
 * (tasks.emotion is the denormalised copy that lists and trends read; a trigger copies it to
 * the latest customer message), and on an earlier customer message the prediction scored —
 * a follow-up since answered by another, or the opening request of a conversation. One
 * transaction; a prediction already filled meanwhile (by another worker, or the analysis
 * itself) is left alone. Returns how many predictions were filled.
 */
export async function saveEmotions(updates: EmotionUpdate[], db = getDb()): Promise<number> {
  if (updates.length === 0) return 0;
  const statements = updates.flatMap((u) => {
    const stillPending = sql`exists (select 1 from ${predictions} where ${predictions.id} = ${u.predictionId} and ${predictions.emotionStatus} = 'pending')`;
    const scoredMessage = sql`coalesce((select ${predictions.messageId} from ${predictions} where ${predictions.id} = ${u.predictionId}),
      (select min(${taskMessages.id}) from ${taskMessages} where ${taskMessages.taskId} = ${u.taskId} and ${taskMessages.author} = 'customer'))`;
    const latestMessage = sql`(select max(${taskMessages.id}) from ${taskMessages} where ${taskMessages.taskId} = ${u.taskId} and ${taskMessages.author} = 'customer')`;
    return [
      // Before the prediction's own update, which ends "still pending".
      db
        .update(taskMessages)
        .set({ emotion: u.emotion })
        .where(and(eq(taskMessages.id, scoredMessage), ne(taskMessages.id, latestMessage), stillPending)),
      db
        .update(predictions)
        .set({ emotion: u.emotion, emotionScores: u.scores, emotionStatus: "done", emotionModel: u.model })
        .where(and(eq(predictions.id, u.predictionId), eq(predictions.emotionStatus, "pending")))
        .returning({ id: predictions.id }),
      db
        .update(tasks)
        .set({ emotion: u.emotion })
        .where(and(eq(tasks.id, u.taskId), eq(tasks.latestPredictionId, u.predictionId))),
    ];
  });
  const results = await db.batch(statements as [(typeof statements)[number], ...(typeof statements)[number][]]);
  return results.filter((r, i) => i % 3 === 1 && Array.isArray(r) && r.length > 0).length;
}

/** Marks predictions whose text the emotion service refuses (e.g. too long), so they leave the backlog. */
export async function markEmotionsFailed(predictionIds: number[], model: string | null, db: Executor = getDb()): Promise<void> {
  if (predictionIds.length === 0) return;
  await db
    .update(predictions)
    .set({ emotionStatus: "failed", emotionModel: model })
    .where(and(inArray(predictions.id, predictionIds), eq(predictions.emotionStatus, "pending")));
}
