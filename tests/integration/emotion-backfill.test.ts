// Seeded tasks arrive with emotion pending; the backfill fills them from the emotion
// server once it is reachable. Real database (temp libSQL file), real server on loopback.
import { asc, eq, isNotNull } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { countPendingEmotions } from "@/db/queries/emotions";
import { predictions, tasks } from "@/db/schema";
import { backfillPendingEmotions } from "@/lib/emotion/backfill";
import { createEmotionClient, type EmotionClient } from "@/lib/emotion/client";
import type { EmotionBackend } from "@/models/emotion/types";
import { demoEmotionBackend, startEmotionServer, unusedPort, type RunningServer } from "../support/emotion-servers";
import { freshDemoDatabase } from "../support/demo-db";

let client: EmotionClient;
let backend: EmotionBackend;
let port: number;
let server: RunningServer | undefined;

beforeAll(async () => {
  await freshDemoDatabase({ tasks: 100, examples: 600 });
  backend = await demoEmotionBackend();
  port = await unusedPort();
  client = createEmotionClient({ url: `http://127.0.0.1:${port}/`, failureThreshold: 5, coolDownMs: 100 });
});
afterAll(async () => {
  await server?.close();
});

async function tasksWithEmotion(): Promise<number> {
  return (await getDb().select({ id: tasks.id }).from(tasks).where(isNotNull(tasks.emotion))).length;
}

describe("backfillPendingEmotions", () => {
  it("leaves every prediction pending while the emotion server is down", async () => {
    expect(await countPendingEmotions()).toBe(100);
    expect(await backfillPendingEmotions({ client })).toBe(0);
    expect(await countPendingEmotions()).toBe(100);
    expect(await tasksWithEmotion()).toBe(0);
    expect(client.status().lastError).toMatch(/ECONNREFUSED/);
  });

  it("fills every pending prediction and its task once the server is up", async () => {
    server = await startEmotionServer({ backend }, port);
    // A task with a newer prediction: the older one's emotion must not overwrite the task's.
    const db = getDb();
    const [first] = await db.select().from(predictions).orderBy(asc(predictions.id)).limit(1);
    const [newer] = await db
      .insert(predictions)
      .values({ taskId: first.taskId, sentiment: first.sentiment, scores: first.scores, confidence: first.confidence, emotion: "love", emotionScores: { love: 1 }, emotionStatus: "done", emotionModel: "manual" })
      .returning();
    await db.update(tasks).set({ latestPredictionId: newer.id, emotion: "love" }).where(eq(tasks.id, first.taskId));

    expect(await backfillPendingEmotions({ client, batchSize: 32 })).toBe(100);
    expect(await countPendingEmotions()).toBe(0);

    const rows = await db.select().from(predictions);
    const byId = new Map(rows.map((p) => [p.id, p]));
    for (const p of rows.filter((r) => r.id !== newer.id)) {
      expect(p.emotionStatus).toBe("done");
      expect(backend.labels).toContain(p.emotion);
      expect(p.emotionModel).toBe(backend.id);
      expect(Object.keys(p.emotionScores ?? {}).sort()).toEqual([...backend.labels].sort());
      expect(p.emotionScores![p.emotion!]).toBe(Math.max(...Object.values(p.emotionScores!)));
    }
    // Matches what the model says for the task's text.
    const sample = rows.filter((r) => r.id !== newer.id).slice(0, 5);
    const texts = await Promise.all(sample.map(async (p) => (await db.select({ text: tasks.text }).from(tasks).where(eq(tasks.id, p.taskId)))[0].text));
    expect(sample.map((p) => p.emotion)).toEqual((await backend.classify(texts)).map((l) => l[0].label));

    // tasks.emotion is the latest prediction's emotion, for every task.
    const allTasks = await db.select().from(tasks);
    expect(allTasks).toHaveLength(100);
    for (const t of allTasks) expect(t.emotion).toBe(byId.get(t.latestPredictionId!)!.emotion);
    expect(allTasks.find((t) => t.id === first.taskId)!.emotion).toBe("love");

    expect(await backfillPendingEmotions({ client })).toBe(0);
  });

  it("works oldest first and stops after maxBatches", async () => {
    const db = getDb();
    await db.update(predictions).set({ emotionStatus: "pending", emotion: null, emotionScores: null, emotionModel: null });
    expect(await backfillPendingEmotions({ client, batchSize: 10, maxBatches: 2 })).toBe(20);
    const done = await db.select({ id: predictions.id }).from(predictions).where(eq(predictions.emotionStatus, "done")).orderBy(asc(predictions.id));
    const all = await db.select({ id: predictions.id }).from(predictions).orderBy(asc(predictions.id));
    expect(done.map((r) => r.id)).toEqual(all.slice(0, 20).map((r) => r.id));
  });

  it("marks a text the server refuses as failed and goes on with the rest", async () => {
    const db = getDb();
    const [someTask] = await db.select().from(tasks).limit(1);
    const [blank] = await db
      .insert(tasks)
      .values({ accountId: someTask.accountId, categoryId: someTask.categoryId, text: "   " })
      .returning();
    // The newest prediction: it lands in the last batch, beside texts the server accepts.
    const [blankPrediction] = await db
      .insert(predictions)
      .values({ taskId: blank.id, sentiment: "neutral", scores: { neutral: 1 }, confidence: 1 })
      .returning();
    await db.update(tasks).set({ latestPredictionId: blankPrediction.id }).where(eq(tasks.id, blank.id));

    const pendingBefore = await countPendingEmotions();
    expect(await backfillPendingEmotions({ client, batchSize: 32 })).toBe(pendingBefore - 1);
    expect(await countPendingEmotions()).toBe(0);
    const [row] = await db.select().from(predictions).where(eq(predictions.id, blankPrediction.id));
    expect(row.emotionStatus).toBe("failed");
    expect(client.status().state).toBe("closed");
  });
});
