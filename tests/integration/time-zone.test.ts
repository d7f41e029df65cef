// The organisation time zone on a real database (issue 21, item 11): day boundaries of the
// trend aggregates (kept by triggers), the dashboard's "today", the task list's dates and
// the times in CSV files all follow the zone an admin picks; UTC until then.
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { auditLog, categories, customerAccounts, predictions, reviews, tasks } from "@/db/schema";
import { accountTasksCsv } from "@/lib/accounts/at-risk";
import { dashboardSummary } from "@/lib/trends/dashboard";
import { listTaskQueue, taskQueryFromPage } from "@/lib/tasks/queue";
import { reviewHistory } from "@/lib/tasks/reviews";
import { clockFor, orgClock, orgTimeZone, setOrgTimeZone } from "@/lib/platform/time-zone";
import { parseTrendQuery, sentimentTrends, tasksHref } from "@/lib/trends/reports";
import { createUser } from "@/lib/admin/users";
import { eq } from "drizzle-orm";
import { unique, useFreshDatabase } from "../support/temp-db";

let accountId = 0;
let categoryId = 0;
let adminId = 0;

async function addTask(iso: string) {
  const createdAt = new Date(iso);
  const [t] = await getDb().insert(tasks).values({ accountId, categoryId, text: "request", sentiment: "negative", confidence: 0.9, createdAt, updatedAt: createdAt }).returning();
  return t.id;
}
/** Scored requests per day of the trends, for this test's category. */
async function perDay(from: string, to: string, today: number) {
  const t = await sentimentTrends(parseTrendQuery({ from, to, granularity: "day", category: String(categoryId) }, new Date(), today));
  return Object.fromEntries(t.overTime.map((p) => [p.from, p.negative]));
}

beforeAll(async () => {
  await useFreshDatabase();
  const db = getDb();
  [{ id: accountId }] = await db.insert(customerAccounts).values({ externalRef: unique("acct"), name: "Night Owl" }).returning();
  [{ id: categoryId }] = await db.insert(categories).values({ name: unique("Billing"), slug: unique("billing") }).returning();
  adminId = (await createUser({ name: "Ada Admin", email: `${unique("ada")}@example.test`, password: "a long enough password", role: "admin" }, null)).id;
});

describe("organisation time zone", () => {
  it("is UTC until an admin picks one, and refuses a zone that does not exist, changing nothing", async () => {
    expect(await orgTimeZone()).toBe("UTC");
    await expect(setOrgTimeZone("Mars/Olympus_Mons", adminId)).rejects.toThrow('"Mars/Olympus_Mons" is not a time zone');
    expect(await orgTimeZone()).toBe("UTC");
  });

  it("files requests under the organisation's days: trends, the dashboard's today, task list dates and CSV times", async () => {
    // 22:30 and 23:30 on 9 March in New York (UTC−4 after 8 March 2026) are already 10 March in UTC.
    const late = await addTask("2026-03-10T02:30:00Z");
    await addTask("2026-03-10T03:30:00Z");
    const morning = await addTask("2026-03-10T13:00:00Z");
    const utcToday = clockFor("UTC").dayOf(Date.parse("2026-03-10T12:00:00Z"));
    expect(await perDay("2026-03-09", "2026-03-10", utcToday)).toEqual({ "2026-03-09": 0, "2026-03-10": 3 });

    await setOrgTimeZone("America/New_York", adminId);
    expect(await orgTimeZone()).toBe("America/New_York");
    const clock = await orgClock();
    // The aggregates were refiled, and the triggers file a new request by New York's day.
    await addTask("2026-03-10T03:59:00Z");
    expect(await perDay("2026-03-09", "2026-03-10", utcToday)).toEqual({ "2026-03-09": 3, "2026-03-10": 1 });

    // The dashboard at 00:30 New York time: today began at 04:00 UTC; the requests of 9 March are not today's.
    const s = await dashboardSummary(new Date("2026-03-10T04:30:00Z"));
    expect(s.timeZone).toBe("America/New_York");
    expect(s.today.total).toBe(1); // the 13:00 UTC one is later than "now" but counted since midnight

    // The trends' link for 9 March opens exactly that New York day in the task list.
    const query = Object.fromEntries(new URL(tasksHref({ from: "2026-03-09", to: "2026-03-09", categoryId }), "http://portal.test").searchParams);
    const ids = (await listTaskQueue(taskQueryFromPage(query, clock.dayStart))).rows.map((r) => r.id);
    expect(ids).toContain(late);
    expect(ids).not.toContain(morning);
    expect(ids).toHaveLength(3);

    // CSV times carry the zone's offset; pages show the local minute.
    const csv = await accountTasksCsv(accountId);
    expect(csv).toContain('"2026-03-09T22:30:00-04:00"');
    expect(clock.minute(new Date("2026-03-10T02:30:00Z"))).toBe("2026-03-09 22:30");

    const [entry] = await getDb().select().from(auditLog).where(eq(auditLog.action, "time_zone.update"));
    expect(entry.details).toEqual({ from: "UTC", to: "America/New_York" });
  });

  it("a zone with a half-hour offset, and back to UTC", async () => {
    expect(await setOrgTimeZone("Asia/Kolkata", adminId)).toBe("Asia/Kolkata");
    // 02:30 UTC is 08:00 in Kolkata; 20:00 UTC on the 9th is 01:30 on the 10th.
    await addTask("2026-03-09T20:00:00Z");
    expect(await perDay("2026-03-09", "2026-03-10", clockFor("Asia/Kolkata").dayOf(Date.parse("2026-03-10T12:00:00Z")))).toEqual({ "2026-03-09": 0, "2026-03-10": 5 });
    await setOrgTimeZone("UTC", adminId);
    expect(await perDay("2026-03-09", "2026-03-10", clockFor("UTC").dayOf(Date.parse("2026-03-10T12:00:00Z")))).toEqual({ "2026-03-09": 1, "2026-03-10": 4 });
  });

  it("the review history's From and To dates are the organisation's days", async () => {
    // Reviewed at 20:00 UTC on 11 March: 01:30 on the 12th in Kolkata.
    const taskId = await addTask("2026-03-11T19:00:00Z");
    const at = new Date("2026-03-11T20:00:00Z");
    const [p] = await getDb().insert(predictions).values({ taskId, sentiment: "negative", scores: { negative: 0.9 }, confidence: 0.9, createdAt: at }).returning();
    await getDb().insert(reviews).values({ predictionId: p.id, taskId, reviewerId: adminId, labelBefore: "negative", labelAfter: "neutral", createdAt: at, updatedAt: at });
    const reviewedTasks = async (from: string, to: string) => (await reviewHistory({ from, to, reviewer: String(adminId) })).rows.map((r) => r.taskId);

    expect(await reviewedTasks("2026-03-11", "2026-03-12")).toEqual([taskId]);
    expect(await reviewedTasks("2026-03-12", "2026-03-13")).toEqual([]);
    await setOrgTimeZone("Asia/Kolkata", adminId);
    expect(await reviewedTasks("2026-03-11", "2026-03-12")).toEqual([]);
    expect(await reviewedTasks("2026-03-12", "2026-03-13")).toEqual([taskId]);
    await setOrgTimeZone("UTC", adminId);
  });
});
