// At-risk accounts over hand-built request histories: the consecutive and the windowed
// rule, the reset after a non-negative request, ranking, corrections, and the follow-up
// workflow (audit, closing, re-entry with a new series). Real temporary libSQL database.
import { eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { listAuditEntries } from "@/db/queries/audit";
import { accountStreaks, categories, customerAccounts, predictions, tasks, type Sentiment } from "@/db/schema";
import { accountOverview, atRiskAccounts, atRiskCsv } from "@/lib/accounts/at-risk";
import { closeFollowUp, openFollowUp, updateFollowUp } from "@/lib/accounts/follow-ups";
import { reviewTasks } from "@/lib/tasks/reviews";
import { createUser } from "@/lib/admin/users";
import { unique, useFreshDatabase } from "../support/temp-db";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const NOW = Date.now();
let categoryId = 0;
let supervisorId = 0;
let agentId = 0;

async function addAccount(name: string) {
  const [row] = await getDb().insert(customerAccounts).values({ externalRef: unique("acc"), name }).returning();
  return row.id;
}

async function addTask(accountId: number, createdAt: number, sentiment: Sentiment | null) {
  const db = getDb();
  const [task] = await db.insert(tasks).values({ accountId, categoryId, text: `request ${unique()}`, sentiment, createdAt: new Date(createdAt) }).returning();
  if (sentiment) {
    const [p] = await db.insert(predictions).values({ taskId: task.id, sentiment, scores: { [sentiment]: 1 }, confidence: 0.8 }).returning();
    await db.update(tasks).set({ latestPredictionId: p.id }).where(eq(tasks.id, task.id));
  }
  return task.id;
}

/** Requests one hour apart, the last one `endsAgo` before now. */
async function history(accountId: number, labels: (Sentiment | null)[], endsAgo = DAY) {
  const ids: number[] = [];
  for (const [i, label] of labels.entries()) ids.push(await addTask(accountId, NOW - endsAgo - (labels.length - 1 - i) * HOUR, label));
  return ids;
}

const N = "negative", U = "neutral", P = "positive";

async function consecutive(n = 3, sort = "severity") {
  return atRiskAccounts({ rule: "consecutive", n: String(n), sort }, { limit: 1000 });
}
const find = (list: Awaited<ReturnType<typeof consecutive>>, id: number) => list.rows.find((r) => r.accountId === id);

beforeAll(async () => {
  await useFreshDatabase();
  const [c] = await getDb().insert(categories).values({ name: unique("Billing"), slug: unique("billing") }).returning();
  categoryId = c.id;
  supervisorId = (await createUser({ email: `${unique("sup")}@example.test`, name: "Sam Supervisor", password: "supervisor-pass-1", role: "supervisor" }, null)).id;
  agentId = (await createUser({ email: `${unique("agent")}@example.test`, name: "Ada Agent", password: "agent-pass-123", role: "agent" }, null)).id;
});

describe("N consecutive negatives", () => {
  it("lists an account whose newest requests are N negatives, and resets the run after a neutral or positive one", async () => {
    const three = await addAccount("Three In A Row");
    await history(three, [P, N, N, N]);
    const endedPositive = await addAccount("Recovered");
    await history(endedPositive, [N, N, N, P]);
    const broken = await addAccount("Broken Run");
    await history(broken, [N, N, U, N, N]);
    const unscoredInside = await addAccount("Unscored Inside");
    await history(unscoredInside, [P, N, null, N, N]);

    const list = await consecutive(3);
    expect(find(list, three)).toMatchObject({ severity: 3, matches: true, followUpId: null });
    expect(find(list, endedPositive)).toBeUndefined();
    expect(find(list, broken)).toBeUndefined();
    // An unscored request neither counts nor breaks the run.
    expect(find(list, unscoredInside)).toMatchObject({ severity: 3 });
    expect(find(await consecutive(2), broken)).toMatchObject({ severity: 2 });
    expect(find(await consecutive(4), three)).toBeUndefined();
  });

  it("ranks by severity then recency, or by recency first", async () => {
    const longOld = await addAccount("Long Old Run");
    await history(longOld, [N, N, N, N, N], 20 * DAY);
    const shortNew = await addAccount("Short New Run");
    await history(shortNew, [N, N, N], HOUR);
    const shortOlder = await addAccount("Short Older Run");
    await history(shortOlder, [N, N, N], 5 * DAY);

    const bySeverity = (await consecutive(3)).rows.map((r) => r.accountId);
    expect(bySeverity.indexOf(longOld)).toBeLessThan(bySeverity.indexOf(shortNew));
    expect(bySeverity.indexOf(shortNew)).toBeLessThan(bySeverity.indexOf(shortOlder));
    const byRecency = (await consecutive(3, "recent")).rows.map((r) => r.accountId);
    expect(byRecency[0]).toBe(shortNew);
    expect(byRecency.indexOf(shortOlder)).toBeLessThan(byRecency.indexOf(longOld));
    const row = find(await consecutive(3), longOld)!;
    expect(row.firstNegativeAt?.getTime()).toBe(NOW - 20 * DAY - 4 * HOUR);
    expect(row.lastNegativeAt?.getTime()).toBe(NOW - 20 * DAY);
  });

  it("follows supervisors' corrections, and requests that arrive out of order", async () => {
    const account = await addAccount("Corrected");
    const ids = await history(account, [N, N, P]);
    expect(find(await consecutive(3), account)).toBeUndefined();
    await reviewTasks({ taskIds: [ids[2]], label: "negative" }, supervisorId);
    expect(find(await consecutive(3), account)).toMatchObject({ severity: 3 });
    // An older positive request imported late sits before the run: the run stays 3.
    await addTask(account, NOW - 10 * DAY, P);
    expect(find(await consecutive(3), account)).toMatchObject({ severity: 3 });
    // A correction inside the run breaks it.
    await reviewTasks({ taskIds: [ids[1]], label: "neutral" }, supervisorId);
    expect(find(await consecutive(3), account)).toBeUndefined();
  });
});

describe("K negatives within D days", () => {
  it("counts the negatives inside the window, whatever lies between them", async () => {
    const account = await addAccount("Window Account");
    await addTask(account, NOW - 1 * DAY, N);
    await addTask(account, NOW - 2 * DAY, P);
    await addTask(account, NOW - 3 * DAY, N);
    await addTask(account, NOW - 10 * DAY, N);
    await addTask(account, NOW - 20 * DAY, N);
    const win = (k: number, days: number) => atRiskAccounts({ rule: "window", k: String(k), days: String(days) }, { now: new Date(NOW), limit: 1000 });
    expect((await win(3, 14)).rows.find((r) => r.accountId === account)).toMatchObject({ severity: 3, lastNegativeAt: new Date(NOW - DAY), firstNegativeAt: new Date(NOW - 10 * DAY) });
    expect((await win(4, 14)).rows.find((r) => r.accountId === account)).toBeUndefined();
    expect((await win(4, 30)).rows.find((r) => r.accountId === account)).toMatchObject({ severity: 4 });
    // Not a run: the consecutive rule does not list it.
    expect(find(await consecutive(3), account)).toBeUndefined();
  });

  it("counts exactly beyond the negatives it keeps per account", async () => {
    const account = await addAccount("Very Unhappy");
    for (let i = 1; i <= 25; i++) await addTask(account, NOW - i * HOUR, N);
    await addTask(account, NOW - 40 * DAY, N);
    const list = await atRiskAccounts({ rule: "window", k: "20", days: "7" }, { now: new Date(NOW), limit: 1000 });
    expect(list.rows.find((r) => r.accountId === account)).toMatchObject({ severity: 25, firstNegativeAt: new Date(NOW - 25 * HOUR), lastNegativeAt: new Date(NOW - HOUR) });
    expect(list.rows[0].accountId).toBe(account); // the most severe first
    await expect(atRiskAccounts({ rule: "window", k: "21" })).rejects.toMatchObject({ details: { fieldErrors: { k: expect.stringMatching(/at most 20/) } } });
  });

  it("refuses a rule that makes no sense", async () => {
    await expect(atRiskAccounts({ rule: "window", k: "0" })).rejects.toMatchObject({ code: "validation:at_risk", details: { fieldErrors: { k: expect.stringMatching(/at least 2/) } } });
    await expect(atRiskAccounts({ rule: "sometimes" })).rejects.toThrow(/not valid/);
  });
});

describe("follow-ups", () => {
  it("opens, updates and closes a follow-up with an audit trail; the account returns only with a new series", async () => {
    const account = await addAccount("Follow Me Up");
    const run = await history(account, [P, N, N, N, N], 3 * DAY);

    const opened = await openFollowUp({ accountId: String(account), ownerId: String(agentId), mechanism: "call", notes: "Call back about the invoices" }, supervisorId);
    expect(opened).toMatchObject({ status: "open", ownerId: agentId, mechanism: "call", closedAt: null });
    expect(opened.reason).toMatchObject({ run: 4, taskIds: run.slice(1) });
    expect(find(await consecutive(3), account)).toMatchObject({ severity: 4, followUpId: opened.id, followUpStatus: "open", followUpOwner: "Ada Agent" });
    await expect(openFollowUp({ accountId: account, ownerId: agentId, mechanism: "email" }, supervisorId)).rejects.toMatchObject({ code: "conflict:follow_up" });

    const updated = await updateFollowUp({ id: String(opened.id), ownerId: String(supervisorId), mechanism: "credit", status: "in_progress", notes: "Offered a credit" }, supervisorId);
    expect(updated).toMatchObject({ status: "in_progress", ownerId: supervisorId, mechanism: "credit", notes: "Offered a credit" });

    const closed = await closeFollowUp({ id: opened.id, note: "Customer happy again" }, supervisorId);
    expect(closed.status).toBe("closed");
    expect(closed.closedAt).toBeInstanceOf(Date);
    expect(closed.notes).toMatch(/Offered a credit\n\nClosed \d{4}-\d{2}-\d{2}: Customer happy again/);
    await expect(updateFollowUp({ id: opened.id, ownerId: agentId, mechanism: "call", status: "open" }, supervisorId)).rejects.toMatchObject({ code: "conflict:follow_up" });
    // The run that prompted the follow-up is settled: the account leaves the list.
    expect(find(await consecutive(3), account)).toBeUndefined();

    // New negatives after the closure: not yet three...
    await addTask(account, Date.now() + 1 * HOUR, N);
    await addTask(account, Date.now() + 2 * HOUR, N);
    expect(find(await consecutive(3), account)).toBeUndefined();
    expect(find(await consecutive(2), account)).toMatchObject({ severity: 2 });
    // ...then a third: the account is back, counting only the new series.
    const third = Date.now() + 3 * HOUR;
    await addTask(account, third, N);
    expect(find(await consecutive(3), account)).toMatchObject({ severity: 3, followUpId: null, lastNegativeAt: new Date(third) });
    const overview = await accountOverview(account);
    expect(overview.run.length).toBe(3);
    expect(overview.activeFollowUp).toBeNull();
    expect(overview.followUps.map((f) => f.status)).toEqual(["closed"]);

    const audit = (await listAuditEntries({ limit: 50 })).filter((a) => a.target === `follow_up:${opened.id}`);
    expect(audit.map((a) => a.action).sort()).toEqual(["follow_up.close", "follow_up.open", "follow_up.update"]);
    const update = audit.find((a) => a.action === "follow_up.update")!;
    expect(update.actorId).toBe(supervisorId);
    expect(update.details).toMatchObject({ changes: { status: { from: "open", to: "in_progress" }, mechanism: { from: "call", to: "credit" } } });
  });

  it("keeps an account with a running follow-up on the list after its run ends", async () => {
    const account = await addAccount("Still Followed");
    await history(account, [N, N, N], 2 * DAY);
    const f = await openFollowUp({ accountId: account, ownerId: agentId, mechanism: "email", notes: "" }, supervisorId);
    await addTask(account, NOW - DAY, P);
    expect(find(await consecutive(3), account)).toMatchObject({ severity: 0, matches: false, followUpId: f.id });
    const windowed = await atRiskAccounts({ rule: "window", k: "10", days: "30" }, { now: new Date(NOW), limit: 1000 });
    expect(windowed.rows.find((r) => r.accountId === account)).toMatchObject({ severity: 3, matches: false, followUpId: f.id });
  });

  it("in the window rule, counts only negatives after the last closure", async () => {
    const account = await addAccount("Window Closure");
    await history(account, [N, N, N], 2 * DAY);
    const f = await openFollowUp({ accountId: account, ownerId: agentId, mechanism: "call" }, supervisorId);
    await closeFollowUp({ id: f.id }, supervisorId, new Date(NOW - DAY));
    await addTask(account, NOW - 3 * HOUR, N);
    const win = () => atRiskAccounts({ rule: "window", k: "2", days: "7" }, { now: new Date(NOW), limit: 1000 }).then((l) => l.rows.find((r) => r.accountId === account));
    expect(await win()).toBeUndefined(); // four negatives in the window, but one after the closure
    await addTask(account, NOW - HOUR, N);
    expect(await win()).toMatchObject({ severity: 2, firstNegativeAt: new Date(NOW - 3 * HOUR), lastNegativeAt: new Date(NOW - HOUR) });
  });

  it("refuses an unknown account or an inactive owner, and exports the list as safe CSV", async () => {
    await expect(openFollowUp({ accountId: 999_999, ownerId: agentId, mechanism: "call" }, supervisorId)).rejects.toMatchObject({ code: "not_found:account" });
    const account = await addAccount("=cmd|' /C calc'!A0");
    await history(account, [N, N, N]);
    await expect(openFollowUp({ accountId: account, ownerId: 999_999, mechanism: "call" }, supervisorId)).rejects.toMatchObject({ details: { fieldErrors: { ownerId: expect.any(String) } } });
    await expect(openFollowUp({ accountId: account, ownerId: agentId, mechanism: "carrier pigeon" }, supervisorId)).rejects.toMatchObject({ details: { fieldErrors: { mechanism: expect.any(String) } } });
    const csv = atRiskCsv(await consecutive(3));
    expect(csv.split("\r\n")[0]).toBe("account_id,account_ref,account_name,rule,severity,matches_rule,first_negative_at,last_negative_at,follow_up_id,follow_up_status,follow_up_mechanism,follow_up_owner,follow_up_opened_at");
    expect(csv).toContain(`"'=cmd|' /C calc'!A0"`);
  });
});

describe("account_streaks", () => {
  it("equals a from-scratch count of every account's newest negatives after any sequence of writes", async () => {
    const db = getDb();
    const account = await addAccount("Churn");
    const ids = await history(account, [N, P, N, N, U, N, N, N], 4 * DAY);
    await db.update(tasks).set({ sentiment: "negative" }).where(eq(tasks.id, ids[4]));
    await db.delete(predictions).where(eq(predictions.taskId, ids[7]));
    await db.delete(tasks).where(eq(tasks.id, ids[7]));
    const other = await addAccount("Moved To");
    await db.update(tasks).set({ accountId: other }).where(eq(tasks.id, ids[6]));

    const expected = await db.all<{ account_id: number; streak: number }>(sql`
      select a.account_id, (
        select count(*) from tasks t where t.account_id = a.account_id and t.sentiment = 'negative'
          and t.created_at > coalesce((select max(created_at) from tasks x where x.account_id = a.account_id and x.sentiment in ('neutral', 'positive')), -1)
      ) as streak
      from (select distinct account_id from tasks) a order by a.account_id`);
    const kept = await db.select({ account_id: accountStreaks.accountId, streak: accountStreaks.streak }).from(accountStreaks).orderBy(accountStreaks.accountId);
    expect(kept.filter((k) => expected.some((e) => e.account_id === k.account_id))).toEqual(expected);
    expect(expected.find((e) => e.account_id === account)?.streak).toBe(4); // N N N(was U) N, after the P

    // The kept negative timestamps: the 20 newest of each account, newest first.
    const negatives = await db.select({ accountId: tasks.accountId, createdAt: tasks.createdAt }).from(tasks).where(eq(tasks.sentiment, "negative"));
    const byAccount = new Map<number, number[]>();
    for (const n of negatives) byAccount.set(n.accountId, [...(byAccount.get(n.accountId) ?? []), n.createdAt.getTime()]);
    const recent = await db.select({ accountId: accountStreaks.accountId, recent: accountStreaks.recentNegatives }).from(accountStreaks);
    for (const r of recent) {
      const want = (byAccount.get(r.accountId) ?? []).sort((a, b) => b - a).slice(0, 20).map((ms) => String(ms).padStart(13, "0")).join("");
      expect(r.recent, `account ${r.accountId}`).toBe(want);
    }
    expect(recent.find((r) => r.accountId === other)?.recent).toBe(String(NOW - 4 * DAY - HOUR).padStart(13, "0"));
  });
});
