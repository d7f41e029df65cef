// npm run bench:first-visit — how long a signed-in person waits for each page the first time
// after the server started, and again once warm, on a production build (`next build` first).
// A fresh database with demo data (SEED_TASKS, default 3000, as npm start), the web server
// npm start runs (server/serve.ts; WEB_CONCURRENCY=1 unless set, so the second visit reaches
// the same, warm process), and Chromium signed in as an admin: the sign-in landing on the
// dashboard, then a click on each tab of the navigation (or, with --documents, each page's
// address loaded), first cold, then warm.
// --with-services: the worker and the emotion server run beside it as `npm start` runs them
// (their first-start work — priority and emotion backfills, the emotion server's built-in
// model — competes with the first visits), at the background priority npm start gives them
// (scripts/background-priority.ts), or with --same-priority at the web server's.
// Bounded: one visit per page and state; the server is stopped afterwards.
import { spawn, type ChildProcess } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { chromium, type Page } from "@playwright/test";
import { migrate } from "@/lib/ops/bootstrap";
import { seedDemo } from "@/lib/demo/seed";
import { createUser } from "@/lib/admin/users";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import { runInBackground } from "./background-priority";
import { formatUsage, parseFlags, switches } from "./cli-args";
import { runCli } from "./run-cli";
import { waitForOk } from "./wait-for-ok";

const PORT = Number(process.env.BENCH_PORT ?? 3520);
const PAGES = ["/tasks", "/review", "/models", "/trends", "/accounts", "/emotions", "/users", "/api-docs", "/"];
const distDir = process.env.NEXT_DIST_DIR || ".next";
const FLAGS = switches({
  documents: "time the HTML documents only, without the page's scripts and data",
  "with-services": "start the worker and the emotion server beside the app, as npm start does",
  "same-priority": "with --with-services: run them at the web server's CPU priority instead of nice 10",
});
const USAGE = formatUsage("npm run bench:first-visit -- [--documents] [--with-services [--same-priority]]", FLAGS);
// One worker by default, so the warm visit reaches the process the first one warmed; WEB_CONCURRENCY as npm start's.
const workers = process.env.WEB_CONCURRENCY || "1";
const EMOTION_PORT = Number(process.env.BENCH_EMOTION_PORT ?? PORT + 1);

const LABELS: Record<string, string> = { "/tasks": "Tasks", "/review": "Review", "/models": "Models", "/trends": "Trends", "/accounts": "Accounts", "/emotions": "Emotions", "/users": "Users", "/api-docs": "API", "/": "Dashboard" };

/** Milliseconds from the browser's request for the page as a document (an address typed, a link from outside) to the response's end. */
async function load(page: Page, base: string, route: string): Promise<number> {
  const response = await page.goto(`${base}${route}`, { waitUntil: "load" });
  if (!response?.ok()) throw new Error(`${route} answered ${response?.status()}`);
  return page.evaluate(() => {
    const [nav] = performance.getEntriesByType("navigation") as PerformanceNavigationTiming[];
    return Math.round(nav.responseEnd - nav.requestStart);
  });
}

/** Milliseconds from a click on the page's tab until the portal shows it as the current page (what a reader waits for). */
async function visit(page: Page, route: string): Promise<number> {
  const link = page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: LABELS[route], exact: true });
  const started = performance.now();
  await link.click();
  await page.waitForFunction((label) => document.querySelector('nav[aria-label="Main"] [aria-current="page"]')?.textContent === label, LABELS[route], { polling: 10 });
  return Math.round(performance.now() - started);
}

/** Median of three password checks, the part of a sign-in that is slow on purpose (lib/auth/password.ts). */
async function medianPasswordCheck(password: string): Promise<number> {
  const hash = await hashPassword(password);
  const times: number[] = [];
  for (let i = 0; i < 3; i++) {
    const started = performance.now();
    await verifyPassword(password, hash);
    times.push(performance.now() - started);
  }
  return Math.round(times.sort((a, b) => a - b)[1]);
}

runCli(async () => {
  const flags = parseFlags(process.argv.slice(2), FLAGS);
  const documents = flags.documents === true;
  const withServices = flags["with-services"] === true;
  const samePriority = flags["same-priority"] === true;
  if (!fs.existsSync(path.join(distDir, "BUILD_ID"))) throw new Error(`No production build in ${distDir}: run \`npx next build\` first.`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "csa-bench-first-"));
  process.env.DATABASE_URL = `file:${path.join(dir, "bench.db")}`;
  await migrate();
  await seedDemo({ tasks: Number(process.env.SEED_TASKS ?? 3000), quiet: true });
  const password = "bench-password-1";
  await createUser({ email: "bench@example.test", name: "Bench Admin", password, role: "admin" }, null);

  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production",
    WEB_CONCURRENCY: workers,
    AUTH_SECRET: crypto.randomBytes(32).toString("hex"),
    AUTH_TRUST_HOST: "true",
    EMOTION_INFERENCE_URL: withServices ? `http://127.0.0.1:${EMOTION_PORT}/` : "",
    EMOTION_SERVER_PORT: String(EMOTION_PORT),
    // A first start: the emotion server trains its built-in model into the fresh folder.
    EMOTION_BUILTIN_MODEL: path.join(dir, "emotion-model.json"),
    LOG_LEVEL: "warn",
  };
  // Each in its own process group, so stopping it stops its children.
  const tsx = (file: string, args: string[] = []): ChildProcess => spawn(process.execPath, ["--import", "tsx", file, ...args], { stdio: ["ignore", "ignore", "inherit"], detached: true, env });
  const server = tsx("server/serve.ts", ["-p", String(PORT), "-H", "127.0.0.1"]);
  const background = (child: ChildProcess) => (samePriority ? child : runInBackground(child));
  const services = withServices ? [background(tsx("scripts/worker.ts")), background(tsx("scripts/emotion-server.ts"))] : [];
  const executablePath = process.env.CHROMIUM_PATH || (fs.existsSync("/usr/bin/chromium") ? "/usr/bin/chromium" : undefined);
  const browser = await chromium.launch({ executablePath, args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"] });
  try {
    const base = `http://127.0.0.1:${PORT}`;
    await waitForOk(`${base}/api/health`, { timeoutMs: 100_000 });
    const page = await browser.newPage();
    // Requests the server answered besides the pages asked for: link prefetches (components/link.tsx turns them off).
    let prefetches = 0;
    page.on("request", (request) => {
      if (request.headers()["next-router-prefetch"]) prefetches++;
    });
    await page.goto(`${base}/login`);
    await page.getByLabel("E-mail").fill("bench@example.test");
    await page.getByLabel("Password").fill(password);
    const started = performance.now();
    // The sign-in form's server action checks the password, then answers with the dashboard's
    // server-rendered part; the browser then loads the dashboard's scripts and shows it.
    let answered: number | null = null;
    page.on("response", (response) => {
      if (answered === null && response.request().method() === "POST" && new URL(response.url()).pathname === "/login") answered = Math.round(performance.now() - started);
    });
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByTestId("current-user").waitFor();
    const landing = Math.round(performance.now() - started);
    const loadAverage = os.loadavg().map((l) => l.toFixed(2)).join(" ");
    // Each tab clicked once while cold (nobody has asked for it since the server started),
    // then every tab again, warm.
    const first = new Map<string, number>();
    // --documents: each page loaded as a document (its address) instead of by a tab.
    const open = documents ? (route: string) => load(page, base, route) : (route: string) => visit(page, route);
    for (const route of PAGES) first.set(route, await open(route));
    const warm = new Map<string, number>();
    for (const route of PAGES) warm.set(route, await open(route));
    // After the visits, so its CPU does not compete with them.
    const passwordCheck = await medianPasswordCheck(password);
    const extra = withServices ? ` Worker and emotion server beside it, at ${samePriority ? "the same priority" : "background priority (nice 10)"}.` : "";
    console.log(`${workers} Next.js worker(s); pages opened ${documents ? "as documents" : "by their tab"}. Signed in and landed on the dashboard in ${landing} ms (cold): the sign-in's answer began after ${answered ?? "?"} ms (the password checked), then ${answered === null ? "?" : landing - answered} ms to the dashboard shown (its server-rendered part, its scripts, first render); a password check alone takes ${passwordCheck} ms here (scrypt, slow by design). Link prefetches requested: ${prefetches}. Load average before the visits: ${loadAverage}; ${os.availableParallelism()} cores.${extra}`);
    console.log("| page | first visit ms | warm ms |\n|---|---|---|");
    for (const route of PAGES) console.log(`| \`${route}\` | ${route === "/" ? "(landing above)" : first.get(route)} | ${warm.get(route)} |`);
  } finally {
    await browser.close();
    for (const child of [server, ...services]) {
      try {
        process.kill(-child.pid!, "SIGTERM");
      } catch {
        // already gone
      }
    }
  }
}, USAGE);
