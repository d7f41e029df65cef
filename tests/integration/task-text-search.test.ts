// The task list's search: the trigram index (migration 0006) must find exactly what a
// scan with LIKE '%q%' (and the customer fields) finds — no request missed, none extra — whatever the agent types,
// and stay in step with the tasks table as requests are added and removed.
import { beforeAll, describe, expect, it } from "vitest";
import { eq, sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import { deleteAllTaskData } from "@/db/queries/tasks";
import { customerAccounts, tasks } from "@/db/schema";
import { createScoredTask } from "@/lib/intake/scored-task";
import { listTaskQueue } from "@/lib/tasks/queue";
import { freshDemoDatabase } from "../support/demo-db";

const TEXTS = [
  "My REFUND never arrived, please check order 1234",
  "refunded twice?! I only wanted one refund",
  "Great service, thanks a lot",
  "The discount was 50% off but I paid 100%",
  "file_name_with_underscores broke the upload",
  'She said "never again" and closed the account',
  "Können Sie mir bitte helfen? Die Rechnung ist falsch",
  "Café au lait was cold AND late NOT OK",
  "a-b-c and x*y: odd characters NEAR the start",
  "ok",
];

/**
 * Every request whose text contains q, ASCII letters in any case (what LIKE '%q%' matches), or
 * whose customer's name contains it, or whose customer e-mail, customer reference or own
 * external id is q (the search also finds the customer, issue 20).
 */
async function expected(q: string): Promise<number[]> {
  const lower = (s: string) => s.replace(/[A-Z]/g, (c) => c.toLowerCase());
  const all = await getDb()
    .select({ id: tasks.id, text: tasks.text, externalId: tasks.externalId, name: customerAccounts.name, email: customerAccounts.email, ref: customerAccounts.externalRef })
    .from(tasks)
    .innerJoin(customerAccounts, eq(customerAccounts.id, tasks.accountId));
  const contains = (s: string) => lower(s).includes(lower(q));
  return all
    .filter((t) => contains(t.text) || contains(t.name) || t.email === q.toLowerCase() || t.ref === q || t.externalId === q)
    .map((t) => t.id)
    .sort((a, b) => a - b);
}

async function found(q: string, limit = 3): Promise<number[]> {
  const ids: number[] = [];
  let cursor: string | undefined;
  do {
    const page = await listTaskQueue({ q, limit, cursor });
    ids.push(...page.rows.map((r) => r.id));
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return ids.sort((a, b) => a - b);
}

async function indexIsConsistent(): Promise<void> {
  // FTS5 compares the index with the tasks table and raises an error when they differ.
  await getDb().run(sql`insert into tasks_text_search (tasks_text_search, rank) values ('integrity-check', 1)`);
}

beforeAll(async () => {
  await freshDemoDatabase({ tasks: 300, examples: 600 }); // categories, a model, and generated requests
  for (const text of TEXTS) await createScoredTask({ account: { name: "Search test" }, category: "Billing", text });
});

describe("text search in the task list", () => {
  it.each([
    ["refund"], // two requests, different case
    ["REFUND"],
    ["fund"],
    ["refunded twice"], // spaces belong to the text searched for
    ["50%"], // LIKE's wildcards are literal here
    ["_name_"],
    ['"never again"'], // quotes are text, not FTS5 syntax
    ["never"],
    ["AND"], // FTS5 operators are text too
    ["NEAR"],
    ["x*y"],
    ["a-b-c"],
    ["können"], // non-ASCII: found in its own case
    ["Café"],
    ["ok"], // two characters: no trigram, the plain scan
    ["%"],
    ["zzz-no-such-text"],
  ])("%s finds what LIKE finds", async (q) => {
    const want = await expected(q);
    expect(await found(q)).toEqual(want);
  });

  it("finds the same when thousands match (too many for the index: the plain scan)", async () => {
    // 6,000 requests at once, straight into the table (the triggers index them as usual).
    await getDb().run(sql`
      with recursive n(i) as (select 1 union all select i + 1 from n where i < 6000)
      insert into tasks (account_id, category_id, text, created_at, updated_at)
      select t.account_id, t.category_id, 'Parcel number ' || n.i || ' is late', t.created_at + n.i, t.created_at + n.i
      from n, (select account_id, category_id, created_at from tasks order by id limit 1) t`);
    const want = await expected("parcel number");
    expect(want.length).toBeGreaterThan(5000);
    expect(await found("parcel number", 200)).toEqual(want);
    expect(await found("number 4321 ")).toEqual(await expected("number 4321 "));
    await indexIsConsistent();
  });

  it("finds new requests at once, forgets deleted ones, and the index stays consistent", async () => {
    const { taskId } = await createScoredTask({ account: { name: "Search test" }, category: "Billing", text: "A brand-new complaint about xylophones" });
    expect(await found("xylophone")).toEqual([taskId]);
    await indexIsConsistent();
    await deleteAllTaskData();
    expect(await found("refund")).toEqual([]);
    await indexIsConsistent();
  });
});
