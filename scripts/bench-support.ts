// npm run bench:support — the level of support's two targets (issue 19), on a fresh temporary
// database it builds itself:
//  1. rule evaluation with 50 active rules: the time runRules adds to one request (reading the
//     rules, the task's facts and the firings, then testing every rule), and the in-memory
//     test alone; target ≤ 2 ms per task;
//  2. the SLA sweep's query among 1M open tasks with a running clock (BENCH_SLA_TASKS): the
//     due ones by tasks_sla_due_idx; target < 100 ms.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import { dueSlaTasks, taskFacts } from "@/db/queries/support";
import { migrate } from "@/lib/ops/bootstrap";
import { createRule, compileRule, runRules } from "@/lib/support/rules";
import { listActiveRules } from "@/db/queries/escalation-rules";
import { runCli } from "./run-cli";

const SLA_TASKS = Number(process.env.BENCH_SLA_TASKS ?? 1_000_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 200);

function stats(ms: number[]) {
  const sorted = [...ms].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  return `median ${at(0.5).toFixed(3)} ms, p95 ${at(0.95).toFixed(3)} ms, max ${sorted[sorted.length - 1].toFixed(3)} ms (${ms.length} runs)`;
}

runCli(async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "csa-bench-support-"));
  process.env.DATABASE_URL = `file:${path.join(dir, "bench.db")}`;
  await migrate();
  const db = getDb();
  await db.run(sql`insert into categories (name, slug) values ('Billing', 'billing'), ('Cancellations', 'cancellations')`);
  await db.run(sql`insert into customer_accounts (external_ref, name) values ('bench', 'Bench')`);

  // 1. 50 active rules of every kind of condition; none matches the benchmark's requests, so
  // every rule is tested in full (a match would add its actions' writes, which are the firing's cost).
  const kinds = [
    (i: number) => ({ sentiments: ["negative"], min_confidence: 0.9, phrases: [`never-${i}`] }),
    (i: number) => ({ emotions: ["anger", "fear"], priorities: ["urgent"], phrases: [`absent ${i}`, "nope nope"] }),
    (i: number) => ({ category_ids: [2], channels: ["phone"], account_at_risk: true, phrases: [`zz${i}`] }),
    (i: number) => ({ sentiments: ["negative"], waiting_minutes: 60 + i }),
    (i: number) => ({ phrases: [`refund-${i}`, `chargeback ${i}`, `lawyer ${i}`, `cancel-${i}`] }),
  ];
  for (let i = 0; i < 50; i++) await createRule({ name: `Rule ${i}`, conditions: kinds[i % kinds.length](i), actions: { add_tag: `t${i}` } }, null);
  const text = "My invoice shows a charge I do not recognise and I would like it explained, thank you.";
  await db.run(sql`
    with recursive n(i) as (select 1 union all select i + 1 from n where i < ${RUNS})
    insert into tasks (account_id, category_id, channel, text, sentiment, confidence, negative_score, emotion, priority, priority_reasons, sla_due_at)
    select 1, 1, 'web', ${text}, 'negative', 0.7, 0.7, 'sadness', 'high', '["negative 70%"]', ${Date.now() + 3_600_000} from n`);
  const ids = (await db.all<{ id: number }>(sql`select id from tasks order by id`)).map((r) => r.id);
  for (const id of ids.slice(0, 10)) await runRules([id], "bench"); // warm-up
  const withDb: number[] = [];
  for (const id of ids) {
    const t0 = performance.now();
    await runRules([id], "bench");
    withDb.push(performance.now() - t0);
  }
  const rules = (await listActiveRules()).map(compileRule);
  const facts = await taskFacts({ taskIds: ids });
  const now = Date.now();
  const inMemory: number[] = [];
  for (let r = 0; r < 5; r++) {
    for (const t of facts) {
      const t0 = performance.now();
      for (const rule of rules) rule.matches(t, now);
      inMemory.push(performance.now() - t0);
    }
  }
  console.log(`rule evaluation, ${rules.length} active rules, per task:`);
  console.log(`  runRules (DB reads + all rules tested): ${stats(withDb)}`);
  console.log(`  the 50 tests alone (in memory):        ${stats(inMemory)}`);

  // 2. SLA sweep among SLA_TASKS open tasks with a running clock, 0.1% of them due.
  const t0 = performance.now();
  const now2 = Date.now();
  for (let done = 0; done < SLA_TASKS; done += 100_000) {
    const n = Math.min(100_000, SLA_TASKS - done);
    await db.run(sql`
      with recursive n(i) as (select 1 union all select i + 1 from n where i < ${n})
      insert into tasks (account_id, category_id, channel, text, sentiment, confidence, priority, priority_reasons, sla_due_at)
      select 1, 1, 'web', 'x', 'neutral', 0.5, 'normal', '["neutral 50%"]',
        case when (i + ${done}) % 1000 = 0 then ${now2} - (i % 600000) else ${now2} + 60000 + (i % 86400000) end
      from n`);
  }
  console.log(`\nSLA sweep: ${SLA_TASKS.toLocaleString("en")} open tasks with a clock loaded in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  const plan = await db.all<{ detail: string }>(sql`explain query plan select id from tasks where sla_due_at is not null and sla_due_at <= ${Date.now()} order by sla_due_at limit 100`);
  console.log(`  plan: ${plan.map((p) => p.detail).join(" / ")}`);
  const sweep: number[] = [];
  let found = 0;
  for (let r = 0; r < 30; r++) {
    const s0 = performance.now();
    found = (await dueSlaTasks({ now: new Date(), limit: 100 })).length;
    sweep.push(performance.now() - s0);
  }
  console.log(`  due tasks query (limit 100, found ${found}): ${stats(sweep)}`);
  fs.rmSync(dir, { recursive: true, force: true });
});
