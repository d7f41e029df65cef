// Bulk creation of tasks with their first prediction, for the seed generator and CSV
// imports: texts are scored in one batch with the active model, ids are assigned here
// so a task and its prediction link up without reading anything back.
import type { Executor } from "@/db/client";
import { bulkInsertStatements, maxTaskAndPredictionIds, type NewPrediction, type NewTask } from "@/db/queries/tasks";
import type { Sentiment } from "@/db/schema";
import type { TextClassifier } from "@/models/classifier";

export type BulkTask = Omit<NewTask, "id" | "sentiment" | "confidence" | "negativeScore" | "latestPredictionId"> & { createdAt: Date };

export class BulkTaskWriter {
  private nextTaskId = 0;
  private nextPredictionId = 0;

  private constructor(
    private readonly db: Executor,
    private readonly model: { versionId: number; classifier: TextClassifier },
  ) {}

  static async open(db: Executor, model: { versionId: number; classifier: TextClassifier }): Promise<BulkTaskWriter> {
    const writer = new BulkTaskWriter(db, model);
    const max = await maxTaskAndPredictionIds(db);
    writer.nextTaskId = max.task + 1;
    writer.nextPredictionId = max.prediction + 1;
    return writer;
  }

  /** Scores and inserts a batch, inside `tx` when given. */
  async write(batch: BulkTask[], tx: Executor = this.db): Promise<void> {
    for (const statement of this.statements(batch, tx)) await statement;
  }

  /**
   * Scores a batch and returns its insert statements, for `db.batch()`: one implicit
   * transaction on the client's own connection. (An interactive transaction opens a
   * fresh native connection each time, and thousands of them pile up in memory.)
   */
  statements(batch: BulkTask[], tx: Executor = this.db) {
    if (batch.length === 0) return [];
    const scored = this.model.classifier.predictBatch(batch.map((t) => t.text));
    const taskRows: NewTask[] = [];
    const predictionRows: NewPrediction[] = [];
    batch.forEach((task, i) => {
      const p = scored[i];
      const taskId = this.nextTaskId++;
      const predictionId = this.nextPredictionId++;
      const sentiment = p.label as Sentiment;
      taskRows.push({
        ...task,
        id: taskId,
        sentiment,
        confidence: p.confidence,
        negativeScore: p.scores.negative ?? null,
        latestPredictionId: predictionId,
        updatedAt: task.updatedAt ?? task.createdAt,
      });
      predictionRows.push({
        id: predictionId,
        taskId,
        modelVersionId: this.model.versionId,
        sentiment,
        scores: p.scores,
        confidence: p.confidence,
        emotionStatus: "pending",
        createdAt: task.createdAt,
        updatedAt: task.createdAt,
      });
    });
    return bulkInsertStatements(taskRows, predictionRows, tx);
  }
}
