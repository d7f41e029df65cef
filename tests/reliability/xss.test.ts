// HOSTILE INPUT, rendered: script-shaped texts stored through the API (task text,
// customer name, review note) and then opened in Chromium by a signed-in supervisor on
// the pages that show them. No injected script may run, and each text must appear as
// the literal characters the customer sent (escaped, not parsed as HTML, not dropped).
import fs from "node:fs";
import { chromium, type Browser, type Page } from "@playwright/test";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { api, appEnv, prepareDatabase, recordFigures, startApp, type App, type Prepared } from "./support/harness";
import { E2E_PASSWORD, E2E_USERS } from "../e2e/users";

const PORT = 3540;

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
  });

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  async function signedInPage(): Promise<{ page: Page; dialogs: string[] }> {
    const context = await browser.newContext({ baseURL: app.url });
    const page = await context.newPage();
    const dialogs: string[] = [];
    page.on("dialog", (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    await page.goto("/login");
    await page.getByLabel("E-mail").fill(E2E_USERS.supervisor.email);
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
    let views = 0;

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
    recordFigures("stored XSS", { "script payloads stored": PAYLOADS.length + 1, "pages opened in Chromium": views, outcome: "no script ran, no dialog, every text shown literally" });
  });
});
