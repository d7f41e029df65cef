// HOSTILE INPUT, rendered: script-shaped texts stored through the API (task text,
// customer name, review note, training run name) and as user names (through the app's
// own createUser, as the admin form does), then opened in Chromium by a signed-in
// supervisor or admin on the pages that show them: tasks, review queue, dashboard,
// accounts and each account's page, models and each model's page, users. No injected
// script may run, and each text must appear as the literal characters that were sent
// (escaped, not parsed as HTML, not dropped).
import fs from "node:fs";
import { chromium, type Browser, type Page } from "@playwright/test";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createUser } from "@/lib/admin/users";
import { api, appEnv, openClient, prepareDatabase, recordFigures, startApp, type App, type Prepared, suitePort } from "./support/harness";
import { E2E_PASSWORD, E2E_USERS } from "../e2e/users";

const PORT = suitePort(40);

// Each payload, if it ever ran, sets window.__xss or opens a dialog.
const PAYLOADS = [
  "<script>window.__xss='script'</script>",
  "<img src=x onerror=\"window.__xss='img'\">",
  "\"><svg onload=\"window.__xss='svg'\"></svg>",
  "'><iframe srcdoc=\"<script>parent.__xss='iframe'</script>\"></iframe>",
  "</textarea></title><script>window.__xss='breakout'</script>",
  "<a href=\"javascript:window.__xss='href'\" id=xss-link>click</a>",
  "<details open ontoggle=\"window.__xss='toggle'\">",
  "<style>@import 'javascript:alert(1)'</style><body onload=alert('body')>",
];

const executablePath = process.env.CHROMIUM_PATH || (fs.existsSync("/usr/bin/chromium") ? "/usr/bin/chromium" : undefined);

describe("stored XSS", () => {
  let prepared: Prepared;
  let app: App;
  let browser: Browser;
  const taskIds: number[] = [];
  const texts: string[] = [];
  const accounts: { id: number; name: string }[] = [];
  const runs: { id: number; name: string }[] = [];
  const userNames: string[] = [];
  let views = 0;

  beforeAll(async () => {
    prepared = await prepareDatabase({ tasks: 60 });
    app = await startApp("app", PORT, appEnv(prepared.url), prepared.dir);
    browser = await chromium.launch({
      executablePath,
      args: ["--no-sandbox", "--headless", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
    });
    for (const [i, payload] of PAYLOADS.entries()) {
      const text = `XSS-${i} refund problem ${payload}`;
      const r = await api(app.url, prepared.apiKey, "POST", "/tasks", {
        account: { name: `Mallory ${payload}`.slice(0, 120), external_ref: `xss-${i}` },
        category: "Billing",
        text,
      });
      expect(r.status, r.text).toBe(201);
      const id = (r.json as { task: { id: number } }).task.id;
      taskIds.push(id);
      texts.push(text);
    }
    // A review note with a payload too, on the first task (shown in its review history).
    const review = await api(app.url, prepared.apiKey, "POST", `/tasks/${taskIds[0]}/review`, { label: "negative", note: PAYLOADS[1] });
    expect(review.status, review.text).toBe(201);

    const db = openClient(prepared.url);
    try {
      const rows = await db.execute("select id, name from customer_accounts where external_ref like 'xss-%' order by id");
      accounts.push(...rows.rows.map((r) => ({ id: Number(r.id), name: String(r.name) })));
      expect(accounts.length).toBe(PAYLOADS.length);
      const dataset = Number((await db.execute("select id from datasets limit 1")).rows[0].id);
      // Training run names (at most 80 characters) through the API; the runs stay queued
      // (no worker here), which is enough for the model pages to list and show them.
      for (const payload of PAYLOADS) {
        const name = `Run ${payload}`.slice(0, 80);
        const r = await api(app.url, prepared.apiKey, "POST", "/training-runs", { name, algorithm: "nb", train: { dataset_ids: [dataset] }, test: { kind: "holdout", percent: 20 } });
        expect(r.status, r.text).toBe(202);
        runs.push({ id: (r.json as { training_run: { id: number } }).training_run.id, name });
      }
    } finally {
      db.close();
    }
    // User names, as an admin would type them into the new-user form.
    for (const [i, payload] of PAYLOADS.entries()) {
      const name = `Eve ${payload}`.slice(0, 120);
      await createUser({ email: `xss-user-${i}@example.test`, name, password: E2E_PASSWORD, role: "agent" }, null);
      userNames.push(name);
    }
  });

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
    recordFigures("stored XSS", {
      "script payloads stored": PAYLOADS.length * 4 + 1,
      "pages opened in Chromium": views,
      outcome: "no script ran, no dialog, every text shown literally",
    });
  });

  async function signedInPage(role: "supervisor" | "admin" = "supervisor"): Promise<{ page: Page; dialogs: string[] }> {
    const context = await browser.newContext({ baseURL: app.url });
    const page = await context.newPage();
    const dialogs: string[] = [];
    page.on("dialog", (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    await page.goto("/login");
    await page.getByLabel("E-mail").fill(E2E_USERS[role].email);
    await page.getByLabel("Password").fill(E2E_PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByTestId("current-user").waitFor();
    return { page, dialogs };
  }

  async function assertNothingRan(page: Page, dialogs: string[], where: string) {
    // Give event handlers (onerror, onload, ontoggle) their chance to fire.
    await page.waitForLoadState("networkidle");
    const injected = await page.evaluate(() => ({
      flag: (window as unknown as { __xss?: string }).__xss ?? null,
      link: !!document.getElementById("xss-link"),
      // A <script> element made from a payload (Next.js's own data scripts carry the texts
      // as escaped JSON strings, which is fine: they never execute them).
      scripts: [...document.querySelectorAll("script")].filter((s) => /^\s*(window|parent)\.__xss/.test(s.textContent ?? "")).length,
    }));
    expect(injected, where).toEqual({ flag: null, link: false, scripts: 0 });
    expect(dialogs, where).toEqual([]);
  }

  it("the task list, each task's page and the review queue show the texts escaped, and run none of them", async () => {
    const { page, dialogs } = await signedInPage();

    await page.goto("/tasks?sort=newest");
    await assertNothingRan(page, dialogs, "/tasks");
    const listText = await page.locator("body").innerText();
    for (const text of texts) expect(listText.replace(/\s+/g, " ")).toContain(text.slice(0, 60).replace(/\s+/g, " "));
    views++;

    for (const [i, id] of taskIds.entries()) {
      await page.goto(`/tasks/${id}`);
      await assertNothingRan(page, dialogs, `/tasks/${id}`);
      const body = (await page.locator("body").innerText()).replace(/\s+/g, " ");
      expect(body).toContain(texts[i].replace(/\s+/g, " "));
      expect(body).toContain(`Mallory ${PAYLOADS[i]}`.slice(0, 120).replace(/\s+/g, " "));
      if (i === 0) expect(body).toContain(PAYLOADS[1]);
      views++;
    }

    await page.goto("/review");
    await assertNothingRan(page, dialogs, "/review");
    const reviewText = (await page.locator("body").innerText()).replace(/\s+/g, " ");
    expect(texts.some((t) => reviewText.includes(t.slice(0, 40)))).toBe(true);
    views++;

    for (const path of ["/", "/accounts"]) {
      await page.goto(path);
      await assertNothingRan(page, dialogs, path);
      views++;
    }
  });

  const shown = async (page: Page) => (await page.locator("body").innerText()).replace(/\s+/g, " ");
  const flat = (text: string) => text.replace(/\s+/g, " ");

  it("each account's page shows the customer's name and texts escaped, and runs none of them", async () => {
    const { page, dialogs } = await signedInPage();
    for (const [i, account] of accounts.entries()) {
      await page.goto(`/accounts/${account.id}`);
      await assertNothingRan(page, dialogs, `/accounts/${account.id}`);
      const body = await shown(page);
      expect(account.name).toBe(`Mallory ${PAYLOADS[i]}`.slice(0, 120));
      expect(body).toContain(flat(account.name));
      expect(body).toContain(flat(texts[i]).slice(0, 60));
      views++;
    }
  });

  it("the model list and each model's page show training run names escaped, and run none of them", async () => {
    const { page, dialogs } = await signedInPage();
    await page.goto("/models");
    await assertNothingRan(page, dialogs, "/models");
    const list = await shown(page);
    for (const run of runs) expect(list).toContain(flat(run.name));
    views++;
    for (const run of runs) {
      await page.goto(`/models/${run.id}`);
      await assertNothingRan(page, dialogs, `/models/${run.id}`);
      expect(await shown(page)).toContain(flat(run.name));
      views++;
    }
  });

  it("the users page shows user names escaped to an admin, and runs none of them", async () => {
    const { page, dialogs } = await signedInPage("admin");
    await page.goto("/users");
    await assertNothingRan(page, dialogs, "/users");
    const body = await shown(page);
    for (const name of userNames) expect(body).toContain(flat(name));
    views++;
  });
});
