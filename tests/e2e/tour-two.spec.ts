// What the second tour of every page as every role found (issue 21), each checked the way it was met.
import { expect, test } from "@playwright/test";
import { signIn } from "./helpers";

test("Unassigned and My queue list work still to do: no closed request, unless asked for by status", async ({ page }) => {
  await signIn(page, "agent");
  await page.goto("/tasks?view=unassigned");
  const rows = page.getByTestId("task-row");
  await expect(rows.first()).toBeVisible();
  // The Status column is the last one.
  const statuses = await rows.evaluateAll((trs) => trs.map((tr) => tr.lastElementChild!.textContent!.trim()));
  expect(statuses.length).toBeGreaterThan(0);
  expect(statuses).not.toContain("closed");
  await expect(page.getByTestId("queue-note")).toHaveText("Closed requests are left out of this queue; choose Status “closed” to see them.");

  // Asked for by status, they are there; All tasks keeps everything.
  await page.goto("/tasks?view=unassigned&status=closed");
  await expect(rows.first().locator("td").last()).toHaveText("closed");
  await expect(page.getByTestId("queue-note")).toHaveCount(0);
  // A closed request is nobody's work on its own page either: no "Take this task" there.
  await rows.first().getByRole("link").click();
  await expect(page.getByRole("heading", { name: "Level of support" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Take this task" })).toHaveCount(0);
  await page.goto("/tasks");
  await expect(page.getByTestId("queue-note")).toHaveCount(0);
});

test("a customer's thankful answer takes the angry request's priority down, with the reasons that say why", async ({ page, browser }) => {
  const customer = await browser.newPage();
  await customer.goto("/feedback");
  await customer.getByLabel("Your name").fill("Tess Turnaround");
  await customer.getByLabel("E-mail").fill(`tess-${Date.now()}@e2e.test`);
  await customer.getByLabel("What is it about?").selectOption({ label: "Billing" });
  await customer.getByLabel("Your message").fill("I was charged twice again and nobody answers my emails. I am furious, this is unacceptable and I want my money back now.");
  await customer.getByRole("button", { name: "Send" }).click();
  const reference = (await customer.getByText(/Your reference is REQ-\d+/).textContent())!;
  const id = Number(/REQ-(\d+)/.exec(reference)![1]);

  await signIn(page, "agent");
  await page.goto(`/tasks/${id}`);
  // Urgent once its emotion (anger) is known, high until then.
  await expect(page.getByTestId("task-priority")).toHaveText(/urgent|high/);
  await expect(page.getByTestId("priority-reasons")).toContainText(/^Why: negative \d+%/);

  // The customer answers (a follow-up from another channel, through the API as the portal would).
  const answer = await page.request.post(`/api/v1/tasks/${id}/messages`, {
    headers: { origin: new URL(page.url()).origin },
    data: { author: "customer", text: "Thank you so much, the refund arrived already. Great service, I am very happy!" },
  });
  expect(answer.status()).toBe(201);
  await page.reload();
  await expect(page.getByTestId("task-sentiment")).toContainText("positive");
  await expect(page.getByTestId("task-priority")).toHaveText(/low|normal/);
  await expect(page.getByTestId("priority-reasons")).toContainText(/^Why: positive \d+%/);
  await expect(page.getByTestId("task-timeline")).toContainText(/Priority (urgent|high) → (low|normal): positive \d+%.*\(the customer's follow-up\)/);
});

test.describe("on a phone", () => {
  test.use({ viewport: { width: 390, height: 844 } });

  test("the Users and Escalation pages fit the screen: nothing scrolls sideways", async ({ page }) => {
    await signIn(page, "admin");
    // A rule in the list (switched off, so it touches no request): its table is wider than a phone.
    const headers = { origin: new URL(page.url()).origin };
    const created = await page.request.post("/api/v1/escalation-rules", {
      headers,
      data: { name: "Phone layout check: angry billing requests that mention a refund", conditions: { sentiments: ["negative"], phrases: ["refund"] }, actions: { set_priority: "high" } },
    });
    expect(created.status()).toBe(201);
    const id: number = (await created.json()).rule.id;
    try {
      expect((await page.request.patch(`/api/v1/escalation-rules/${id}`, { headers, data: { active: false } })).status()).toBe(200);
      for (const path of ["/users", "/escalation"]) {
        await page.goto(path);
        await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
        expect(await page.evaluate(() => document.documentElement.scrollWidth), path).toBeLessThanOrEqual(390);
      }
    } finally {
      await page.request.delete(`/api/v1/escalation-rules/${id}`, { headers });
    }
  });
});

test("a version compared with no other shows its own figures, not an empty 'Active' column", async ({ page }) => {
  await signIn(page, "supervisor");
  // v1 shipped with the product: it was never compared with another version.
  await page.goto("/models/1");
  const section = page.getByRole("region", { name: "Evaluation on its test data" });
  await expect(section.getByRole("columnheader")).toHaveText(["Metric", "This version"]);
  await expect(section.getByRole("row", { name: /^Macro-F1/ }).getByRole("cell")).toHaveText([/^0\.\d{3}$/]);
});

test("an API key's last use is shown in the organisation's time zone, like every other time on the page", async ({ page }) => {
  await signIn(page, "admin");
  await page.goto("/users");
  const zoneForm = page.getByRole("form", { name: "Organisation time zone" });
  await zoneForm.getByLabel("Time zone").selectOption("Asia/Kolkata");
  await zoneForm.getByRole("button", { name: "Save time zone" }).click();
  await expect(zoneForm.getByRole("status")).toHaveText("Time zone set to Asia/Kolkata: days and times now follow it.");
  try {
    const name = `tz-key-${Date.now()}`;
    await page.getByLabel("Name (the system using it)").fill(name);
    await page.getByRole("checkbox", { name: "train", exact: true }).check();
    await page.getByRole("button", { name: "Create key" }).click();
    const key = (await page.getByTestId("new-api-key").textContent())!.trim();
    const usedAt = Date.now();
    expect((await page.request.get("/api/v1/models", { headers: { authorization: `Bearer ${key}` } })).status()).toBe(200);
    await page.reload();
    const lastUsed = (await page.getByRole("row").filter({ hasText: name }).getByRole("cell").nth(3).textContent())!;
    // Read as Kolkata's local time (UTC+05:30), it is the moment the key was used.
    const [, y, mo, d, h, mi] = /^(\d{4})-(\d\d)-(\d\d) (\d\d):(\d\d)$/.exec(lastUsed)!.map(Number);
    const asKolkata = Date.UTC(y, mo - 1, d, h, mi) - 330 * 60_000;
    expect(Math.abs(asKolkata - usedAt), `last used ${lastUsed}`).toBeLessThan(2 * 60_000);
  } finally {
    await zoneForm.getByLabel("Time zone").selectOption("UTC");
    await zoneForm.getByRole("button", { name: "Save time zone" }).click();
    await expect(zoneForm.getByRole("status")).toHaveText("Time zone set to UTC: days and times now follow it.");
  }
});

test("the API page's example calls this site, as pasted", async ({ page, baseURL }) => {
  await signIn(page, "agent");
  await page.goto("/api-docs");
  await expect(page.locator("pre").filter({ hasText: "curl" })).toContainText(`curl -s ${baseURL}/api/v1/predictions`);
});

test("supervisors' pages speak to supervisors: no commands or README sections", async ({ page }) => {
  await signIn(page, "supervisor");
  for (const path of ["/models", "/trends?from=2001-01-01&to=2001-01-31", "/escalation", "/review", "/accounts", "/emotions"]) {
    await page.goto(path);
    await expect(page.locator("main"), path).not.toContainText(/npm run|README/);
  }
});

test("stacked shares read on an even axis: 0, 25, 50, 75, 100%", async ({ page }) => {
  await signIn(page, "supervisor");
  for (const [path, testId] of [["/emotions", "emotion-category-bars"], ["/emotions", "emotion-mix-chart"], ["/trends", "category-bars"], ["/trends", "share-chart"]]) {
    await page.goto(path);
    const ticks = page.getByTestId(testId).locator(".recharts-cartesian-axis-tick-value").filter({ hasText: /%$/ });
    await expect(ticks.first(), testId).toBeVisible();
    await expect(ticks, testId).toHaveText(["0.0%", "25.0%", "50.0%", "75.0%", "100.0%"]);
  }
});
