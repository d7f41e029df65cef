// npm run bench:limits — what the shared rate-limit counters (issue 17, finding 3) cost a
// request, on a fresh temporary embedded database: one takeToken per API call or feedback
// post, sequential and 5,000 at once, against the bare upsert with and without an fsync
// per commit (the side file runs with synchronous = NORMAL, db/limits-client.ts).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createClient } from "@libsql/client";
import { takeToken } from "@/lib/api/rate-limit";
import { migrate } from "@/lib/ops/bootstrap";
import { runCli } from "./run-cli";

const RUNS = Number(process.env.BENCH_RUNS ?? 2000);

async function perCall(n: number, fn: (i: number) => Promise<unknown>): Promise<number> {
  const started = process.hrtime.bigint();
  for (let i = 0; i < n; i++) await fn(i);
  return Number(process.hrtime.bigint() - started) / 1000 / n;
}

runCli(async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "csa-bench-limits-"));
  try {
    process.env.DATABASE_URL = `file:${path.join(dir, "app.db")}`;
    await migrate();
    const raw = createClient({ url: `file:${path.join(dir, "raw.db")}` });
    await raw.execute("PRAGMA journal_mode = WAL");
    await raw.execute("create table t (k text primary key, v real)");
    const upsert = (i: number) => raw.execute({ sql: "insert into t values (?, 1) on conflict(k) do update set v = v + 1 returning v", args: [`k${i % 10}`] });
    const limit = { perMinute: 1e7, burst: 1e6 };
    for (let i = 0; i < 200; i++) await takeToken("warm-up", limit);
    const rows: [string, number][] = [];
    await raw.execute("PRAGMA synchronous = FULL");
    rows.push(["bare upsert, synchronous = FULL (an fsync per commit)", await perCall(Math.min(RUNS, 500), upsert)]);
    await raw.execute("PRAGMA synchronous = NORMAL");
    rows.push(["bare upsert, synchronous = NORMAL", await perCall(RUNS, upsert)]);
    rows.push(["takeToken, one key, one after another", await perCall(RUNS, () => takeToken("one", limit))]);
    rows.push(["takeToken, 1,000 keys, one after another", await perCall(RUNS, (i) => takeToken(`k${i % 1000}`, limit))]);
    const started = process.hrtime.bigint();
    await Promise.all(Array.from({ length: 5000 }, (_, i) => takeToken(`c${i % 50}`, limit)));
    rows.push(["takeToken, 5,000 at once over 50 keys (per call)", Number(process.hrtime.bigint() - started) / 1000 / 5000]);
    raw.close();
    console.log(`load average ${os.loadavg().map((l) => l.toFixed(1)).join(" ")}, ${os.cpus().length} cores`);
    console.log("| what | µs per call |\n|---|---|");
    for (const [what, us] of rows) console.log(`| ${what} | ${Math.round(us).toLocaleString("en")} |`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
