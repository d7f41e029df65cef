// npm start — everything a fresh machine needs, in order: validate the configuration,
// migrate, create the first users, seed demo data and train the first model when the
// database is empty, build the app when the sources changed, then serve the app, its
// background worker and the emotion server together. A child that dies is started again
// with backoff while the others keep running (scripts/supervise.ts).
//
// SIGTERM / SIGINT: passed on to all three. The web server stops accepting connections and
// finishes the requests in flight; the worker finishes (or puts back) its job; the
// emotion server answers what it has. Exit 0 when all stopped cleanly within
// STOP_GRACE_MS; whatever is still running then is killed, and the exit code is 1.
import { spawn } from "node:child_process";
import { runInBackground } from "./background-priority";
import fs from "node:fs";
import path from "node:path";
import { prepareForServing } from "@/lib/ops/bootstrap";
import { parseEnv } from "@/lib/platform/env";
import { logger } from "@/lib/platform/logger";
import { formatUsage, parseFlags, switches } from "./cli-args";
import { runCli } from "./run-cli";
import { supervise, type ChildSpec } from "./supervise";

const root = process.cwd();
const bin = (name: string) => path.join(root, "node_modules", ".bin", name);
const SOURCE_DIRS = ["app", "components", "lib", "db", "models", "public"];
/** Longer than the worker's own stop deadline (20 s), so it can put a long job back first. */
const STOP_GRACE_MS = 30_000;
/** The web server restarted this often in a row, each time dying within a minute: give up. */
const WEB_SERVER_MAX_QUICK_CRASHES = 5;
const SOURCE_FILES = ["next.config.js", "tailwind.config.ts", "postcss.config.js", "package.json", "proxy.ts", "instrumentation.ts", "tsconfig.json"];

function newestSourceMtime(): number {
  let newest = 0;
  const visit = (p: string) => {
    if (!fs.existsSync(p)) return;
    const stat = fs.statSync(p);
    if (stat.isDirectory()) {
      for (const entry of fs.readdirSync(p)) if (entry !== "node_modules") visit(path.join(p, entry));
    } else newest = Math.max(newest, stat.mtimeMs);
  };
  [...SOURCE_DIRS, ...SOURCE_FILES].forEach((p) => visit(path.join(root, p)));
  return newest;
}

function buildIsCurrent(): boolean {
  const buildId = path.join(root, process.env.NEXT_DIST_DIR || ".next", "BUILD_ID");
  return fs.existsSync(buildId) && fs.statSync(buildId).mtimeMs >= newestSourceMtime();
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: "inherit", env });
    child.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`${path.basename(command)} ${args.join(" ")} exited with ${code}`))));
  });
}

const FLAGS = switches({ rebuild: "run `next build` even when the build is current" });
const USAGE = formatUsage("npm start -- [--rebuild]", FLAGS);

runCli(async () => {
  const flags = parseFlags(process.argv.slice(2), FLAGS);
  const config = parseEnv();
  const secret = await prepareForServing(config);

  const env: NodeJS.ProcessEnv = { ...process.env, AUTH_SECRET: secret, AUTH_TRUST_HOST: "true", NODE_ENV: "production" };
  // The project's own emotion server runs beside the app unless the app is pointed at another one.
  const ownEmotionServer = !config.EMOTION_INFERENCE_URL;
  if (ownEmotionServer) {
    const port = process.env.EMOTION_SERVER_PORT ?? "8090";
    env.EMOTION_INFERENCE_URL = `http://127.0.0.1:${port}/`;
  }
  if (!buildIsCurrent() || flags.rebuild) {
    process.stdout.write("Building the app (about a minute)…\n");
    await run(bin("next"), ["build"], env);
  }

  // Node with tsx as a loader, not the tsx command: the command relays a signal only if
  // its child acknowledges it within 30 ms, and kills it otherwise (a worker busy
  // training cannot), which would turn every stop into a kill.
  // Each file by its path from the project root, as it is named everywhere else.
  const tsNode = (file: string, args: string[] = []) => () => spawn(process.execPath, ["--import", "tsx", path.join(root, file), ...args], { stdio: "inherit", env });
  const children: ChildSpec[] = [
    // One Next.js process per core behind one port (server/serve.ts); WEB_CONCURRENCY sets how many.
    // It replaces its own Next.js processes; when the whole server keeps dying at start
    // (port in use, broken build) nothing could serve, so npm start gives up.
    { name: "web server", start: tsNode("server/serve.ts", ["-p", String(config.PORT), "-H", config.HOST]), maxQuickCrashes: WEB_SERVER_MAX_QUICK_CRASHES },
    // Background work gives way to page requests (scripts/background-priority.ts).
    { name: "worker", start: () => runInBackground(tsNode("scripts/worker.ts")()) },
  ];
  if (ownEmotionServer) children.push({ name: "emotion server", start: () => runInBackground(tsNode("scripts/emotion-server.ts")()) });
  const shownHost = config.HOST === "0.0.0.0" || config.HOST === "127.0.0.1" ? "localhost" : config.HOST;
  process.stdout.write(`\nCustomer Sentiment Analyzer: http://${shownHost}:${config.PORT}  (Ctrl+C stops everything)\n`);
  const supervisor = supervise(children, {
    stopGraceMs: STOP_GRACE_MS,
    log: (level, message, fields) => logger[level](message, fields),
  });
  for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => supervisor.stop(signal));
  return supervisor.done;
}, USAGE);
