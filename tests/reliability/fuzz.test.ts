// HOSTILE INPUT: thousands of malformed, oversized, deeply nested, wrongly encoded and
// injection-shaped requests to every /api/v1 route, to the public feedback form's server
// action, to next-auth's password sign-in, to /api/health and /api/ready, to the CSV
// exports and to the signed-in forms' server actions (review; users: create and change).
// No 5xx, no stack trace, and a rejected request writes nothing.
// Requests go one at a time so each rejected one can be checked against the row counts.
import type { Client } from "@libsql/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createUser } from "@/lib/admin/users";
import { E2E_PASSWORD, E2E_USERS } from "../e2e/users";
import { appEnv, authCsrf, consistency, count, openClient, prepareDatabase, recordFigures, rowCounts, SHORT, signIn, startApp, type App, type Prepared, suitePort } from "./support/harness";
import { actionFields, apiRoutes, authCallbackCase, csvCase, HOSTILE_STRINGS, nextApiCase, pageFormCase, probeCase, type FuzzCase } from "./support/fuzz-cases";
import { seededRng, suiteSeed, type Rng } from "./support/prng";

const PORT = suitePort(30);
const API_CASES = SHORT ? 1500 : 6000;
const FORM_CASES = SHORT ? 300 : 1200;
const AUTH_CASES = SHORT ? 200 : 800;
const PROBE_CASES = SHORT ? 100 : 400;
const CSV_CASES = SHORT ? 150 : 600;
const PAGE_FORM_CASES = SHORT ? 120 : 480; // per signed-in form

type Outcome = { status: number; text: string; location: string | null };

async function send(base: string, c: FuzzCase): Promise<Outcome> {
  const res = await fetch(base + c.path, { method: c.method, headers: c.headers, body: c.body as BodyInit | undefined, redirect: "manual" });
  return { status: res.status, text: await res.text(), location: res.headers.get("location") };
}

/** A path whose %-escapes do not decode to UTF-8 (e.g. %ff): Next.js fails to decode the route's params. */
function malformedEscape(path: string): boolean {
  try {
    decodeURIComponent(path);
    return false;
  } catch {
    return true;
  }
}

function isApiError(text: string): boolean {
  try {
    const { error } = JSON.parse(text) as { error?: { code?: unknown; message?: unknown } };
    return typeof error?.code === "string" && typeof error.message === "string";
  } catch {
    return false;
  }
}

const STACK = /\n\s+at [\w.<>]+ \(|node_modules\/|\.next-?\w*\/server\//;

describe("hostile input", () => {
  let prepared: Prepared;
  let app: App;
  let db: Client;
  let cookies: Record<"admin" | "supervisor" | "agent", string>;
  /** Users only the /users change-form fuzzing may change (never the signed-in ones). */
  const victims: number[] = [];
  const figures: Record<string, number | string> = {};

  beforeAll(async () => {
    prepared = await prepareDatabase({ tasks: 150 });
    for (let i = 0; i < 3; i++) victims.push((await createUser({ email: `victim-${i}@example.test`, name: `Victim ${i}`, password: E2E_PASSWORD, role: "agent" }, null)).id);
    app = await startApp("app", PORT, appEnv(prepared.url), prepared.dir);
    db = openClient(prepared.url);
    cookies = {
      admin: await signIn(app.url, E2E_USERS.admin.email),
      supervisor: await signIn(app.url, E2E_USERS.supervisor.email),
      agent: await signIn(app.url, E2E_USERS.agent.email),
    };
  });

  afterAll(async () => {
    await app?.stop();
    db?.close();
    recordFigures("hostile input", { ...figures, outcome: "no 5xx, no stack trace, rejected requests wrote no row" });
  });

  it("every /api/v1 route survives the fuzzer: no 5xx, and a rejected request writes nothing", async () => {
    const seed = suiteSeed("fuzz /api/v1");
    figures.seed = seed;
    const rng = seededRng(seed);
    const task = Number((await db.execute("select id from tasks order by id limit 1")).rows[0].id);
    const model = Number((await db.execute("select id from model_versions where active = 1")).rows[0].id);
    const dataset = Number((await db.execute("select id from datasets limit 1")).rows[0].id);
    const routes = apiRoutes({ task, model, dataset });
    const problems: string[] = [];
    const kinds: Record<string, number> = {};
    const statuses: Record<number, number> = {};
    let badPathEscapes = 0;
    let counts = await rowCounts(db);
    for (let i = 0; i < API_CASES; i++) {
      const c = nextApiCase(rng, routes, { task, model }, prepared.apiKey);
      kinds[c.kind] = (kinds[c.kind] ?? 0) + 1;
      let out: Outcome;
      try {
        out = await send(app.url, c);
      } catch (error) {
        problems.push(`#${i} ${c.kind} ${c.method} ${c.path.slice(0, 120)}: connection failed ${String(error)} (${String((error as Error).cause)})`);
        continue;
      }
      statuses[out.status] = (statuses[out.status] ?? 0) + 1;
      if (malformedEscape(c.path.split("?")[0])) {
        // Next.js alone would answer a bare 500 (it cannot decode the dynamic segment); the
        // web server answers 400 before Next.js sees it (server/serve.ts), or Node itself
        // 431 when the whole URL is over its header limit.
        badPathEscapes++;
        if (out.status !== 400 && out.status !== 431) problems.push(`#${i} ${c.kind} ${c.method} ${c.path.slice(0, 120)}: a path with a bad %-escape → ${out.status}, not 400`);
      } else if (out.status >= 500 || STACK.test(out.text)) {
        problems.push(`#${i} ${c.kind} ${c.method} ${c.path.slice(0, 120)} → ${out.status} ${out.text.slice(0, 200)}`);
      } else if (out.status >= 400 && c.method !== "HEAD" && !isApiError(out.text)) {
        // Every refusal, a wrong method or path included, is in the API's error shape.
        problems.push(`#${i} ${c.kind} ${c.method} ${c.path.slice(0, 120)} → ${out.status} is not a JSON error: ${out.text.slice(0, 120)}`);
      } else if (c.kind === "wrong-method" && c.method !== "OPTIONS" && out.status < 400) {
        problems.push(`#${i} ${c.kind} ${c.method} ${c.path.slice(0, 120)} → ${out.status}: a method the route does not serve was served`);
      }
      if (c.method === "POST" && c.path === "/api/v1/tasks" && out.status === 201) {
        // Accepted: stored exactly as sent (trimmed), whatever characters it holds.
        const sentText = (JSON.parse(String(c.body)) as { text: string }).text.trim();
        const id = (JSON.parse(out.text) as { task: { id: number } }).task.id;
        const stored = String((await db.execute({ sql: "select text from tasks where id = ?", args: [id] })).rows[0].text);
        if (stored !== Buffer.from(sentText, "utf8").toString("utf8")) problems.push(`#${i} ${c.kind}: task ${id} stored ${JSON.stringify(stored).slice(0, 80)}, sent ${JSON.stringify(sentText).slice(0, 80)}`);
      }
      if (c.method !== "GET") {
        const now = await rowCounts(db);
        if (out.status >= 400 && JSON.stringify(now) !== JSON.stringify(counts)) {
          problems.push(`#${i} ${c.kind} ${c.method} ${c.path.slice(0, 120)} → ${out.status} but rows changed: ${JSON.stringify(counts)} → ${JSON.stringify(now)}`);
        }
        counts = now;
      }
      if (problems.length >= 20) break;
    }
    console.log(`[reliability] fuzz /api/v1: ${API_CASES} cases`, { kinds, statuses });
    expect(problems).toEqual([]);
    // The fuzzer reached the validation of each route, not only the door: most cases are
    // rejected with a 4xx, and some mutated requests were still valid and accepted.
    expect(Object.keys(statuses).some((s) => Number(s) >= 200 && Number(s) < 300)).toBe(true);
    expect(statuses[422]).toBeGreaterThan(0);
    expect(statuses[400]).toBeGreaterThan(0);
    expect(statuses[413]).toBeGreaterThan(0);
    expect(statuses[415]).toBeGreaterThan(0);
    expect(await consistency(db)).toEqual({ integrity: "ok", foreignKeyViolations: 0 });
    figures["API requests"] = API_CASES;
    figures["API: paths with a malformed %-escape (400, or 431 when too long)"] = badPathEscapes;
    figures["API 4xx"] = Object.entries(statuses).filter(([s]) => Number(s) >= 400).reduce((n, [, v]) => n + v, 0);
  });

  it("the public feedback form's action survives the fuzzer: no 5xx, and a rejected submission writes nothing", async () => {
    const seed = suiteSeed("fuzz feedback form") + 1;
    const rng = seededRng(seed);
    const page = await fetch(`${app.url}/feedback`);
    const html = await page.text();
    // The form's hidden fields name the server action (React's no-JavaScript form path).
    const hidden = [...html.matchAll(/<input type="hidden" name="(\$ACTION[^"]*)"(?: value="([^"]*)")?/g)].map((m) => [m[1], (m[2] ?? "").replace(/&quot;/g, '"').replace(/&amp;/g, "&")] as const);
    expect(hidden.length).toBeGreaterThan(0);
    const categories = [...html.matchAll(/<option(?: value="[^"]*")?>([^<]+)<\/option>/g)].map((m) => m[1]);
    expect(categories.length).toBeGreaterThan(3);

    const problems: string[] = [];
    const statuses: Record<string, number> = {};
    let accepted = 0;
    let malformedMultipart = 0;
    let counts = await rowCounts(db);
    for (let i = 0; i < FORM_CASES; i++) {
      const { body, headers, expectText, kind } = formCase(rng, hidden, categories, i);
      const res = await fetch(`${app.url}/feedback`, { method: "POST", headers, body: body as BodyInit, redirect: "manual" }).catch((e: unknown) => e as Error);
      if (res instanceof Error) {
        problems.push(`#${i} ${kind}: connection failed ${res.message}`);
        continue;
      }
      const text = await res.text();
      const location = res.headers.get("location") ?? "";
      const key = `${res.status}${location.includes("/feedback/thanks") ? " thanks" : ""}`;
      statuses[key] = (statuses[key] ?? 0) + 1;
      if (STACK.test(text)) problems.push(`#${i} ${kind} → ${res.status} with a stack trace: ${text.slice(0, 200)}`);
      if (res.status >= 500) problems.push(`#${i} ${kind} → ${res.status} ${text.slice(0, 200)}`);
      if (kind === "malformed-multipart") {
        // Next.js alone answers a bare 500 ("Failed to parse body as FormData"); the web
        // server answers a JSON 400 before Next.js sees the body (server/refusals.ts).
        malformedMultipart++;
        if (res.status !== 400 || !/"code":"bad_request:form"/.test(text)) problems.push(`#${i} ${kind} → ${res.status} ${text.slice(0, 200)}, not the JSON 400`);
      }
      const now = await rowCounts(db);
      if (location.includes("/feedback/thanks")) {
        accepted++;
        // Stored exactly as sent (trimmed), not mangled or "sanitised" into something else.
        const ref = Number(/REQ-0*(\d+)/.exec(decodeURIComponent(location))?.[1]);
        const stored = await db.execute({ sql: "select text from tasks where id = ?", args: [ref] });
        if (expectText !== undefined && sameText(String(stored.rows[0]?.text)) !== expectText) {
          problems.push(`#${i} ${kind}: stored text differs from the submitted text: ${JSON.stringify(stored.rows[0]?.text).slice(0, 100)} vs ${JSON.stringify(expectText).slice(0, 100)}`);
        }
        if (now.tasks !== counts.tasks + 1) problems.push(`#${i} ${kind}: accepted but tasks ${counts.tasks} → ${now.tasks}`);
      } else if (JSON.stringify(now) !== JSON.stringify(counts)) {
        problems.push(`#${i} ${kind} → ${res.status} (not accepted) but rows changed: ${JSON.stringify(counts)} → ${JSON.stringify(now)}`);
      }
      counts = now;
      if (problems.length >= 20) break;
    }
    console.log(`[reliability] fuzz feedback form: ${FORM_CASES} cases`, statuses);
    expect(problems).toEqual([]);
    expect(accepted).toBeGreaterThan(0);
    expect(accepted).toBeLessThan(FORM_CASES);
    expect(malformedMultipart).toBeGreaterThan(0);
    figures["feedback form submissions"] = FORM_CASES;
    figures["feedback: malformed multipart (JSON 400)"] = malformedMultipart;
    figures["feedback accepted (valid despite hostile text)"] = accepted;
  });

  it("next-auth's password sign-in survives the fuzzer: no 5xx, nobody signed in, no user changed", async () => {
    const seed = suiteSeed("fuzz sign-in") + 2;
    const rng = seededRng(seed);
    const csrf = await authCsrf(app.url);
    const problems: string[] = [];
    const statuses: Record<string, number> = {};
    const before = await usersSnapshot(db);
    let counts = await rowCounts(db);
    for (let i = 0; i < AUTH_CASES; i++) {
      // Failed sign-ins are throttled per e-mail and per client address (refused for up to 8 s,
      // lib/auth/throttle.ts, tested by the integration tests); the counters are cleared
      // between cases so the fuzzer is not slowed down to a crawl. They are the one table
      // a refused sign-in writes to, by design.
      await db.execute("delete from login_throttle");
      const c = authCallbackCase(rng, csrf, E2E_USERS.supervisor.email);
      const out = await fetch(app.url + c.path, { method: c.method, headers: c.headers, body: c.body as BodyInit | undefined, redirect: "manual" }).catch((e: unknown) => e as Error);
      if (out instanceof Error) {
        problems.push(`#${i} ${c.kind}: connection failed ${out.message}`);
        continue;
      }
      const text = await out.text();
      const location = out.headers.get("location");
      const key = `${out.status}${location ? ` → ${new URL(location, app.url).pathname}${new URL(location, app.url).searchParams.get("error") ? `?error=${new URL(location, app.url).searchParams.get("error")}` : ""}` : ""}`;
      statuses[key] = (statuses[key] ?? 0) + 1;
      const what = `#${i} ${c.kind} ${c.method} ${c.path.slice(0, 100)} → ${out.status}`;
      if (out.status >= 500) problems.push(`${what} ${text.slice(0, 200)}`);
      if (STACK.test(text)) problems.push(`${what} with a stack trace: ${text.slice(0, 200)}`);
      if (out.headers.getSetCookie().some((cookie) => /^(__Secure-)?authjs\.session-token=[^;]+/.test(cookie))) problems.push(`${what} set a session cookie`);
      if (location && new URL(location, app.url).origin !== new URL(app.url).origin) problems.push(`${what} redirects off the site: ${location}`);
      if (out.status >= 400 && text && !out.headers.get("content-type")?.includes("json")) problems.push(`${what} not JSON: ${text.slice(0, 120)}`);
      const now = await rowCounts(db);
      if (JSON.stringify(now) !== JSON.stringify(counts)) problems.push(`${what} but rows changed: ${JSON.stringify(counts)} → ${JSON.stringify(now)}`);
      counts = now;
      if (problems.length >= 20) break;
    }
    // No password was right, so no user row (last sign-in included) may have changed.
    expect(await usersSnapshot(db)).toBe(before);
    console.log(`[reliability] fuzz sign-in: ${AUTH_CASES} cases`, statuses);
    expect(problems).toEqual([]);
    expect(Object.keys(statuses).some((k) => k.includes("error=CredentialsSignin"))).toBe(true);
    expect(Object.keys(statuses).some((k) => k.includes("error=MissingCSRF"))).toBe(true);
    figures["sign-in (POST /api/auth/callback/credentials)"] = AUTH_CASES;
  });

  it("/api/health, /api/ready and the CSV exports survive the fuzzer: no 5xx, JSON errors, nothing written", async () => {
    const seed = suiteSeed("fuzz probes and CSV exports") + 3;
    const rng = seededRng(seed);
    const problems: string[] = [];
    const statuses: Record<string, number> = {};
    const counts = await rowCounts(db);
    const cases: FuzzCase[] = [
      ...Array.from({ length: PROBE_CASES }, () => probeCase(rng)),
      ...Array.from({ length: CSV_CASES }, () => csvCase(rng, { supervisor: cookies.supervisor, agent: cookies.agent })),
    ];
    let csvServed = 0;
    for (const [i, c] of cases.entries()) {
      let out: Outcome & { contentType: string };
      try {
        const res = await fetch(app.url + c.path, { method: c.method, headers: c.headers, body: c.body as BodyInit | undefined, redirect: "manual" });
        out = { status: res.status, text: await res.text(), location: res.headers.get("location"), contentType: res.headers.get("content-type") ?? "" };
      } catch (error) {
        problems.push(`#${i} ${c.kind} ${c.method} ${c.path.slice(0, 120)}: connection failed ${String(error)}`);
        continue;
      }
      const route = c.path.split("?")[0];
      const key = `${route} ${c.method} ${out.status}`;
      statuses[key] = (statuses[key] ?? 0) + 1;
      const what = `#${i} ${c.kind} ${c.method} ${c.path.slice(0, 120)} → ${out.status}`;
      if (out.status >= 500) problems.push(`${what} ${out.text.slice(0, 200)}`);
      if (STACK.test(out.text)) problems.push(`${what} with a stack trace: ${out.text.slice(0, 200)}`);
      if (out.status === 431) {
        // A URL over Node's 16 KB header limit, answered by the web server (server/refusals.ts).
        if (c.method !== "HEAD" && !out.text.includes('"headers_too_large"')) problems.push(`${what} ${out.text.slice(0, 120)}`);
      } else if (route.startsWith("/api/") && c.method === "GET") {
        // The probes take no input: whatever is in the query, headers or cookies, they answer.
        if (out.status !== 200 || !out.contentType.includes("json") || typeof (JSON.parse(out.text) as { status?: unknown }).status !== "string") problems.push(`${what} ${out.contentType} ${out.text.slice(0, 120)}`);
      } else if (route.endsWith(".csv")) {
        if (out.status === 200 && c.method !== "GET") {
          problems.push(`${what}: a ${c.method} was served`);
        } else if (out.status === 200) {
          csvServed++;
          if (!out.contentType.startsWith("text/csv")) problems.push(`${what} served as ${out.contentType}`);
        } else if (out.status >= 300 && out.status < 400) {
          // Not signed in: the proxy sends the browser to the login page, on this site.
          if (c.kind !== "anonymous" && c.kind !== "bad-session") problems.push(`${what} redirected a signed-in ${c.kind} to ${out.location}`);
          if (!out.location || new URL(out.location, app.url).origin !== new URL(app.url).origin || !new URL(out.location, app.url).pathname.startsWith("/login")) problems.push(`${what} redirected to ${out.location}`);
        } else if (out.status === 405 && c.method !== "GET" && out.text === "") {
          // Next.js's own answer to a method the route does not export.
        } else if (!out.contentType.includes("json") || !isApiError(out.text)) {
          problems.push(`${what} is not a JSON error: ${out.contentType} ${out.text.slice(0, 120)}`);
        }
      } else if (out.status < 400 && c.method !== "HEAD" && c.method !== "OPTIONS") {
        problems.push(`${what}: a ${c.method} was served`);
      }
      if (problems.length >= 20) break;
    }
    expect(await rowCounts(db)).toEqual(counts);
    console.log(`[reliability] fuzz probes and CSV exports: ${cases.length} cases`, statuses);
    expect(problems).toEqual([]);
    // The fuzzer got past the door: most CSV cases were answered with a file.
    expect(csvServed).toBeGreaterThan(CSV_CASES / 3);
    figures["/api/health and /api/ready requests"] = PROBE_CASES;
    figures["CSV export requests (review history, trends, at-risk)"] = CSV_CASES;
  });

  it("the signed-in forms' actions (review, new user, change user) survive the fuzzer: no 5xx, a form error, nothing written when refused", async () => {
    const seed = suiteSeed("fuzz signed-in forms") + 4;
    const rng = seededRng(seed);
    const reviewPage = await (await fetch(`${app.url}/review`, { headers: { cookie: cookies.supervisor } })).text();
    const queue = [...reviewPage.matchAll(/Select request (\d+)/g)].map((m) => m[1]);
    expect(queue.length).toBeGreaterThan(3);
    const usersPage = await (await fetch(`${app.url}/users`, { headers: { cookie: cookies.admin } })).text();
    const forms: FormSpec[] = [
      {
        name: "review (supervisor, /review)",
        page: "/review",
        hidden: actionFields(reviewPage, 'name="note"'),
        cookies: { own: cookies.supervisor, lowerRole: cookies.agent },
        valid: () => ({ taskIds: queue.slice(rng.int(queue.length - 2)).slice(0, 1 + rng.int(3)), label: rng.pick(["negative", "neutral", "positive"]), note: rng.pick(["", "fuzz", "<b>note</b>"]) }),
        snapshot: async () => `${await count(db, "select count(*) from reviews")} ${JSON.stringify(await rowCounts(db))}`,
        confirms: true,
        acceptedWrites: true,
      },
      {
        name: "new user (admin, /users)",
        page: "/users",
        hidden: actionFields(usersPage, 'name="password"'),
        cookies: { own: cookies.admin, lowerRole: cookies.supervisor },
        valid: () => ({ name: "Fuzz User", email: `fuzz-user-${rng.int(1e9)}@example.test`, password: "a-long-enough-password", role: rng.pick(["agent", "supervisor"]) }),
        snapshot: () => usersSnapshot(db),
        confirms: true,
        acceptedWrites: true,
      },
      {
        name: "change user (admin, /users)",
        page: "/users",
        hidden: actionFields(usersPage, "Save role"),
        cookies: { own: cookies.admin, lowerRole: cookies.supervisor },
        valid: () => ({ id: String(rng.pick(victims)), ...(rng.chance(0.5) ? { role: rng.pick(["agent", "supervisor", "admin"]) } : { active: rng.pick(["true", "false"]) }) }),
        snapshot: () => usersSnapshot(db),
        // The row's form shows only errors (components/users/user-row-actions.tsx), and
        // setting the role or state a user already has is accepted and changes nothing.
        confirms: false,
        acceptedWrites: false,
      },
    ];
    const problems: string[] = [];
    const summary: Record<string, Record<string, number>> = {};
    for (const form of forms) {
      expect(form.hidden.length, form.name).toBeGreaterThan(0);
      const statuses: Record<string, number> = (summary[form.name] = {});
      for (let i = 0; i < PAGE_FORM_CASES; i++) {
        const c = pageFormCase(rng, form.hidden, form.valid(), form.cookies);
        const before = await form.snapshot();
        const res = await fetch(app.url + form.page, { method: "POST", headers: c.headers, body: c.body, redirect: "manual" }).catch((e: unknown) => e as Error);
        if (res instanceof Error) {
          problems.push(`${form.name} #${i} ${c.kind}: connection failed ${res.message}`);
          continue;
        }
        const text = await res.text();
        const refusedInForm = res.status === 200 && /role="alert"/.test(text);
        const accepted = res.status === 200 && (form.confirms ? /role="status"/.test(text) : c.submitsAction && !refusedInForm);
        const key = `${res.status}${accepted ? " accepted" : refusedInForm ? " form error" : ""}`;
        statuses[key] = (statuses[key] ?? 0) + 1;
        const what = `${form.name} #${i} ${c.kind} → ${res.status}`;
        if (res.status >= 500) problems.push(`${what} ${text.slice(0, 200)}`);
        if (STACK.test(text)) problems.push(`${what} with a stack trace: ${text.slice(0, 200)}`);
        if (form.confirms && c.submitsAction && res.status === 200 && !accepted && !refusedInForm) problems.push(`${what}: neither a confirmation nor a form error`);
        if (c.submitsAction && res.status !== 200) problems.push(`${what}: the action did not answer with the page`);
        if (c.kind === "malformed-multipart" && (res.status !== 400 || !text.includes('"bad_request:form"'))) problems.push(`${what}: not the JSON 400 ${text.slice(0, 120)}`);
        if (c.kind === "oversized" && res.status !== 413) problems.push(`${what}: not 413`);
        if ((c.kind === "anonymous" || c.kind === "bad-session") && !(res.status >= 300 && res.status < 400 && res.headers.get("location")?.includes("/login"))) problems.push(`${what}: not sent to the login page`);
        if (c.kind === "lower-role" && res.status !== 403) problems.push(`${what}: another role's session was not refused with 403`);
        const after = await form.snapshot();
        if (!accepted && after !== before) problems.push(`${what} (not accepted) but data changed: ${before.slice(0, 150)} → ${after.slice(0, 150)}`);
        if (accepted && form.acceptedWrites && after === before) problems.push(`${what}: confirmed but nothing was written`);
        if (problems.length >= 20) break;
      }
    }
    console.log(`[reliability] fuzz signed-in forms: ${PAGE_FORM_CASES} cases each`, summary);
    expect(problems).toEqual([]);
    // The fuzzer reached each action's validation: some submissions confirmed, some refused in the form.
    for (const [name, statuses] of Object.entries(summary)) {
      expect(statuses["200 accepted"], name).toBeGreaterThan(0);
      expect(statuses["200 form error"], name).toBeGreaterThan(0);
    }
    // The signed-in users were never touched: the sessions above stayed what they were.
    const admin = await db.execute({ sql: "select role, active from users where email = ?", args: [E2E_USERS.admin.email] });
    expect(admin.rows[0]).toMatchObject({ role: "admin", active: 1 });
    expect(await consistency(db)).toEqual({ integrity: "ok", foreignKeyViolations: 0 });
    figures["signed-in form submissions (review, new user, change user)"] = PAGE_FORM_CASES * forms.length;
  });
});

type FormSpec = {
  name: string;
  page: string;
  hidden: [string, string][];
  cookies: { own: string; lowerRole: string };
  valid: () => Record<string, string | string[]>;
  snapshot: () => Promise<string>;
  /** Whether the form shows a confirmation (role="status") after a successful submission. */
  confirms: boolean;
  /** Whether a confirmed submission always writes something. */
  acceptedWrites: boolean;
};

/** Every user column a sign-in or an admin action could change, and the tables they write. */
async function usersSnapshot(db: Client): Promise<string> {
  const users = await db.execute("select id, email, name, role, active, approval_pending, password_hash, last_sign_in_at from users order by id");
  const others = await Promise.all(["user_identities", "audit_log", "api_keys", "webhooks"].map((t) => count(db, `select count(*) from ${t}`)));
  return JSON.stringify([users.rows, others]);
}

/**
 * What a text looks like after a browser-style form submission and the server's trim:
 * multipart turns every line break into CRLF and a lone surrogate into U+FFFD.
 */
function sameText(text: string): string {
  return Buffer.from(text, "utf8").toString("utf8").replace(/\r\n|\r|\n/g, "\n").trim();
}

type FormCase = { kind: string; headers: Record<string, string>; body: BodyInit; expectText: string | undefined };

function formCase(rng: Rng, hidden: readonly (readonly [string, string])[], categories: string[], i: number): FormCase {
  const field = (valid: string) => (rng.chance(0.35) ? rng.pick(HOSTILE_STRINGS) : valid);
  const values: Record<string, string> = {
    name: field("Fuzz Customer"),
    email: rng.chance(0.8) ? `fuzz-${i}-${rng.int(1e9)}@example.test` : rng.pick(HOSTILE_STRINGS),
    category: rng.chance(0.8) ? rng.pick(categories) : rng.pick(HOSTILE_STRINGS),
    text: rng.chance(0.6) ? `${rng.pick(HOSTILE_STRINGS)} my order ${i} never arrived` : field("My order never arrived and nobody answers"),
  };
  const roll = rng.int(10);
  const form = new FormData();
  for (const [k, v] of hidden) form.append(k, v);
  for (const [k, v] of Object.entries(values)) {
    if (roll === 0 && rng.chance(0.3)) continue; // missing fields
    form.append(k, v);
  }
  if (roll === 1) form.append("text", "a second text field");
  if (roll === 2) form.append("__proto__", '{"admin":true}');
  if (roll === 3) return { kind: "malformed-multipart", headers: { "content-type": "multipart/form-data; boundary=zz" }, body: new Uint8Array([0x2d, 0x2d, 0x7a, 0x7a, 0x0d, 0x0a, 0xff, 0xfe, 0xc0, 0xaf]), expectText: undefined };
  if (roll === 4) {
    const type = rng.pick(["application/json", "text/plain", "application/x-www-form-urlencoded", "multipart/form-data"]);
    // multipart/form-data without a boundary cannot be parsed at all.
    return { kind: type === "multipart/form-data" ? "malformed-multipart" : "wrong-content-type", headers: { "content-type": type }, body: JSON.stringify(values), expectText: undefined };
  }
  if (roll === 5) return { kind: "bad-action-header", headers: { "next-action": rng.pick(["0".repeat(40), "../../etc/passwd", "x", "7f".repeat(21)]), "content-type": "text/plain;charset=UTF-8" }, body: JSON.stringify([values]), expectText: undefined };
  let kind = `form-${roll}`;
  if (roll === 6) {
    const size = rng.pick([5121, 2 * 1024 * 1024]);
    form.set("text", "t".repeat(size));
    if (size > 1024 * 1024) kind = "oversized-action-body";
  }
  const text = form.get("text");
  return { kind, headers: {} as Record<string, string>, body: form, expectText: typeof text === "string" && roll !== 1 ? sameText(text) : undefined };
}
