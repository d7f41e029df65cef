// Migration 0011 on a real database that already holds requests: every task becomes a
// one-message conversation with its text, channel, labels and time, and nothing else changes.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import { migrateDatabase } from "@/db/migrate";
import { openDatabaseBefore } from "../support/database-before";

const CONVERSATIONS = "0011_conversations";
let database: { close(): void };

beforeAll(async () => {
  database = await openDatabaseBefore(CONVERSATIONS);
  const db = getDb();
  await db.run(sql`insert into categories (id, name, slug) values (1, 'Billing', 'billing')`);
  await db.run(sql`insert into customer_accounts (id, external_ref, name, email) values (1, 'email:ann@example.test', 'Ann', 'ann@example.test')`);
  // A scored and reviewed web request, an e-mail one whose emotion is still pending, and one never scored.
  await db.run(sql`insert into tasks (id, account_id, category_id, channel, text, sentiment, confidence, emotion, reviewed, status, created_at)
    values (7, 1, 1, 'web', 'Charged twice, furious', 'negative', 1.0, 'anger', 1, 'replied', 1700000000000),
           (8, 1, 1, 'email', 'Thanks, all sorted — 😀 ünïcode', 'positive', 0.91, null, 0, 'open', 1700000001000),
           (9, 1, 1, 'api', 'Where is my invoice?', null, null, null, 0, 'closed', 1700000002000)`);
});

afterAll(() => database.close());

describe("migration 0011: conversations", () => {
  it("turns every existing task into a one-message conversation, nothing lost", async () => {
    const db = getDb();
    const tasksBefore = await db.all(sql`select id, account_id, category_id, channel, text, sentiment, confidence, emotion, reviewed, status, created_at from tasks order by id`);
    await migrateDatabase(db);
    const messages = await db.all<Record<string, unknown>>(sql`select task_id, author, channel, text, internal, sentiment, confidence, emotion, created_at from task_messages order by task_id`);
    expect(messages).toEqual([
      { task_id: 7, author: "customer", channel: "web", text: "Charged twice, furious", internal: 0, sentiment: "negative", confidence: 1, emotion: "anger", created_at: 1700000000000 },
      { task_id: 8, author: "customer", channel: "email", text: "Thanks, all sorted — 😀 ünïcode", internal: 0, sentiment: "positive", confidence: 0.91, emotion: null, created_at: 1700000001000 },
      { task_id: 9, author: "customer", channel: "api", text: "Where is my invoice?", internal: 0, sentiment: null, confidence: null, emotion: null, created_at: 1700000002000 },
    ]);
    // The tasks themselves are untouched; the opening label is not frozen until a follow-up comes.
    expect(await db.all(sql`select id, account_id, category_id, channel, text, sentiment, confidence, emotion, reviewed, status, created_at from tasks order by id`)).toEqual(tasksBefore);
    expect(await db.all(sql`select count(*) as n from tasks where opening_sentiment is not null`)).toEqual([{ n: 0 }]);
  });

  it("opens a conversation for every task inserted afterwards, and the latest customer message follows the task's labels", async () => {
    const db = getDb();
    await db.run(sql`insert into tasks (id, account_id, category_id, channel, text, sentiment, confidence) values (10, 1, 1, 'phone', 'Bulk-loaded request', 'neutral', 0.6)`);
    expect(await db.all(sql`select task_id, author, channel, text, sentiment from task_messages where task_id = 10`)).toEqual([
      { task_id: 10, author: "customer", channel: "phone", text: "Bulk-loaded request", sentiment: "neutral" },
    ]);
    // The emotion backfill and a supervisor's review write the task; its message follows.
    await db.run(sql`update tasks set emotion = 'joy' where id = 8`);
    await db.run(sql`update tasks set sentiment = 'negative', confidence = 1 where id = 10`);
    expect(await db.all(sql`select task_id, sentiment, confidence, emotion from task_messages where task_id in (8, 10) order by task_id`)).toEqual([
      { task_id: 8, sentiment: "positive", confidence: 0.91, emotion: "joy" },
      { task_id: 10, sentiment: "negative", confidence: 1, emotion: null },
    ]);
  });
});
