// npm run bench:emotion — the built-in emotion model's quality and the emotion
// server's speed over HTTP.
//
//   npm run bench:emotion -- [--train ../shared/data/emotion/train.txt] [--test ../shared/data/emotion/val.txt]
//                            [--requests 2000] [--batch-requests 300] [--concurrency 4] [--json]
//
// 1. Trains the built-in model (linear SVM) on --train and scores --test (accuracy, macro-F1).
// 2. Starts `scripts/emotion-server.ts` with that model as a separate process on
//    loopback (as in production: the load generator must not share its event loop).
// 3. Sends --requests single-text requests one after another (latency p50/p99 at
//    batch 1), then --batch-requests 32-text requests one at a time and with
//    --concurrency in flight (throughput at batch 32), over keep-alive connections.
// 4. Stops the server with SIGTERM and checks it exits cleanly.
// Targets: macro-F1 >= 0.82, >= 2,000 texts/s at batch 32, p99 < 20 ms at batch 1.
import { spawn } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { evaluateClassifier } from "@/models/evaluation";
import { trainEmotionModel, writeEmotionArtifact } from "@/lib/emotion/builtin-model";
import { readEmotionDataset } from "@/lib/emotion/training-data";
import { formatUsage, parseFlags, type FlagSpecs } from "./cli-args";
import { runCli } from "./run-cli";

const FLAGS = {
  train: { type: "string", help: "six-label training file (default ../shared/data/emotion/train.txt)" },
  test: { type: "string", help: "six-label test file (default ../shared/data/emotion/val.txt)" },
  requests: { type: "number", integer: true, min: 10, help: "single-text requests (default 2000)" },
  "batch-requests": { type: "number", integer: true, min: 10, help: "32-text requests per run (default 300)" },
  concurrency: { type: "number", integer: true, min: 1, help: "requests in flight for the concurrent batch run (default 4)" },
  json: { type: "boolean", help: "print one JSON object" },
} satisfies FlagSpecs;

const USAGE = formatUsage("npm run bench:emotion -- [options]", FLAGS);
const TARGETS = { macroF1: 0.82, textsPerSecAt32: 2000, p99MsAt1: 20 };

type RunStats = { batch: number; concurrency: number; requests: number; texts: number; seconds: number; textsPerSec: number; p50: number; p90: number; p99: number; max: number };

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

async function freePort(): Promise<number> {
  const server = http.createServer();
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
  const { port } = server.address() as AddressInfo;
  await new Promise((r) => server.close(r));
  return port;
}

function post(agent: http.Agent, port: number, payload: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: "127.0.0.1", port, path: "/", method: "POST", agent, headers: { "content-type": "application/json", "content-length": Buffer.byteLength(payload) } },
      (res) => {
        res.resume();
        res.on("end", () => (res.statusCode === 200 ? resolve(200) : reject(new Error(`HTTP ${res.statusCode}`))));
      },
    );
    req.on("error", reject);
    req.end(payload);
  });
}

async function run(port: number, texts: string[], batch: number, requests: number, concurrency: number): Promise<RunStats> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  const payloads = Array.from({ length: Math.min(requests, 200) }, (_, i) =>
    JSON.stringify({ inputs: batch === 1 ? texts[i % texts.length] : Array.from({ length: batch }, (_, k) => texts[(i * batch + k) % texts.length]) }),
  );
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < requests) {
        const i = next++;
        const t0 = performance.now();
        await post(agent, port, payloads[i % payloads.length]);
        latencies.push(performance.now() - t0);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const round = (x: number) => +x.toFixed(2);
  return {
    batch,
    concurrency,
    requests,
    texts: requests * batch,
    seconds: round(seconds),
    textsPerSec: Math.round((requests * batch) / seconds),
    p50: round(percentile(latencies, 50)),
    p90: round(percentile(latencies, 90)),
    p99: round(percentile(latencies, 99)),
    max: round(latencies[latencies.length - 1]),
  };
}

async function waitForHealth(port: number, child: { exitCode: number | null }, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the emotion server exited with ${child.exitCode} during start-up`);
    try {
      if ((await fetch(`http://127.0.0.1:${port}/health`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`the emotion server did not become healthy within ${timeoutMs / 1000} s`);
}

async function main(): Promise<void> {
  const flags = parseFlags(process.argv.slice(2), FLAGS);
  const trainFile = flags.train ?? "../shared/data/emotion/train.txt";
  const testFile = flags.test ?? "../shared/data/emotion/val.txt";
  const json = flags.json === true;
  const say = (line: string) => json || console.error(line);

  // ---- quality ----
  const train = await readEmotionDataset(trainFile, "six");
  const test = await readEmotionDataset(testFile, "six");
  say(`Training the built-in emotion model on ${train.texts.length} rows of ${trainFile}…`);
  const t0 = performance.now();
  const { classifier, artifact } = await trainEmotionModel(train.texts, train.labels, { source: trainFile });
  const trainMs = performance.now() - t0;
  const report = evaluateClassifier(classifier, test.texts, test.labels);
  const quality = {
    algorithm: "svm",
    nTrain: train.texts.length,
    nTest: report.n,
    trainSeconds: +(trainMs / 1000).toFixed(1),
    accuracy: +report.accuracy.toFixed(4),
    macroF1: +report.macroF1.toFixed(4),
    perClassF1: Object.fromEntries(report.labels.map((l) => [l, +report.perClass[l].f1.toFixed(3)])),
    inProcessTextsPerSec: Math.round(report.n / (report.predictMs / 1000)),
  };
  say(`accuracy ${quality.accuracy}, macro-F1 ${quality.macroF1}`);

  // ---- server over HTTP ----
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "csa-bench-emotion-"));
  const artifactPath = path.join(dir, "emotion-model.json");
  writeEmotionArtifact(artifactPath, artifact);
  // The served model must answer exactly as the one just evaluated (checked below).
  const sample = test.texts.slice(0, 64);
  const expectedLabels = classifier.predictBatch(sample).map((p) => p.label);
  classifier.dispose?.();
  const port = await freePort();
  const startedAt = performance.now();
  const child = spawn(path.join(process.cwd(), "node_modules", ".bin", "tsx"), [path.join(process.cwd(), "scripts", "emotion-server.ts")], {
    env: { ...process.env, EMOTION_BUILTIN_MODEL: artifactPath, EMOTION_SERVER_PORT: String(port), EMOTION_SERVER_HOST: "127.0.0.1", EMOTION_MODEL_DIR: "", LOG_LEVEL: "warn" },
    stdio: ["ignore", "inherit", "inherit"],
  });
  try {
    await waitForHealth(port, child, 60_000);
    const startupSeconds = +((performance.now() - startedAt) / 1000).toFixed(2);
    say(`Server up in ${startupSeconds} s (process start, model load). Warming up…`);
    const served: string[] = [];
    for (let i = 0; i < sample.length; i += 32) {
      const res = await fetch(`http://127.0.0.1:${port}/`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ inputs: sample.slice(i, i + 32), parameters: { top_k: 1 } }) });
      served.push(...((await res.json()) as { label: string }[][]).map((l) => l[0].label));
    }
    if (served.join() !== expectedLabels.join()) throw new Error("the server's answers differ from the evaluated model's");
    await run(port, test.texts, 1, 200, 1);
    await run(port, test.texts, 32, 20, 1);

    const requests = flags.requests ?? 2000;
    const batchRequests = flags["batch-requests"] ?? 300;
    const concurrency = flags.concurrency ?? 4;
    say(`batch 1: ${requests} requests, one at a time…`);
    const single = await run(port, test.texts, 1, requests, 1);
    say(`batch 32: ${batchRequests} requests, one at a time…`);
    const batched = await run(port, test.texts, 32, batchRequests, 1);
    say(`batch 32: ${batchRequests} requests, ${concurrency} in flight…`);
    const batchedConcurrent = await run(port, test.texts, 32, batchRequests, concurrency);

    const stopAt = performance.now();
    child.kill("SIGTERM");
    const exitCode = await new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
    const shutdownMs = Math.round(performance.now() - stopAt);

    const result = {
      machine: { cpus: os.cpus().length, cpu: os.cpus()[0]?.model ?? "unknown", node: process.version, loadavg1m: +os.loadavg()[0].toFixed(2) },
      quality,
      server: { startupSeconds, single, batched, batchedConcurrent, shutdown: { exitCode, ms: shutdownMs } },
      targets: {
        macroF1: { target: TARGETS.macroF1, value: quality.macroF1, met: quality.macroF1 >= TARGETS.macroF1 },
        textsPerSecAt32: { target: TARGETS.textsPerSecAt32, value: batched.textsPerSec, met: batched.textsPerSec >= TARGETS.textsPerSecAt32 },
        p99MsAt1: { target: TARGETS.p99MsAt1, value: single.p99, met: single.p99 < TARGETS.p99MsAt1 },
      },
    };
    if (json) {
      console.log(JSON.stringify(result));
      return;
    }
    const row = (s: RunStats) =>
      `| ${s.batch} | ${s.concurrency} | ${s.requests} | ${s.textsPerSec.toLocaleString("en")} | ${s.p50} | ${s.p90} | ${s.p99} | ${s.max} |`;
    console.log(
      [
        "",
        `Quality (${trainFile} → ${testFile}): accuracy ${quality.accuracy}, macro-F1 ${quality.macroF1}; train ${quality.trainSeconds} s on ${quality.nTrain} rows`,
        `per-class F1: ${Object.entries(quality.perClassF1).map(([l, f]) => `${l} ${f}`).join(", ")}`,
        "",
        "| batch | in flight | requests | texts/s | p50 ms | p90 ms | p99 ms | max ms |",
        "|---|---|---|---|---|---|---|---|",
        row(single),
        row(batched),
        row(batchedConcurrent),
        "",
        `start-up ${startupSeconds} s; SIGTERM → exit ${exitCode} in ${shutdownMs} ms; ${result.machine.cpus} × ${result.machine.cpu}, Node ${result.machine.node}, load ${result.machine.loadavg1m}`,
        `targets: macro-F1 ≥ ${TARGETS.macroF1} ${result.targets.macroF1.met ? "met" : "MISSED"}; ≥ ${TARGETS.textsPerSecAt32} texts/s at batch 32 ${result.targets.textsPerSecAt32.met ? "met" : "MISSED"}; p99 < ${TARGETS.p99MsAt1} ms at batch 1 ${result.targets.p99MsAt1.met ? "met" : "MISSED"}`,
      ].join("\n"),
    );
  } finally {
    if (child.exitCode === null) child.kill("SIGKILL");
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

void runCli(main, USAGE);
