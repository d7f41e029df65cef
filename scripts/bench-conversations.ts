// npm run bench:conversations [-- --tasks 1000000]
// Builds a database of N tasks with 3 messages each (the opening request, an agent's reply, the
// customer's follow-up; a third of the follow-ups change the sentiment), then times what the
// conversations feature reads: the queue, the customer search, the trend filter, one task's page
// and the trends page's conversation table. Server time, no HTTP: the functions the pages call.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import { listCategories } from "@/db/queries/catalog";
import { migrate } from "@/lib/ops/bootstrap";
import { conversationTrends } from "@/lib/conversations/report";
import { seedDemo } from "@/lib/demo/seed";
import { listTaskQueue, taskPage } from "@/lib/tasks/queue";
import { parseFlags } from "./cli-args";
import { runCli } from "./run-cli";

const RUNS = Number(process.env.BENCH_RUNS ?? 20);

function stats(ms: number[]) {
  const sorted = [...ms].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  return { median: at(0.5), p95: at(0.95) };
}

async function build(n: number) {
  const db = getDb();
  await seedDemo({ tasks: 200, examples: 1500, quiet: true }); // categories and a trained model
  const accounts = Math.max(1, Math.floor(n / 10));
  const [{ base }] = await db.all<{ base: number }>(sql`select coalesce(max(id), 0) as base from customer_accounts`);
  await db.run(sql`with recursive i(k) as (select 1 union all select k + 1 from i where k < ${accounts})
    insert into customer_accounts (external_ref, name, email)
    select 'email:bench' || k || '@example.test', 'Bench Customer ' || k, 'bench' || k || '@example.test' from i`);
  const now = Date.now();
  const t0 = performance.now();
  // Tasks in chunks (one statement each): the triggers write the opening message, the search
  // index and the aggregates for every row, as for any writer.
  const CHUNK = 50_000;
  for (let start = 0; start < n; start += CHUNK) {
    const size = Math.min(CHUNK, n - start);
    await db.run(sql`with recursive i(k) as (select ${start + 1} union all select k + 1 from i where k < ${start + size})
      insert into tasks (account_id, category_id, channel, text, status, sentiment, confidence, opening_sentiment, priority, priority_reasons, created_at, updated_at)
      select ${base} + 1 + (k * 7919) % ${accounts},
             (select min(id) from categories) + k % (select count(*) from categories), -- the seed's ids run without gaps
             'email',
             'Order ' || k || ': ' || (case k % 4 when 0 then 'I was charged twice and nobody answers' when 1 then 'the app crashes when I open my invoice' when 2 then 'please change my plan to the yearly one' else 'thanks for the quick help last week' end),
             (case k % 5 when 0 then 'closed' when 1 then 'replied' else 'open' end),
             (case k % 3 when 0 then 'negative' when 1 then 'neutral' else 'positive' end),
             0.5 + (k % 50) / 100.0,
             (case when k % 3 = 0 then (case k % 9 when 0 then 'positive' when 3 then 'neutral' else 'negative' end) else null end),
             (case k % 4 when 0 then 'urgent' when 1 then 'high' when 2 then 'normal' else 'low' end),
             '["bench"]',
             ${now} - (k * 31536000000 / ${n}), ${now} - (k * 31536000000 / ${n})
      from i`);
    process.stdout.write(`\r  tasks ${start + size}/${n}`);
  }
  // The agent's reply and the customer's follow-up of every bench task.
  await db.run(sql`insert into task_messages (task_id, author, channel, text, internal, created_at, updated_at)
    select id, 'agent', 'email', 'Thanks for writing in, we are on it.', 0, created_at + 3600000, created_at + 3600000 from tasks where priority_reasons = '["bench"]'`);
  await db.run(sql`insert into task_messages (task_id, author, channel, text, sentiment, confidence, created_at, updated_at)
    select id, 'customer', 'email', 'Follow-up on my request', sentiment, confidence, created_at + 7200000, created_at + 7200000 from tasks where priority_reasons = '["bench"]'`);
  // The opening message keeps the opening label where the conversation changed.
  await db.run(sql`update task_messages set sentiment = (select opening_sentiment from tasks where tasks.id = task_messages.task_id)
    where author = 'customer' and id in (select min(m.id) from task_messages m join tasks t on t.id = m.task_id where t.opening_sentiment is not null group by m.task_id)`);
  await db.run(sql`analyze`);
  process.stdout.write(`\r  built in ${((performance.now() - t0) / 1000).toFixed(0)} s\n`);
}

runCli(async () => {
  const flags = parseFlags(process.argv.slice(2), { boolean: [], string: ["tasks"] });
  const n = Number(flags.tasks ?? 1_000_000);
  if (!Number.isInteger(n) || n < 1000) throw new Error("--tasks must be a whole number of at least 1000");
  if (!process.env.DATABASE_URL) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "csa-bench-conv-"));
    process.env.DATABASE_URL = `file:${path.join(dir, "bench.db")}`;
  }
  await migrate();
  const db = getDb();
  const [{ tasks }] = await db.all<{ tasks: number }>(sql`select count(*) as tasks from tasks`);
  if (tasks < n) {
    console.log(`building ${n.toLocaleString("en")} tasks in ${process.env.DATABASE_URL}`);
    await build(n);
  }
  const [{ t, m }] = await db.all<{ t: number; m: number }>(sql`select (select count(*) from tasks) as t, (select count(*) from task_messages) as m`);
  const billing = (await listCategories()).find((c) => c.name === "Billing")!;
  const [{ id: someId }] = await db.all<{ id: number }>(sql`select id from tasks where opening_sentiment is not null order by id desc limit 1 offset 1000`);
  const reference = `REQ-${String(someId).padStart(6, "0")}`;
  const cases: [string, () => Promise<unknown>][] = [
    ["queue: first page (priority, time left)", () => listTaskQueue({ sort: "priority" })],
    [`search: reference ${reference}`, () => listTaskQueue({ q: reference })],
    ["search: customer e-mail (exact)", () => listTaskQueue({ q: "bench4242@example.test" })],
    ["search: customer name part 'Customer 4242'", () => listTaskQueue({ q: "Customer 4242" })],
    ["search: no match", () => listTaskQueue({ q: "xylophone" })],
    ["trend: worsening, first page", () => listTaskQueue({ trend: "worsening" })],
    ["trend: improving + Billing", () => listTaskQueue({ trend: "improving", category: String(billing.id) })],
    ["task page (conversation, explanation, other conversations)", () => taskPage(someId)],
    ["trends: conversations per category, last 30 days", () => conversationTrends({ from: new Date(Date.now() - 30 * 86_400_000), to: new Date() })],
    ["trends: conversations per category, whole year", () => conversationTrends({ from: new Date(Date.now() - 366 * 86_400_000), to: new Date() })],
  ];
  console.log(`tasks: ${t.toLocaleString("en")}; messages: ${m.toLocaleString("en")}; ${RUNS} runs per case after one warm-up`);
  console.log("| case | median ms | p95 ms |\n|---|---|---|");
  for (const [name, run] of cases) {
    await run();
    const times: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const t0 = performance.now();
      await run();
      times.push(performance.now() - t0);
    }
    const s = stats(times);
    console.log(`| ${name} | ${s.median.toFixed(1)} | ${s.p95.toFixed(1)} |`);
  }
});
