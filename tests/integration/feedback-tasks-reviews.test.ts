import { beforeAll, describe, expect, it } from "vitest";
import { count, eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { ensureDataset } from "@/db/queries/datasets";
import { auditLog, examples, reviews, tasks } from "@/db/schema";
import { createScoredTask } from "@/lib/intake/scored-task";
import { resetEnvCache } from "@/lib/platform/env";
import { FEEDBACK_LIMIT, submitFeedback } from "@/lib/intake/feedback-form";
import { agreementByModelVersion, reviewHistory, reviewHistoryCsv, reviewTasks, undoReviews } from "@/lib/tasks/reviews";
import { changeTaskStatus, flagTaskForReview, listTaskQueue, taskPage } from "@/lib/tasks/queue";
import { CORRECTIONS_DATASET } from "@/lib/training/runs";
import { createUser } from "@/lib/admin/users";
import { unique } from "../support/temp-db";
import { freshDemoDatabase } from "../support/demo-db";
import { rowCount } from "../support/row-counts";

let supervisorA = 0;
let supervisorB = 0;

const taskCount = () => rowCount(tasks);

beforeAll(async () => {
  await freshDemoDatabase({ tasks: 400, examples: 1500 });
  supervisorA = (await createUser({ email: `${unique("a")}@example.test`, name: "A", password: "supervisor-pass-1", role: "supervisor" }, null)).id;
  supervisorB = (await createUser({ email: `${unique("b")}@example.test`, name: "B", password: "supervisor-pass-2", role: "supervisor" }, null)).id;
});

describe("feedback", () => {
  it("stores a scored task for a new account and refuses bad input without storing anything", async () => {
    const before = await taskCount();
    const { reference } = await submitFeedback({ name: "Kim", email: `${unique("kim")}@example.test`, category: "Billing", text: "I was charged twice and I am furious about it" });
    expect(reference).toMatch(/^REQ-\d{6}$/);
    const page = await taskPage(Number(reference.slice(4)));
    expect(page.task.sentiment).toBe("negative");
    expect(page.prediction?.emotionStatus).toBe("pending");
    expect(page.explanation.length).toBeGreaterThan(0);
    expect(page.explanation.some((t) => page.task.text.slice(t.start, t.end) === t.text)).toBe(true);

    await expect(submitFeedback({ name: "", email: "nope", category: "Billing", text: "short" })).rejects.toMatchObject({
      details: { fieldErrors: { name: "Enter your name.", email: "Enter a valid e-mail address.", text: expect.stringMatching(/at least 10/) } },
    });
    await expect(submitFeedback({ name: "Kim", email: "kim@example.test", category: "Billing", text: "y".repeat(5121) })).rejects.toThrow(/correct/);
    await expect(submitFeedback({ name: "Kim", email: "kim@example.test", category: "Nope", text: "this category does not exist" })).rejects.toThrow(/Unknown category/);
    expect(await taskCount()).toBe(before + 1);
  });

  it("rate-limits one address", async () => {
    const email = `${unique("flood")}@example.test`;
    for (let i = 0; i < FEEDBACK_LIMIT.requests; i++) await submitFeedback({ name: "F", email, category: "Reports", text: `Report number ${i} is missing` });
    await expect(submitFeedback({ name: "F", email, category: "Reports", text: "One more report is missing" })).rejects.toMatchObject({ code: "rate_limited:feedback" });
  });

  it("rate-limits one client address whatever e-mail it gives, and stores nothing it refuses", async () => {
    process.env.FEEDBACK_LIMIT_PER_ADDRESS_PER_HOUR = "3";
    resetEnvCache();
    try {
      const flooder = { clientAddress: `203.0.113.${Math.floor(Math.random() * 250)}` };
      const send = (from: { clientAddress: string }) =>
        submitFeedback({ name: "F", email: `${unique("many")}@example.test`, category: "Reports", text: "My report is missing again" }, from);
      for (let i = 0; i < 3; i++) await send(flooder);
      const before = await taskCount();
      await expect(send(flooder)).rejects.toMatchObject({ code: "rate_limited:feedback" });
      expect(await taskCount()).toBe(before);
      // Someone else is not held back by the flooder.
      await send({ clientAddress: "198.51.100.7" });
      expect(await taskCount()).toBe(before + 1);
    } finally {
      delete process.env.FEEDBACK_LIMIT_PER_ADDRESS_PER_HOUR;
      resetEnvCache();
    }
  });

  it("creates a task once per external id", async () => {
    const externalId = unique("ext");
    const first = await createScoredTask({ account: { name: "Sys" }, category: "Payments", channel: "api", text: "payment went through, thanks", externalId });
    const again = await createScoredTask({ account: { name: "Sys" }, category: "Payments", channel: "api", text: "payment went through, thanks", externalId });
    expect(again).toMatchObject({ taskId: first.taskId, created: false });
  });
});

describe("task queue", () => {
  it("filters, orders and pages without repeating or skipping a row", async () => {
    const all: number[] = [];
    let cursor: string | undefined;
    do {
      const page = await listTaskQueue({ limit: 37, cursor });
      all.push(...page.rows.map((r) => r.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(all.length).toBe(await taskCount());
    expect(new Set(all).size).toBe(all.length);

    const negative = await listTaskQueue({ sentiment: "negative", sort: "negative", limit: 20 });
    expect(negative.rows).toHaveLength(20);
    expect(negative.rows.every((r) => r.sentiment === "negative")).toBe(true);
    const scores = negative.rows.map((r) => r.negativeScore!);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));

    const uncertain = await listTaskQueue({ sort: "uncertain", limit: 20 });
    const conf = uncertain.rows.map((r) => r.confidence!);
    expect(conf).toEqual([...conf].sort((a, b) => a - b));

    const billing = await listTaskQueue({ q: "twice", limit: 200 });
    expect(billing.rows.length).toBeGreaterThan(0); // at least the feedback sent above
    expect(billing.rows.every((r) => r.text.toLowerCase().includes("twice"))).toBe(true);
    await expect(listTaskQueue({ sentiment: "furious" })).rejects.toThrow(/not valid/);
    await expect(listTaskQueue({ cursor: "garbage" })).rejects.toThrow(/cursor/);
  });

  it("pages every order from its cursor: each task with a score once, in the order's sequence", async () => {
    type Row = Awaited<ReturnType<typeof listTaskQueue>>["rows"][number];
    const [scored] = await getDb().select({ negative: count(tasks.negativeScore), confident: count(tasks.confidence) }).from(tasks);
    const all = await taskCount();
    // Each order's key and direction (ties go by id the same way); the priority key is SQL only.
    const orders = [
      { sort: "newest", expected: all, key: (r: Row) => r.createdAt.getTime(), direction: -1 },
      { sort: "priority", expected: all, key: null, direction: 1 },
      { sort: "negative", expected: scored.negative, key: (r: Row) => r.negativeScore!, direction: -1 },
      { sort: "uncertain", expected: scored.confident, key: (r: Row) => r.confidence!, direction: 1 },
    ] as const;
    for (const { sort, expected, key, direction } of orders) {
      const rows: Row[] = [];
      let cursor: string | undefined;
      do {
        const page = await listTaskQueue({ sort, limit: 37, cursor });
        rows.push(...page.rows);
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      expect(rows.length, sort).toBe(expected);
      expect(new Set(rows.map((r) => r.id)).size, sort).toBe(expected);
      for (let i = 1; key && i < rows.length; i++) {
        const [a, b] = [rows[i - 1], rows[i]];
        const step = direction * (key(b) - key(a)) || direction * (b.id - a.id);
        expect(step, `${sort}: row ${i} comes after row ${i - 1}`).toBeGreaterThan(0);
      }
    }
  });

  it("changes status and flags, and names a task that does not exist", async () => {
    const [row] = (await listTaskQueue({ limit: 1 })).rows;
    await changeTaskStatus({ id: row.id, status: "replied" }, { id: null, name: "Test" });
    // A flag says what looks wrong, and is kept in the flagger's name.
    await expect(flagTaskForReview({ id: row.id, flagged: "true", reason: " " }, supervisorA)).rejects.toThrow(/Say what looks wrong/);
    await flagTaskForReview({ id: row.id, flagged: "true", reason: "It is sarcasm, not praise" }, supervisorA);
    const page = await taskPage(row.id);
    expect(page.task.status).toBe("replied");
    expect(page.task.flaggedAt).not.toBeNull();
    expect(page.task.flagReason).toBe("It is sarcasm, not praise");
    expect(page.flaggedBy).toBe("A");
    expect((await listTaskQueue({ flagged: "true" })).rows.map((r) => r.id)).toContain(row.id);
    await expect(changeTaskStatus({ id: 99_999_999, status: "read" }, { id: null, name: "Test" })).rejects.toThrow(/does not exist/);
    await expect(changeTaskStatus({ id: row.id, status: "archived" }, { id: null, name: "Test" })).rejects.toThrow(/Unknown status/);
  });
});

describe("reviews", () => {
  it("records an append-only review, a training example, and the corrected label everywhere", async () => {
    const [row] = (await listTaskQueue({ sentiment: "negative", reviewed: "false", limit: 1 })).rows;
    const [result] = await reviewTasks({ taskIds: [row.id], label: "positive", note: "sarcasm? no, genuine thanks" }, supervisorA);
    expect(result).toMatchObject({ labelBefore: "negative", labelAfter: "positive" });
    const page = await taskPage(row.id);
    expect(page.task).toMatchObject({ sentiment: "positive", reviewed: true });
    expect(page.prediction?.sentiment).toBe("negative"); // the model's own decision is kept
    expect(page.reviews[0]).toMatchObject({ labelBefore: "negative", labelAfter: "positive" });
    const corrections = await ensureDataset({ name: CORRECTIONS_DATASET, kind: "corrections" });
    const ex = await getDb().select().from(examples).where(eq(examples.sourceTaskId, row.id));
    expect(ex).toEqual([expect.objectContaining({ datasetId: corrections.id, label: "positive", text: row.text })]);
    expect((await listTaskQueue({ sentiment: "positive", q: row.text.slice(0, 30) })).rows.map((r) => r.id)).toContain(row.id);
  });

  it("keeps both reviews when two supervisors correct the same task at once; the newest wins", async () => {
    const [row] = (await listTaskQueue({ reviewed: "false", limit: 1 })).rows;
    await Promise.all([reviewTasks({ taskIds: [row.id], label: "neutral" }, supervisorA), reviewTasks({ taskIds: [row.id], label: "negative" }, supervisorB)]);
    const rows = await getDb().select().from(reviews).where(eq(reviews.taskId, row.id));
    expect(rows).toHaveLength(2);
    const newest = rows.reduce((a, b) => (a.id > b.id ? a : b));
    expect((await taskPage(row.id)).task.sentiment).toBe(newest.labelAfter);
    const ex = await getDb().select().from(examples).where(eq(examples.sourceTaskId, row.id));
    expect(ex.map((e) => e.label)).toEqual([newest.labelAfter]);
  });

  it("reviews many tasks at once, all or nothing", async () => {
    const ids = (await listTaskQueue({ reviewed: "false", limit: 5 })).rows.map((r) => r.id);
    const [before] = await getDb().select({ n: count() }).from(reviews);
    await expect(reviewTasks({ taskIds: [...ids, 99_999_999], label: "neutral" }, supervisorA)).rejects.toThrow(/Task 99999999 does not exist/);
    const [unchanged] = await getDb().select({ n: count() }).from(reviews);
    expect(unchanged.n).toBe(before.n);
    await expect(reviewTasks({ taskIds: ids, label: "meh" }, supervisorA)).rejects.toThrow(/negative, neutral, positive or confirm/);
    await expect(reviewTasks({ taskIds: [], label: "neutral" }, supervisorA)).rejects.toThrow(/at least one task/);
    const done = await reviewTasks({ taskIds: ids, label: "neutral" }, supervisorA);
    expect(done).toHaveLength(5);
  });

  it("confirms tasks the model labelled differently in one review: each keeps its own label", async () => {
    const negative = (await listTaskQueue({ sentiment: "negative", reviewed: "false", limit: 2 })).rows.map((r) => r.id);
    const positive = (await listTaskQueue({ sentiment: "positive", reviewed: "false", limit: 2 })).rows.map((r) => r.id);
    expect(negative).toHaveLength(2);
    expect(positive).toHaveLength(2);
    const done = await reviewTasks({ taskIds: [...negative, ...positive], label: "confirm" }, supervisorB);
    expect(done.map((r) => [r.taskId, r.labelBefore, r.labelAfter])).toEqual([
      ...negative.map((id) => [id, "negative", "negative"]),
      ...positive.map((id) => [id, "positive", "positive"]),
    ]);
    for (const id of [...negative, ...positive]) expect((await taskPage(id)).task.reviewed).toBe(true);
    const history = await reviewHistory({ reviewer: String(supervisorB), changed: "false" });
    for (const id of [...negative, ...positive]) expect(history.rows.some((r) => r.taskId === id)).toBe(true);
  });

  it("undoes one's own last reviews: the task is back in the queue as the model left it, with its flag, audited", async () => {
    const [row] = (await listTaskQueue({ sentiment: "negative", reviewed: "false", limit: 1 })).rows;
    await flagTaskForReview({ id: row.id, flagged: "true", reason: "Looks neutral" }, supervisorB);
    const before = await taskPage(row.id);
    const [done] = await reviewTasks({ taskIds: [row.id], label: "neutral" }, supervisorA);
    expect((await taskPage(row.id)).task).toMatchObject({ sentiment: "neutral", reviewed: true, flaggedAt: null });

    // Only its author may take it back.
    await expect(undoReviews({ reviewIds: [done.reviewId] }, supervisorB)).rejects.toThrow(/Only the supervisor who made a review/);
    await undoReviews({ reviewIds: [done.reviewId] }, supervisorA);
    const after = await taskPage(row.id);
    expect(after.task).toMatchObject({ sentiment: "negative", reviewed: false, confidence: before.task.confidence, negativeScore: before.task.negativeScore, flagReason: "Looks neutral" });
    expect(after.task.flaggedAt).toEqual(before.task.flaggedAt);
    expect((await listTaskQueue({ flagged: "true" })).rows.map((r) => r.id)).toContain(row.id);
    expect(await getDb().select().from(examples).where(eq(examples.sourceTaskId, row.id))).toEqual([]);
    // Kept in the history, marked undone, and no longer counted.
    const history = await reviewHistory({ reviewer: String(supervisorA) });
    expect(history.rows.find((r) => r.id === done.reviewId)).toMatchObject({ undoneAt: expect.any(Date) });
    const [audit] = await getDb().select().from(auditLog).where(eq(auditLog.action, "review.undo"));
    expect(audit).toMatchObject({ actorId: supervisorA, target: `task:${row.id}` });
    await expect(undoReviews({ reviewIds: [done.reviewId] }, supervisorA)).rejects.toThrow(/already undone/);

    // Two reviews, the newer undone: the older one is in effect again.
    const [first] = await reviewTasks({ taskIds: [row.id], label: "positive" }, supervisorA);
    const [second] = await reviewTasks({ taskIds: [row.id], label: "neutral" }, supervisorB);
    await expect(undoReviews({ reviewIds: [first.reviewId] }, supervisorA)).rejects.toThrow(new RegExp(`#${row.id} was reviewed again since`));
    await undoReviews({ reviewIds: [second.reviewId] }, supervisorB);
    expect((await taskPage(row.id)).task).toMatchObject({ sentiment: "positive", reviewed: true, confidence: 1 });
    expect((await getDb().select().from(examples).where(eq(examples.sourceTaskId, row.id))).map((e) => e.label)).toEqual(["positive"]);
  });

  it("undoes a whole batch, and one's review of a task after others reviewed other tasks", async () => {
    const ids = (await listTaskQueue({ sentiment: "positive", reviewed: "false", limit: 3 })).rows.map((r) => r.id);
    expect(ids).toHaveLength(3);
    // A bulk confirmation, taken back in one undo: each review is the newest on its own task.
    const batch = await reviewTasks({ taskIds: ids.slice(0, 2), label: "neutral" }, supervisorA);
    await undoReviews({ reviewIds: batch.map((r) => r.reviewId) }, supervisorA);
    for (const id of ids.slice(0, 2)) expect((await taskPage(id)).task).toMatchObject({ sentiment: "positive", reviewed: false });
    // A colleague reviewing another task meanwhile does not stop one undoing one's own.
    const [mine] = await reviewTasks({ taskIds: [ids[0]], label: "negative" }, supervisorA);
    await reviewTasks({ taskIds: [ids[2]], label: "confirm" }, supervisorB);
    await undoReviews({ reviewIds: [mine.reviewId] }, supervisorA);
    expect((await taskPage(ids[0])).task).toMatchObject({ sentiment: "positive", reviewed: false });
    expect((await taskPage(ids[2])).task).toMatchObject({ sentiment: "positive", reviewed: true });
  });

  it("names what is wrong with a bad history filter", async () => {
    await expect(reviewHistory({ model: "abc" })).rejects.toThrow(/model version is a number/);
    await expect(reviewHistory({ from: "garbage" })).rejects.toThrow(/From date is not a date/);
    await expect(reviewHistory({ reviewer: "-1" })).rejects.toThrow(/Choose a reviewer/);
  });

  it("reports history with filters, agreement per model version, and a safe CSV", async () => {
    const { rows } = await reviewHistory({ reviewer: String(supervisorB) });
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => r.reviewerId === supervisorB)).toBe(true);
    const changed = await reviewHistory({ changed: "true" });
    expect(changed.rows.length).toBeGreaterThan(0); // the corrections above
    expect(changed.rows.every((r) => r.labelBefore !== r.labelAfter)).toBe(true);
    const agreement = await agreementByModelVersion();
    const total = agreement.reduce((s, a) => s + a.reviewed, 0);
    expect(total).toBeGreaterThanOrEqual(7);
    // The four confirmations above kept the model's label and the first correction did not, so the
    // agreement is neither 0 nor 1; each version's rate is its kept share.
    const kept = agreement.reduce((s, a) => s + a.kept, 0);
    expect(kept).toBeGreaterThanOrEqual(4);
    expect(kept).toBeLessThan(total);
    for (const a of agreement) expect(a.rate).toBeCloseTo(a.kept / a.reviewed, 10);
    const csv = reviewHistoryCsv([{ ...rows[0], note: '=HYPERLINK("x")' }]);
    expect(csv.split("\r\n")[0]).toBe("review_id,task_id,reviewed_at,reviewer,model_version,model_label,label_before,label_after,note,undone_at,undone_by");
    expect(csv).toContain(`"'=HYPERLINK(""x"")"`);
  });
});
