// npm run bench:tasks — server time of the task list queries (the agents' queue and the
// review queue) against an existing database, e.g. one seeded with
//   DATABASE_URL=file:/tmp/bench/seed1m.db npm run seed -- --reset --tasks 1000000
// Median and p95 over repeated runs; no HTTP, no rendering: the query as the page runs it.
import { countTasks } from "@/db/queries/tasks";
import { listCategories } from "@/db/queries/catalog";
import { listTaskQueue } from "@/lib/tasks/queue";
import { runCli } from "./run-cli";

const RUNS = Number(process.env.BENCH_RUNS ?? 30);

function stats(ms: number[]) {
  const sorted = [...ms].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  return { median: at(0.5), p95: at(0.95) };
}

runCli(async () => {
  const total = await countTasks();
  const billing = (await listCategories()).find((c) => c.name === "Billing")!;
  const weekAgo = new Date(Date.now() - 7 * 86_400_000).toISOString().slice(0, 10);
  // A cursor 50 pages deep, to show keyset paging does not slow down with depth.
  let deep: string | null = null;
  for (let i = 0; i < 50; i++) deep = (await listTaskQueue({ cursor: deep ?? undefined })).nextCursor;
  const cases: [string, Record<string, string>][] = [
    ["first page, newest", {}],
    ["filtered: Billing + negative", { category: String(billing.id), sentiment: "negative" }],
    ["filtered: open, last 7 days", { status: "open", from: weekAgo }],
    ["most negative first", { sort: "negative" }],
    ["review queue: unreviewed, lowest confidence", { reviewed: "false", sort: "uncertain", limit: "25" }],
    ["emotion pending", { emotion: "pending" }],
    ["page 51 (cursor)", { cursor: deep ?? "" }],
    ["text search 'refund' (common word)", { q: "refund" }],
    ["text search 'totals' (about 1 request in 1,000)", { q: "totals" }],
    ["text search 'ACC-052848' (an account number)", { q: "ACC-052848" }],
    ["text search, no match", { q: "xylophone" }],
    ["text search 'ok' (two letters: scanned, no trigram)", { q: "ok" }],
  ];
  console.log(`tasks: ${total}; ${RUNS} runs per query after one warm-up`);
  console.log("| query | median ms | p95 ms | rows |\n|---|---|---|---|");
  for (const [name, query] of cases) {
    const first = await listTaskQueue(query);
    const times: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const t0 = performance.now();
      await listTaskQueue(query);
      times.push(performance.now() - t0);
    }
    const s = stats(times);
    console.log(`| ${name} | ${s.median.toFixed(1)} | ${s.p95.toFixed(1)} | ${first.rows.length} |`);
  }
});
