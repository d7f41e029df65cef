// npm run bench:api — load on the REST API of a production build (`next build` first):
// a fresh database with demo data, an API key, the web server `npm start` runs
// (scripts/serve.ts: one Next.js process per core) on loopback, then autocannon with
// single-text and 100-text POST /api/v1/predictions (persist: false), and GET /api/health
// for the cost of Next.js itself. `-- --single-process` measures one plain `next start`.
// Bounded: fixed duration, loopback only; the server is stopped afterwards.
import { spawn } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import autocannon from "autocannon";
import { createApiKey } from "@/lib/api/keys";
import { migrate } from "@/lib/bootstrap";
import { seedDemo } from "@/lib/seed";
import { createUser } from "@/lib/users";
import { runCli } from "./run-cli";

const PORT = Number(process.env.BENCH_PORT ?? 3400);
const DURATION = Number(process.env.BENCH_SECONDS ?? 15);
const texts = [
  "My refund still has not arrived and nobody answers my emails",
  "Thanks for sorting out the invoice so quickly!",
  "Can you tell me when the next statement is due?",
  "The app keeps logging me out, this is really annoying",
];

async function waitFor(url: string) {
  for (let i = 0; i < 200; i++) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${url} did not answer`);
}

function load(title: string, key: string, body: unknown, connections: number) {
  return autocannon({
    title,
    url: `http://127.0.0.1:${PORT}/api/v1/predictions`,
    method: "POST",
    connections,
    duration: DURATION,
    headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
    body: JSON.stringify(body),
  });
}

const singleProcess = process.argv.includes("--single-process");
const distDir = process.env.NEXT_DIST_DIR || ".next";

runCli(async () => {
  if (!fs.existsSync(path.join(distDir, "BUILD_ID"))) throw new Error(`No production build in ${distDir}: run \`npx next build\` first.`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "csa-bench-api-"));
  process.env.DATABASE_URL = `file:${path.join(dir, "bench.db")}`;
  await migrate();
  await seedDemo({ tasks: 200, quiet: true });
  const admin = await createUser({ email: "bench@example.test", name: "Bench", password: "bench-password-1", role: "admin" }, null);
  const { secret } = await createApiKey({ name: "bench", scopes: ["predict"] }, admin.id);

  const [command, args] = singleProcess
    ? [path.join("node_modules", ".bin", "next"), ["start", "-p", String(PORT), "-H", "127.0.0.1"]]
    : [path.join("node_modules", ".bin", "tsx"), [path.join("scripts", "serve.ts"), "-p", String(PORT), "-H", "127.0.0.1"]];
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
    await waitFor(`http://127.0.0.1:${PORT}/api/health`);
    const loadBefore = os.loadavg().map((l) => l.toFixed(2)).join(" ");
    const probe = await fetch(`http://127.0.0.1:${PORT}/api/v1/predictions`, {
      method: "POST",
      headers: { authorization: `Bearer ${secret}`, "content-type": "application/json" },
      body: JSON.stringify({ persist: false, inputs: [texts[0]] }),
    });
    if (!probe.ok) throw new Error(`The API answered ${probe.status}: ${await probe.text()}`);
    await load("warm-up", secret, { persist: false, inputs: [texts[0]] }, 4);
    const single = await load("single text", secret, { persist: false, inputs: [texts[1]] }, 16);
    const batch = await load("batch of 100", secret, { persist: false, inputs: Array.from({ length: 100 }, (_, i) => texts[i % texts.length]) }, 8);
    const health = await autocannon({ title: "health", url: `http://127.0.0.1:${PORT}/api/health`, connections: 16, duration: DURATION });
    const row = (name: string, r: autocannon.Result, textsPerRequest: number | null) =>
      `| ${name} | ${r.requests.average.toFixed(0)} | ${textsPerRequest === null ? "—" : (r.requests.average * textsPerRequest).toFixed(0)} | ${r.latency.p50} | ${r.latency.p99} | ${r.non2xx + r.errors} |`;
    const served = singleProcess ? "one `next start` process" : `scripts/serve.ts (${process.env.WEB_CONCURRENCY || os.availableParallelism()} Next.js workers)`;
    console.log(`\n${os.cpus().length} cores, ${DURATION} s per run, ${served} on loopback, load average before: ${loadBefore}\n`);
    console.log("| load | requests/s | texts/s | p50 ms | p99 ms | failed |\n|---|---|---|---|---|---|");
    console.log(row("single text, 16 connections", single, 1));
    console.log(row("100 texts per request, 8 connections", batch, 100));
    console.log(row("GET /api/health (Next.js alone), 16 connections", health, null));
  } finally {
    if (server.pid) process.kill(-server.pid, "SIGTERM");
  }
});
