// npm run bench:api — load on the REST API of a production build (`next build` first):
// a fresh database with demo data, an API key, the web server `npm start` runs
// (server/serve.ts: one Next.js process per core) on loopback, then single-text and
// 100-text POST /api/v1/predictions (persist: false), and GET /api/health for the cost of
// Next.js itself. `-- --single-process` measures one plain `next start`.
// Bounded: fixed duration, loopback only; the server is stopped afterwards.
//
// The load generator shares the machine's cores with the server, so its own cost is part
// of what is measured. wrk (C, Debian package `wrk`) costs about 0.07 ms of CPU per
// request here, autocannon (JavaScript, in this process) about 0.5 ms: at 1,000 requests/s
// that is a quarter of one of the two cores. wrk is used when it is installed;
// BENCH_LOADGEN=autocannon forces autocannon.
import { spawn, spawnSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import autocannon from "autocannon";
import { createApiKey } from "@/lib/api/keys";
import { migrate } from "@/lib/ops/bootstrap";
import { seedDemo } from "@/lib/demo/seed";
import { createUser } from "@/lib/admin/users";
import { formatUsage, parseFlags, switches } from "./cli-args";
import { runCli } from "./run-cli";
import { waitForOk } from "./wait-for-ok";

const PORT = Number(process.env.BENCH_PORT ?? 3400);
const DURATION = Number(process.env.BENCH_SECONDS ?? 15);
const texts = [
  "My refund still has not arrived and nobody answers my emails",
  "Thanks for sorting out the invoice so quickly!",
  "Can you tell me when the next statement is due?",
  "The app keeps logging me out, this is really annoying",
];

type Load = { url: string; connections: number; post?: { key: string; body: unknown } };
type Outcome = { requestsPerSec: number; p50: number; p99: number; failed: number };

const useWrk = process.env.BENCH_LOADGEN !== "autocannon" && spawnSync("wrk", ["--version"]).error === undefined;

async function withAutocannon({ url, connections, post }: Load): Promise<Outcome> {
  const r = await autocannon({
    url,
    connections,
    duration: DURATION,
    ...(post && {
      method: "POST",
      headers: { authorization: `Bearer ${post.key}`, "content-type": "application/json" },
      body: JSON.stringify(post.body),
    }),
  });
  return { requestsPerSec: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, failed: r.non2xx + r.errors };
}

/** wrk's `--latency` report, e.g. "    99%   41.07ms", in milliseconds. */
function wrkPercentile(report: string, percentile: number): number {
  const m = new RegExp(`^\\s*${percentile}%\\s+([\\d.]+)(us|ms|s)\\s*$`, "m").exec(report);
  if (!m) throw new Error(`wrk printed no ${percentile}th percentile:\n${report}`);
  return Number(m[1]) * { us: 0.001, ms: 1, s: 1000 }[m[2] as "us" | "ms" | "s"];
}

function withWrk({ url, connections, post }: Load, dir: string): Outcome {
  const args = ["-t1", `-c${connections}`, `-d${DURATION}s`, "--latency"];
  if (post) {
    // wrk sends what a Lua script sets; JSON.stringify quotes the body as a valid Lua string.
    const script = path.join(dir, "post.lua");
    fs.writeFileSync(
      script,
      [
        'wrk.method = "POST"',
        `wrk.body = ${JSON.stringify(JSON.stringify(post.body))}`,
        'wrk.headers["content-type"] = "application/json"',
        `wrk.headers["authorization"] = ${JSON.stringify(`Bearer ${post.key}`)}`,
      ].join("\n"),
    );
    args.push("-s", script);
  }
  const run = spawnSync("wrk", [...args, url], { encoding: "utf8" });
  if (run.status !== 0) throw new Error(`wrk failed (exit ${run.status}): ${run.stderr}`);
  const report = run.stdout;
  const number = (re: RegExp) => Number(re.exec(report)?.[1] ?? 0);
  const socketErrors = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(report);
  return {
    requestsPerSec: number(/Requests\/sec:\s+([\d.]+)/),
    p50: wrkPercentile(report, 50),
    p99: wrkPercentile(report, 99),
    failed: number(/Non-2xx or 3xx responses: (\d+)/) + (socketErrors ? socketErrors.slice(1).reduce((a, n) => a + Number(n), 0) : 0),
  };
}

const FLAGS = switches({ "single-process": "measure one `next start` process instead of server/serve.ts" });
const USAGE = formatUsage("npm run bench:api -- [--single-process]", FLAGS);
const distDir = process.env.NEXT_DIST_DIR || ".next";

runCli(async () => {
  const singleProcess = parseFlags(process.argv.slice(2), FLAGS)["single-process"] === true;
  if (!fs.existsSync(path.join(distDir, "BUILD_ID"))) throw new Error(`No production build in ${distDir}: run \`npx next build\` first.`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "csa-bench-api-"));
  process.env.DATABASE_URL = `file:${path.join(dir, "bench.db")}`;
  await migrate();
  await seedDemo({ tasks: 200, quiet: true });
  const admin = await createUser({ email: "bench@example.test", name: "Bench", password: "bench-password-1", role: "admin" }, null);
  const { secret } = await createApiKey({ name: "bench", scopes: ["predict"] }, admin.id);

  const [command, args] = singleProcess
    ? [path.join("node_modules", ".bin", "next"), ["start", "-p", String(PORT), "-H", "127.0.0.1"]]
    : [path.join("node_modules", ".bin", "tsx"), [path.join("server", "serve.ts"), "-p", String(PORT), "-H", "127.0.0.1"]];
  const server = spawn(command, args, {
    stdio: "ignore",
    detached: true, // its own process group, so stopping it stops every worker
    env: {
      ...process.env,
      NODE_ENV: "production",
      AUTH_SECRET: crypto.randomBytes(32).toString("hex"),
      AUTH_TRUST_HOST: "true",
      API_RATE_LIMIT_PER_MINUTE: "10000000",
      API_RATE_LIMIT_BURST: "1000000",
      // Sentiment only: the emotion service is measured by bench:emotion.
      EMOTION_INFERENCE_URL: "",
      LOG_LEVEL: "warn",
    },
  });
  try {
    await waitForOk(`http://127.0.0.1:${PORT}/api/health`, { timeoutMs: 50_000 });
    const loadBefore = os.loadavg().map((l) => l.toFixed(2)).join(" ");
    const probe = await fetch(`http://127.0.0.1:${PORT}/api/v1/predictions`, {
      method: "POST",
      headers: { authorization: `Bearer ${secret}`, "content-type": "application/json" },
      body: JSON.stringify({ persist: false, inputs: [texts[0]] }),
    });
    if (!probe.ok) throw new Error(`The API answered ${probe.status}: ${await probe.text()}`);
    const run = (load: Load) => (useWrk ? Promise.resolve(withWrk(load, dir)) : withAutocannon(load));
    const predictions = `http://127.0.0.1:${PORT}/api/v1/predictions`;
    await run({ url: predictions, connections: 4, post: { key: secret, body: { persist: false, inputs: [texts[0]] } } }); // warm-up
    const single = await run({ url: predictions, connections: 16, post: { key: secret, body: { persist: false, inputs: [texts[1]] } } });
    const batchBody = { persist: false, inputs: Array.from({ length: 100 }, (_, i) => texts[i % texts.length]) };
    const batch = await run({ url: predictions, connections: 8, post: { key: secret, body: batchBody } });
    const health = await run({ url: `http://127.0.0.1:${PORT}/api/health`, connections: 16 });
    const row = (name: string, r: Outcome, textsPerRequest: number | null) =>
      `| ${name} | ${r.requestsPerSec.toFixed(0)} | ${textsPerRequest === null ? "—" : (r.requestsPerSec * textsPerRequest).toFixed(0)} | ${r.p50.toFixed(1)} | ${r.p99.toFixed(1)} | ${r.failed} |`;
    const served = singleProcess ? "one `next start` process" : `server/serve.ts (${process.env.WEB_CONCURRENCY || os.availableParallelism()} Next.js workers)`;
    const loadgen = useWrk ? "wrk, one thread" : "autocannon in this process";
    console.log(`\n${os.cpus().length} cores, ${DURATION} s per run, ${served} on loopback, ${loadgen}, load average before: ${loadBefore}\n`);
    console.log("| load | requests/s | texts/s | p50 ms | p99 ms | failed |\n|---|---|---|---|---|---|");
    console.log(row("single text, 16 connections", single, 1));
    console.log(row("100 texts per request, 8 connections", batch, 100));
    console.log(row("GET /api/health (Next.js alone), 16 connections", health, null));
  } finally {
    if (server.pid) process.kill(-server.pid, "SIGTERM");
  }
}, USAGE);
