// npm run bench:trends -- [--runs 30] [--fill-emotions] — server time of the trends,
// emotions and at-risk queries against an existing database, e.g. one seeded with
//   DATABASE_URL=file:/tmp/bench/1m.db npm run seed -- --reset --tasks 1000000
// Migrates first (the trend aggregates are built then, once). Median and p95 over repeated
// runs of the lib function each page calls: no HTTP, no rendering.
//
// The seed leaves every emotion pending (the emotion service fills them later);
// --fill-emotions gives 90% of the pending tasks a deterministic emotion first, through the
// same triggers, so the emotion queries group real labels.
import { sql } from "drizzle-orm";
import { dbReady } from "@/db/client";
import { countTasks } from "@/db/queries/tasks";
import { accountOverview, atRiskAccounts } from "@/lib/accounts/at-risk";
import { migrate } from "@/lib/ops/bootstrap";
import { emotionTrends, isoDay, parseTrendQuery, sentimentTrends } from "@/lib/trends/reports";
import { parseFlags } from "./cli-args";
import { runCli } from "./run-cli";

const EMOTIONS = ["anger", "sadness", "fear", "joy", "love", "surprise"];

function stats(ms: number[]) {
  const sorted = [...ms].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  return { median: at(0.5), p95: at(0.95), min: sorted[0], max: sorted[sorted.length - 1] };
}

async function fillEmotions() {
  const db = await dbReady();
  const [{ lo, hi }] = await db.all<{ lo: number; hi: number }>(sql`select coalesce(min(id), 0) as lo, coalesce(max(id), 0) as hi from tasks where emotion is null`);
  const started = performance.now();
  for (let from = lo; from <= hi; from += 50_000) {
    await db.run(sql`update tasks set emotion = case abs(id * 2654435761) % 6
        when 0 then ${EMOTIONS[0]} when 1 then ${EMOTIONS[1]} when 2 then ${EMOTIONS[2]}
        when 3 then ${EMOTIONS[3]} when 4 then ${EMOTIONS[4]} else ${EMOTIONS[5]} end
      where id >= ${from} and id < ${from + 50_000} and emotion is null and id % 10 != 0`);
  }
  return (performance.now() - started) / 1000;
}

runCli(async () => {
  const flags = parseFlags(process.argv.slice(2), { boolean: ["fill-emotions", "help"], number: ["runs"] });
  if (flags.help) {
    process.stdout.write("Usage: DATABASE_URL=file:/path/1m.db npm run bench:trends -- [--runs N] [--fill-emotions]\n");
    return;
  }
  const runs = (flags.runs as number | undefined) ?? 30;
  let t0 = performance.now();
  await migrate();
  const migrateSeconds = (performance.now() - t0) / 1000;
  if (flags["fill-emotions"]) console.log(`filled emotions in ${(await fillEmotions()).toFixed(1)} s`);

  const db = await dbReady();
  const total = await countTasks();
  // "Now" is the newest request, so the default ranges cover data however old the database is.
  const [{ newest }] = await db.all<{ newest: number }>(sql`select max(created_at) as newest from tasks`);
  const now = new Date(newest ?? Date.now());
  const to = isoDay(Math.floor(now.getTime() / 86_400_000));
  const ago = (days: number) => isoDay(Math.floor(now.getTime() / 86_400_000) - days + 1);

  const top = (await atRiskAccounts({}, { now })).rows[0];
  const [{ busiest }] = await db.all<{ busiest: number }>(sql`select account_id as busiest from tasks group by account_id order by count(*) desc limit 1`);

  const cases: [string, () => Promise<unknown>, number][] = [
    ["/trends default: 28 days by week (4 queries)", () => sentimentTrends(parseTrendQuery({}, now)), 300],
    ["/trends 90 days by day", () => sentimentTrends(parseTrendQuery({ from: ago(90), to, granularity: "day" })), 300],
    ["/trends 90 days by month, one category", () => sentimentTrends(parseTrendQuery({ from: ago(90), to, granularity: "month", category: "1" })), 300],
    ["/emotions default: 28 days by week (3 queries)", () => emotionTrends(parseTrendQuery({}, now)), 300],
    ["/emotions 90 days by day", () => emotionTrends(parseTrendQuery({ from: ago(90), to, granularity: "day" })), 300],
    ["/accounts default: 3 in a row, by severity", () => atRiskAccounts({}, { now }), 200],
    ["/accounts 3 in a row, most recent first, page 20", () => atRiskAccounts({ sort: "recent", page: "20" }, { now }), 200],
    ["/accounts 4 negatives within 14 days", () => atRiskAccounts({ rule: "window", k: "4", days: "14" }, { now }), 200],
    ["/accounts 5 negatives within 30 days", () => atRiskAccounts({ rule: "window", k: "5", days: "30" }, { now }), 200],
    ["/accounts 10 negatives within 90 days", () => atRiskAccounts({ rule: "window", k: "10", days: "90" }, { now }), 200],
    [`/accounts/${top?.accountId} (top at-risk account)`, () => accountOverview(top!.accountId), 300],
    [`/accounts/${busiest} (busiest account)`, () => accountOverview(busiest), 300],
    ["at-risk CSV export (up to 10,000 rows)", () => atRiskAccounts({}, { now, limit: 10_000 }), 1000],
  ];

  console.log(`tasks: ${total}; migrate ${migrateSeconds.toFixed(1)} s; now = ${now.toISOString()}; ${runs} runs per query after 2 warm-ups`);
  console.log("| query | median ms | p95 ms | min ms | max ms | target ms | |\n|---|---|---|---|---|---|---|");
  let failed = 0;
  for (const [name, run, target] of cases) {
    if (name.includes("undefined")) continue;
    await run();
    await run();
    const times: number[] = [];
    for (let i = 0; i < runs; i++) {
      t0 = performance.now();
      await run();
      times.push(performance.now() - t0);
    }
    const s = stats(times);
    const ok = s.median < target;
    if (!ok) failed++;
    console.log(`| ${name} | ${s.median.toFixed(1)} | ${s.p95.toFixed(1)} | ${s.min.toFixed(1)} | ${s.max.toFixed(1)} | < ${target} | ${ok ? "ok" : "MISSED"} |`);
  }
  return failed ? 1 : 0;
});
