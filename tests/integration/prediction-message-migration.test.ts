// Migration 0013 on a real database that already holds conversations: each follow-up's
// prediction learns the message it scored, and a correction of a follow-up stored with the
// opening text (before the fix) gets the corrected message's text; everything else is untouched.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import { migrateDatabase } from "@/db/migrate";
import { openDatabaseBefore } from "../support/database-before";

const PREDICTION_MESSAGES = "0013_prediction_messages";
let database: { close(): void };

const T0 = 1_700_000_000_000;

/** A customer's follow-up as the code before 0013 wrote it: its prediction (no message id), the message, the task's labels. */
async function followUp(taskId: number, predictionId: number, text: string, sentiment: string, at: number) {
  const db = getDb();
  await db.run(sql`insert into predictions (id, task_id, sentiment, scores, confidence, emotion_status) values (${predictionId}, ${taskId}, ${sentiment}, '{}', 0.9, 'done')`);
  await db.run(sql`insert into task_messages (task_id, author, channel, text, sentiment, confidence, created_at, updated_at) values (${taskId}, 'customer', 'email', ${text}, ${sentiment}, 0.9, ${at}, ${at})`);
  await db.run(sql`update tasks set opening_sentiment = coalesce(opening_sentiment, sentiment), sentiment = ${sentiment}, latest_prediction_id = ${predictionId} where id = ${taskId}`);
}

beforeAll(async () => {
  database = await openDatabaseBefore(PREDICTION_MESSAGES);
  const db = getDb();
  await db.run(sql`insert into categories (id, name, slug) values (1, 'Billing', 'billing')`);
  await db.run(sql`insert into customer_accounts (id, external_ref, name, email) values (1, 'email:ann@example.test', 'Ann', 'ann@example.test')`);
  await db.run(sql`insert into users (id, email, name, role) values (1, 'sam@example.test', 'Sam', 'supervisor')`);
  await db.run(sql`insert into datasets (id, name, kind) values (1, 'Supervisor corrections', 'corrections'), (2, 'Uploaded', 'import')`);
  // Each task's opening message is written by the trigger of migration 0011.
  await db.run(sql`insert into tasks (id, account_id, category_id, channel, text, sentiment, confidence, created_at)
    values (7, 1, 1, 'web', 'When does my card arrive?', 'neutral', 0.9, ${T0}),
           (8, 1, 1, 'web', 'Thanks, all sorted', 'positive', 0.9, ${T0 + 1}),
           (9, 1, 1, 'web', 'Charged twice, furious', 'negative', 0.9, ${T0 + 2})`);
  await db.run(sql`insert into predictions (id, task_id, sentiment, scores, confidence, emotion_status) values (70, 7, 'neutral', '{}', 0.9, 'done'), (80, 8, 'positive', '{}', 0.9, 'done'), (90, 9, 'negative', '{}', 0.9, 'done')`);
  await db.run(sql`update tasks set latest_prediction_id = id * 10`);

  // Task 7: an agent's reply, then two follow-ups; the second was corrected — and stored with the opening text.
  await db.run(sql`insert into task_messages (task_id, author, channel, text, created_at, updated_at) values (7, 'agent', 'email', 'We are on it.', ${T0 + 50}, ${T0 + 50})`);
  await followUp(7, 71, 'Nothing yet, I am getting annoyed', 'negative', T0 + 100);
  await followUp(7, 72, 'Still nothing, I am furious', 'negative', T0 + 200);
  await db.run(sql`insert into reviews (prediction_id, task_id, reviewer_id, label_before, label_after) values (72, 7, 1, 'negative', 'neutral')`);
  await db.run(sql`insert into examples (dataset_id, text, label, category_id, source_task_id, occurred_at) values (1, 'When does my card arrive?', 'neutral', 1, 7, ${T0})`);
  // Task 8: one message, reviewed — as every review before conversations.
  await db.run(sql`insert into reviews (prediction_id, task_id, reviewer_id, label_before, label_after) values (80, 8, 1, 'positive', 'neutral')`);
  await db.run(sql`insert into examples (dataset_id, text, label, category_id, source_task_id, occurred_at) values (1, 'Thanks, all sorted', 'neutral', 1, 8, ${T0 + 1})`);
  // Task 9: the opening was corrected, then a follow-up came that nobody reviewed; and an uploaded example.
  await db.run(sql`insert into reviews (prediction_id, task_id, reviewer_id, label_before, label_after) values (90, 9, 1, 'negative', 'neutral')`);
  await db.run(sql`insert into examples (dataset_id, text, label, category_id, source_task_id, occurred_at) values (1, 'Charged twice, furious', 'neutral', 1, 9, ${T0 + 2}), (2, 'Charged twice, furious', 'negative', 1, 9, ${T0 + 2})`);
  await followUp(9, 91, 'Thanks, refunded', 'positive', T0 + 300);
});

afterAll(() => database.close());

describe("migration 0013: the message each prediction scored", () => {
  it("links follow-ups' predictions to their messages, and gives a follow-up's correction its text", async () => {
    const db = getDb();
    const tasksBefore = await db.all(sql`select * from tasks order by id`);
    const messagesBefore = await db.all(sql`select * from task_messages order by id`);
    await migrateDatabase(db);

    const linked = await db.all<{ id: number; text: string | null }>(sql`select p.id, m.text from predictions p left join task_messages m on m.id = p.message_id order by p.id`);
    expect(linked).toEqual([
      { id: 70, text: null },
      { id: 71, text: "Nothing yet, I am getting annoyed" },
      { id: 72, text: "Still nothing, I am furious" },
      { id: 80, text: null },
      { id: 90, text: null },
      { id: 91, text: "Thanks, refunded" },
    ]);
    expect(await db.all(sql`select dataset_id, source_task_id, text, label, occurred_at from examples order by id`)).toEqual([
      { dataset_id: 1, source_task_id: 7, text: "Still nothing, I am furious", label: "neutral", occurred_at: T0 + 200 },
      { dataset_id: 1, source_task_id: 8, text: "Thanks, all sorted", label: "neutral", occurred_at: T0 + 1 },
      { dataset_id: 1, source_task_id: 9, text: "Charged twice, furious", label: "neutral", occurred_at: T0 + 2 },
      { dataset_id: 2, source_task_id: 9, text: "Charged twice, furious", label: "negative", occurred_at: T0 + 2 },
    ]);
    expect(await db.all(sql`select * from tasks order by id`)).toEqual(tasksBefore);
    expect(await db.all(sql`select * from task_messages order by id`)).toEqual(messagesBefore);
  });
});
