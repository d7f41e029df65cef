// Trends and emotions over hand-built tasks with known labels and times: shares, net score,
// change against the previous period, periods, corrections, and the aggregate table the
// triggers keep. Real temporary libSQL database.
import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { categories, customerAccounts, predictions, tasks, type Sentiment } from "@/db/schema";
import { dashboardSummary } from "@/lib/trends/dashboard";
import { reviewTasks } from "@/lib/tasks/reviews";
import { listTaskQueue, taskQueryFromPage } from "@/lib/tasks/queue";
import {
  categoryTrendsCsv,
  emotionCategoriesCsv,
  emotionShare,
  emotionTrends,
  parseTrendQuery,
  periodsIn,
  sentimentTrends,
  tasksHref,
  type TrendRange,
} from "@/lib/trends/reports";
import { createUser } from "@/lib/admin/users";
import { unique, useFreshDatabase } from "../support/temp-db";

const at = (iso: string) => new Date(iso);
let accountId = 0;
let billing = 0;
let portal = 0;
let quiet = 0;
let supervisorId = 0;

async function addCategory(name: string) {
  const [row] = await getDb().insert(categories).values({ name, slug: unique("slug") }).returning();
  return row.id;
}

/** A task with a prediction (so it can be reviewed), with the given effective labels. */
async function addTask(categoryId: number, createdAt: Date, sentiment: Sentiment | null, emotion: string | null = null, text = "request") {
  const db = getDb();
  const [task] = await db.insert(tasks).values({ accountId, categoryId, text, sentiment, emotion, createdAt, updatedAt: createdAt }).returning();
  if (sentiment) {
    const [p] = await db.insert(predictions).values({ taskId: task.id, sentiment, scores: { [sentiment]: 1 }, confidence: 0.9, emotion, emotionStatus: emotion ? "done" : "pending", createdAt }).returning();
    await db.update(tasks).set({ latestPredictionId: p.id }).where(sql`${tasks.id} = ${task.id}`);
  }
  return task.id;
}

async function addMany(categoryId: number, day: string, counts: Partial<Record<Sentiment, number>>) {
  const ids: number[] = [];
  let minute = 0;
  for (const [sentiment, n] of Object.entries(counts) as [Sentiment, number][]) {
    for (let i = 0; i < n; i++) ids.push(await addTask(categoryId, at(`${day}T09:${String(minute++).padStart(2, "0")}:00Z`), sentiment));
  }
  return ids;
}

const range = (from: string, to: string, granularity: "day" | "week" | "month" = "week", category?: number): TrendRange =>
  parseTrendQuery({ from, to, granularity, category: category ? String(category) : "" });

let correctedTask = 0;

beforeAll(async () => {
  await useFreshDatabase();
  const db = getDb();
  const [account] = await db.insert(customerAccounts).values({ externalRef: unique("acc"), name: "Trend Test Ltd" }).returning();
  accountId = account.id;
  billing = await addCategory(unique("Billing"));
  portal = await addCategory(unique("Portal"));
  quiet = await addCategory(unique("Quiet"));
  supervisorId = (await createUser({ email: `${unique("sup")}@example.test`, name: "Sue", password: "supervisor-pass-1", role: "supervisor" }, null)).id;

  // Current range: Mon 2024-03-04 .. Sun 2024-03-17 (two weeks); previous: 2024-02-19 .. 2024-03-03.
  // Billing, week 1: 2 negative, 1 neutral, 1 positive; week 2: 1 negative, 3 positive.
  await addMany(billing, "2024-03-05", { negative: 2, neutral: 1, positive: 1 });
  await addMany(billing, "2024-03-12", { negative: 1, positive: 3 });
  // Billing, previous period: 1 negative, 2 neutral, 3 positive.
  await addMany(billing, "2024-02-26", { negative: 1, neutral: 2, positive: 3 });
  // Unscored requests count nowhere in the shares.
  await addTask(billing, at("2024-03-06T10:00:00Z"), null);
  // Portal, current: 3 negative, 1 neutral, 1 positive — the positive is corrected to negative below.
  const portalIds = await addMany(portal, "2024-03-14", { negative: 3, neutral: 1, positive: 1 });
  correctedTask = portalIds[4];
  // Portal, previous: 1 negative, 2 neutral, 2 positive.
  await addMany(portal, "2024-02-20", { negative: 1, neutral: 2, positive: 2 });
  // Just inside and just outside the current range's last day.
  await addTask(quiet, at("2024-03-17T23:59:59.999Z"), "positive");
  await addTask(quiet, at("2024-03-18T00:00:00.000Z"), "negative");

  // Emotions in Billing (current range): joy ×2, anger ×1, one still pending.
  await addTask(billing, at("2024-03-07T08:00:00Z"), "neutral", "joy");
  await addTask(billing, at("2024-03-07T08:01:00Z"), "neutral", "joy");
  await addTask(billing, at("2024-03-13T08:00:00Z"), "negative", "anger");
  await addTask(billing, at("2024-03-13T08:01:00Z"), "negative", null);
});

describe("sentiment trends", () => {
  it("computes shares and net score per category, and the change against the previous period", async () => {
    const t = await sentimentTrends(range("2024-03-04", "2024-03-17"));
    expect(t.range.previous).toMatchObject({ from: "2024-02-19", to: "2024-03-03" });
    const b = t.byCategory.find((c) => c.categoryId === billing)!;
    // 3 negative, 1 neutral, 4 positive, plus the emotion rows: 2 neutral and 2 negative.
    expect(b.current).toMatchObject({ negative: 5, neutral: 3, positive: 4, total: 12 });
    expect(b.current.negativeShare).toBeCloseTo(5 / 12, 10);
    expect(b.current.positiveShare).toBeCloseTo(4 / 12, 10);
    expect(b.current.net).toBeCloseTo((4 - 5) / 12, 10);
    expect(b.previous).toMatchObject({ negative: 1, neutral: 2, positive: 3, total: 6 });
    expect(b.previous.net).toBeCloseTo(2 / 6, 10);
    expect(b.netChange).toBeCloseTo(-1 / 12 - 2 / 6, 10);
    expect(b.negativeShareChange).toBeCloseTo(5 / 12 - 1 / 6, 10);

    const q = t.byCategory.find((c) => c.categoryId === quiet)!;
    expect(q.current).toMatchObject({ negative: 0, positive: 1, total: 1 }); // the 00:00 request of the 18th is outside
    expect(q.netChange).toBeNull(); // too few requests to rank a change
  });

  it("counts a supervisor's correction instead of the model's label, and ranks the categories that worsened most", async () => {
    const before = await sentimentTrends(range("2024-03-04", "2024-03-17"));
    const p0 = before.byCategory.find((c) => c.categoryId === portal)!;
    expect(p0.current).toMatchObject({ negative: 3, neutral: 1, positive: 1 });

    await reviewTasks({ taskIds: [correctedTask], label: "negative" }, supervisorId);

    const t = await sentimentTrends(range("2024-03-04", "2024-03-17"));
    const p = t.byCategory.find((c) => c.categoryId === portal)!;
    expect(p.current).toMatchObject({ negative: 4, neutral: 1, positive: 0, total: 5 });
    expect(p.current.net).toBeCloseTo(-0.8, 10);
    expect(p.netChange).toBeCloseTo(-0.8 - 0.2, 10);
    // Portal fell by 1.0, Billing by 0.4167: Portal first; Quiet is not comparable.
    expect(t.worsened.map((c) => c.categoryId)).toEqual([portal, billing]);
    expect(t.overall.current.total).toBe(12 + 5 + 1);
  });

  it("reports each period with its change against the period before", async () => {
    const weekly = await sentimentTrends(range("2024-03-04", "2024-03-17", "week", billing));
    expect(weekly.overTime.map((p) => [p.from, p.to])).toEqual([["2024-03-04", "2024-03-10"], ["2024-03-11", "2024-03-17"]]);
    const [w1, w2] = weekly.overTime;
    expect(w1).toMatchObject({ negative: 2, neutral: 3, positive: 1, total: 6 });
    expect(w1.net).toBeCloseTo(-1 / 6, 10);
    expect(w1.netChange).toBeNull();
    expect(w2).toMatchObject({ negative: 3, neutral: 0, positive: 3, total: 6 });
    expect(w2.net).toBeCloseTo(0, 10);
    expect(w2.netChange).toBeCloseTo(1 / 6, 10);
    // Net score per category per period, for the line chart.
    const row = weekly.netByCategory[0].values.find((v) => v.categoryId === billing)!;
    expect(row.net).toBeCloseTo(-1 / 6, 10);

    const monthly = await sentimentTrends(range("2024-02-19", "2024-03-17", "month", billing));
    expect(monthly.overTime.map((p) => [p.label, p.from, p.to, p.total])).toEqual([
      ["2024-02 (partial)", "2024-02-19", "2024-02-29", 6],
      ["2024-03 (partial)", "2024-03-01", "2024-03-17", 12],
    ]);
    const daily = await sentimentTrends(range("2024-03-12", "2024-03-13", "day", billing));
    expect(daily.overTime.map((p) => p.total)).toEqual([4, 2]);
  });

  it("writes a CSV per category that spreadsheets read as numbers, not formulas", async () => {
    const evil = await addCategory(`=HYPERLINK("x")${unique("")}`);
    await addMany(evil, "2024-03-08", { negative: 1 });
    const csv = categoryTrendsCsv(await sentimentTrends(range("2024-03-04", "2024-03-17")));
    const lines = csv.trim().split("\r\n");
    expect(lines[0]).toMatch(/^category,from,to,scored_requests,/);
    expect(csv).toContain(`"'=HYPERLINK(""x"")`);
    expect(lines.find((l) => l.includes("HYPERLINK"))).toContain(`"-1"`); // net score -1 stays a number
  });
});

describe("periods, ranges and drill-down links", () => {
  it("splits a range into clipped periods and links each to the task list with its last day", () => {
    const from = Date.UTC(2024, 2, 6) / 86_400_000; // Wed 6 March
    const to = Date.UTC(2024, 2, 19) / 86_400_000; // Tue 19 March
    expect(periodsIn(from, to, "week").map((p) => [p.from, p.to])).toEqual([
      ["2024-03-06", "2024-03-10"],
      ["2024-03-11", "2024-03-17"],
      ["2024-03-18", "2024-03-19"],
    ]);
    // A cut week keeps its Monday's name and says it is partial, rather than passing for a whole week.
    expect(periodsIn(from, to, "week").map((p) => [p.label, p.partial])).toEqual([
      ["w/c 2024-03-04 (partial)", true],
      ["w/c 2024-03-11", false],
      ["w/c 2024-03-18 (partial)", true],
    ]);
    expect(periodsIn(from, to, "month").map((p) => [p.label, p.from, p.to])).toEqual([["2024-03 (partial)", "2024-03-06", "2024-03-19"]]);
    expect(periodsIn(Date.UTC(2024, 2, 4) / 86_400_000, Date.UTC(2024, 2, 17) / 86_400_000, "week").map((p) => p.partial)).toEqual([false, false]);
    expect(periodsIn(from, from, "day")).toMatchObject([{ label: "2024-03-06", partial: false }]);
    expect(tasksHref({ from: "2024-03-11", to: "2024-03-17", categoryId: 4, sentiment: "negative" })).toBe(
      "/tasks?category=4&sentiment=negative&from=2024-03-11&to=2024-03-17",
    );
    expect(tasksHref({ from: "2024-02-29", to: "2024-02-29", emotion: "joy" })).toBe("/tasks?emotion=joy&from=2024-02-29&to=2024-02-29");
  });

  it("opens a task list that holds the period's last day, and no day after it", async () => {
    const edges = await addCategory(unique("Edges"));
    const before = await addTask(edges, at("2024-03-10T23:59:00Z"), "negative");
    const first = await addTask(edges, at("2024-03-11T00:00:00Z"), "negative");
    const last = await addTask(edges, at("2024-03-17T23:59:00Z"), "negative");
    const after = await addTask(edges, at("2024-03-18T00:00:00Z"), "negative");
    // What the task list page does with the link's query (its "To (inclusive)" field).
    const href = tasksHref({ from: "2024-03-11", to: "2024-03-17", categoryId: edges });
    const query = Object.fromEntries(new URL(href, "http://portal.test").searchParams);
    const ids = (await listTaskQueue(taskQueryFromPage(query))).rows.map((r) => r.id);
    expect(ids.sort((a, b) => a - b)).toEqual([first, last]);
    expect(ids).not.toContain(before);
    expect(ids).not.toContain(after);
    // Not a day: left for the query to refuse, not turned into another day.
    expect(taskQueryFromPage({ to: "2024-13-40" })).toEqual({ to: "2024-13-40" });
    await expect(listTaskQueue(taskQueryFromPage({ to: "2024-13-40" }))).rejects.toThrow(/not valid/);
  });

  it("defaults to the last four weeks and refuses impossible ranges", () => {
    const r = parseTrendQuery({}, new Date("2024-05-20T15:00:00Z"));
    expect(r).toMatchObject({ from: "2024-04-23", to: "2024-05-20", days: 28, granularity: "week" });
    expect(r.previous).toMatchObject({ from: "2024-03-26", to: "2024-04-22" });
    expect(() => parseTrendQuery({ from: "2024-05-02", to: "2024-05-01" })).toThrow(/start date is after/);
    expect(() => parseTrendQuery({ from: "2024-13-40" })).toThrow(/not valid/);
    expect(() => parseTrendQuery({ from: "2020-01-01", to: "2024-01-01", granularity: "day" })).toThrow(/three years|by week or by month/);
    expect(() => parseTrendQuery({ granularity: "hour" })).toThrow(/not valid/);
  });
});

describe("emotion trends", () => {
  it("mixes the labelled emotions, shows pending apart, and ranks the top emotions per category", async () => {
    const t = await emotionTrends(range("2024-03-04", "2024-03-17", "week", billing));
    const b = t.byCategory.find((c) => c.categoryId === billing)!;
    expect(b.mix.labelled).toBe(3);
    expect(b.mix.pending).toBe(8 + 1 + 1); // 8 requests made without emotion, the unscored one, the pending one
    expect(b.top.map((e) => e.emotion)).toEqual(["joy", "anger"]);
    expect(b.top[0].share).toBeCloseTo(2 / 3, 10);
    expect(emotionShare(b.mix, "anger")).toBeCloseTo(1 / 3, 10);
    expect(t.labels).toEqual(["joy", "anger"]);
    const [w1, w2] = t.overTime;
    expect(w1.mix.counts).toEqual({ joy: 2 });
    expect(w2.mix.counts).toEqual({ anger: 1 });
    const csv = emotionCategoriesCsv(t);
    expect(csv.split("\r\n")[0]).toBe("category,from,to,labelled,pending,no_clear_emotion,joy,anger,top_emotion,top_emotion_share,second_emotion,third_emotion");
  });
});

describe("task_daily_counts", () => {
  it("stays equal to counting the tasks themselves after inserts, relabels, moves and deletes", async () => {
    const db = getDb();
    const id = await addTask(portal, at("2024-03-15T12:00:00Z"), "neutral", "fear");
    await db.update(tasks).set({ sentiment: "positive", emotion: "joy" }).where(sql`${tasks.id} = ${id}`);
    await db.update(tasks).set({ createdAt: at("2024-03-16T12:00:00Z"), categoryId: billing }).where(sql`${tasks.id} = ${id}`);
    const gone = await addTask(portal, at("2024-03-15T13:00:00Z"), "negative");
    await db.delete(predictions).where(sql`${predictions.taskId} = ${gone}`);
    await db.delete(tasks).where(sql`${tasks.id} = ${gone}`);

    const direct = await db.all<{ k: string; n: number }>(sql`
      select (created_at / 86400000) || ':' || category_id || ':' || coalesce(sentiment, '') || ':' || coalesce(emotion, '') as k, count(*) as n
      from tasks group by 1 order by 1`);
    const kept = await db.all<{ k: string; n: number }>(sql`
      select day || ':' || category_id || ':' || sentiment || ':' || emotion as k, tasks as n
      from task_daily_counts where tasks != 0 order by 1`);
    expect(kept).toEqual(direct);
  });
});

describe("the dashboard's requests today", () => {
  it("counts the same UTC day as the trends, whatever the server's own time zone", async () => {
    const zone = process.env.TZ;
    process.env.TZ = "America/Los_Angeles"; // 2031-05-05 05:00 UTC is still 4 May there
    try {
      await addTask(quiet, at("2031-05-04T20:00:00Z"), "negative"); // yesterday (UTC), the server's "today"
      await addTask(quiet, at("2031-05-05T01:00:00Z"), "positive");
      const s = await dashboardSummary(at("2031-05-05T05:00:00Z"));
      expect(s.today.total).toBe(1);
    } finally {
      if (zone === undefined) delete process.env.TZ;
      else process.env.TZ = zone;
    }
  });
});
