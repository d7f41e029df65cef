// Limits hold for the whole server (issue 17, findings 3 and 4): the web server npm start
// runs (server/serve.ts) with two Next.js processes, each request on a fresh connection so
// the two share the traffic. An API key's burst, the feedback form's per-address limit and
// the sign-in throttle are each counted once for the server, not once per process.
import http from "node:http";
import { afterAll, describe, expect, it } from "vitest";
import { E2E_USERS } from "../e2e/users";
import { appForSuite, authCsrf, recordFigures, suitePort } from "./support/harness";

const PORT = suitePort(45);
const BURST = 10;
const FEEDBACK_PER_HOUR = 5;

/** One request on a connection of its own (no keep-alive), as separate clients would send it. */
function freshRequest(url: string, options: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<{ status: number; headers: http.IncomingHttpHeaders; text: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: options.method ?? "GET", headers: { connection: "close", ...options.headers }, agent: false }, (res) => {
      let text = "";
      res.setEncoding("utf8");
      res.on("data", (c) => (text += c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text }));
    });
    req.on("error", reject);
    req.end(options.body);
  });
}

describe("limits across two web processes", () => {
  const figures: Record<string, number | string> = {};
  const suite = appForSuite({
    port: PORT,
    tasks: 20,
    env: {
      WEB_CONCURRENCY: "2",
      // One token a minute after the burst: none comes back while the test runs.
      API_RATE_LIMIT_BURST: String(BURST),
      API_RATE_LIMIT_PER_MINUTE: "1",
      FEEDBACK_LIMIT_PER_ADDRESS_PER_HOUR: String(FEEDBACK_PER_HOUR),
    },
  });

  afterAll(() => {
    recordFigures("limits", figures);
  });

  it("an API key with burst 10 gets 10 of 40 concurrent calls, the rest 429 with Retry-After", async () => {
    const calls = await Promise.all(
      Array.from({ length: 40 }, () =>
        freshRequest(`${suite.app.url}/api/v1/predictions`, {
          method: "POST",
          headers: { authorization: `Bearer ${suite.prepared.apiKey}`, "content-type": "application/json" },
          body: JSON.stringify({ inputs: ["The parcel arrived broken"], persist: false }),
        }),
      ),
    );
    const ok = calls.filter((c) => c.status === 200).length;
    const limited = calls.filter((c) => c.status === 429);
    figures["API burst 10: allowed of 40 concurrent"] = ok;
    expect(ok).toBe(BURST);
    expect(limited).toHaveLength(40 - BURST);
    for (const c of limited) expect(Number(c.headers["retry-after"])).toBeGreaterThan(0);
  });

  it("the feedback form takes 5 of 14 concurrent submissions from one address, and stores only those", async () => {
    const page = await fetch(`${suite.app.url}/feedback`);
    const html = await page.text();
    const hidden = [...html.matchAll(/<input type="hidden" name="(\$ACTION[^"]*)"(?: value="([^"]*)")?/g)].map((m) => [m[1], (m[2] ?? "").replace(/&quot;/g, '"').replace(/&amp;/g, "&")] as const);
    expect(hidden.length).toBeGreaterThan(0);
    const submit = async (i: number) => {
      const form = new FormData();
      for (const [k, v] of hidden) form.append(k, v);
      form.append("name", "Limit Tester");
      form.append("email", `limit-${i}@example.test`);
      form.append("category", "Billing");
      form.append("text", `Invoice number ${i} was charged twice this month`);
      const request = new Request(suite.app.url + "/feedback", { method: "POST", body: form });
      const body = await request.text();
      const res = await freshRequest(`${suite.app.url}/feedback`, { method: "POST", headers: { "content-type": request.headers.get("content-type")! }, body });
      return { ...res, thanks: String(res.headers.location ?? "").includes("/feedback/thanks") };
    };
    const answers = await Promise.all(Array.from({ length: 14 }, (_, i) => submit(i)));
    const accepted = answers.filter((a) => a.thanks).length;
    figures["feedback 5 per address: accepted of 14 concurrent"] = accepted;
    expect(answers.every((a) => a.status < 500)).toBe(true);
    expect(accepted).toBe(FEEDBACK_PER_HOUR);
    const { openClient } = await import("./support/harness");
    const db = openClient(suite.prepared.url);
    const stored = await db.execute("select count(*) as n from tasks where text like 'Invoice number % was charged twice this month'");
    db.close();
    expect(Number(stored.rows[0].n)).toBe(FEEDBACK_PER_HOUR);
  });

  it("60 concurrent password guesses at one account get no more password checks than one guesser, and the rest are told to wait", async () => {
    const csrf = await authCsrf(suite.app.url);
    const guess = (i: number) =>
      freshRequest(`${suite.app.url}/api/auth/callback/credentials`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded", cookie: csrf.cookie },
        body: new URLSearchParams({ csrfToken: csrf.token, email: E2E_USERS.agent.email, password: `guess-${i}-wrong` }).toString(),
      });
    const started = Date.now();
    const answers = await Promise.all(Array.from({ length: 60 }, (_, i) => guess(i)));
    const elapsed = Date.now() - started;
    const codes = answers.map((a) => new URL(String(a.headers.location ?? "/"), suite.app.url).searchParams.get("code") ?? `status ${a.status}`);
    const checked = codes.filter((c) => c === "credentials").length;
    const throttled = codes.filter((c) => /^throttled_\d+$/.test(c)).length;
    expect(checked + throttled).toBe(60);
    // One guesser waiting politely gets 3 checks at once, then one after 0.5 s, 1 s, 2 s, 4 s, 8 s, 8 s, …
    const opened = [500, 1500, 3500, 7500].filter((at) => at <= elapsed).length + Math.max(0, Math.floor((elapsed - 7500) / 8000));
    figures["sign-in: password checks of 60 concurrent guesses"] = checked;
    figures["sign-in: guesses elapsed ms"] = elapsed;
    expect(checked).toBeGreaterThanOrEqual(3);
    expect(checked).toBeLessThanOrEqual(3 + opened);
    // The page it sends them to says how long to wait.
    const refused = answers.find((a) => String(a.headers.location ?? "").includes("code=throttled_"))!;
    const page = await (await fetch(new URL(String(refused.headers.location), suite.app.url))).text();
    expect(page).toMatch(/Too many sign-in attempts\. Wait \d+ seconds? and try again\./);
  });
});
