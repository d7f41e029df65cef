// npm start — everything a fresh machine needs, in order: validate the configuration,
// migrate, create the first users, seed demo data and train the first model when the
// database is empty, build the app when the sources changed, then serve the app, its
// background worker and the emotion server together (they stop together).
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { prepareForServing } from "@/lib/bootstrap";
import { parseEnv } from "@/lib/env";
import { runCli } from "./run-cli";

const root = process.cwd();
const bin = (name: string) => path.join(root, "node_modules", ".bin", name);
const SOURCE_DIRS = ["app", "components", "lib", "db", "models", "public"];
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
  const buildId = path.join(root, ".next", "BUILD_ID");
  return fs.existsSync(buildId) && fs.statSync(buildId).mtimeMs >= newestSourceMtime();
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: "inherit", env });
    child.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`${path.basename(command)} ${args.join(" ")} exited with ${code}`))));
  });
}

runCli(async () => {
  const config = parseEnv();
  const secret = await prepareForServing(config);

  const env: NodeJS.ProcessEnv = { ...process.env, AUTH_SECRET: secret, AUTH_TRUST_HOST: "true", NODE_ENV: "production" };
  // The project's own emotion server runs beside the app unless the app is pointed at another one.
  const ownEmotionServer = !config.EMOTION_INFERENCE_URL;
  if (ownEmotionServer) {
    const port = process.env.EMOTION_SERVER_PORT ?? "8090";
    env.EMOTION_INFERENCE_URL = `http://127.0.0.1:${port}/`;
  }
  if (!buildIsCurrent() || process.argv.includes("--rebuild")) {
    process.stdout.write("Building the app (about a minute)…\n");
    await run(bin("next"), ["build"], env);
  }

  const children: ChildProcess[] = [
    spawn(bin("next"), ["start", "-p", String(config.PORT), "-H", config.HOST], { stdio: "inherit", env }),
    spawn(bin("tsx"), [path.join(root, "scripts", "worker.ts")], { stdio: "inherit", env }),
  ];
  if (ownEmotionServer) children.push(spawn(bin("tsx"), [path.join(root, "scripts", "emotion-server.ts")], { stdio: "inherit", env }));
  const shownHost = config.HOST === "0.0.0.0" || config.HOST === "127.0.0.1" ? "localhost" : config.HOST;
  process.stdout.write(`\nCustomer Sentiment Analyzer: http://${shownHost}:${config.PORT}  (Ctrl+C stops everything)\n`);

  return new Promise<number>((resolve) => {
    let stopping = false;
    const stopAll = (code: number) => {
      if (stopping) return;
      stopping = true;
      for (const child of children) if (child.exitCode === null) child.kill("SIGTERM");
      const force = setTimeout(() => children.forEach((c) => c.exitCode === null && c.kill("SIGKILL")), 10_000);
      force.unref();
      Promise.all(children.map((c) => (c.exitCode !== null ? null : new Promise((r) => c.on("exit", r))))).then(() => resolve(code));
    };
    // Any child ending on its own (or failing to start) is a failure: the others stop too.
    for (const child of children) {
      child.on("exit", (code) => stopAll(stopping ? 0 : code || 1));
      child.on("error", () => stopAll(1));
    }
    process.on("SIGINT", () => stopAll(0));
    process.on("SIGTERM", () => stopAll(0));
  });
});
