// What a new user met on a tour of every page (issue 21), each checked the way they met it.
import fs from "node:fs";
import { expect, test } from "@playwright/test";
import { signIn } from "./helpers";

test("Save role keeps the saved role in the drop-down and says it was saved", async ({ page }) => {
  await signIn(page, "admin");
  await page.goto("/users");
  const email = `role-${Date.now()}@e2e.test`;
  await page.getByLabel("Name").first().fill("Role Changer");
  await page.getByLabel("E-mail").fill(email);
  await page.getByLabel("Initial password").fill("role-changer-password");
  await page.getByRole("button", { name: "Create user" }).click();
  await expect(page.getByRole("status")).toContainText(email);

  const row = page.getByRole("region", { name: "Everyone with access" }).getByRole("row").filter({ hasText: email });
  const select = page.getByLabel(`Role of ${email}`);
  await select.selectOption("supervisor");
  await row.getByRole("button", { name: "Save role" }).click();
  await expect(row.getByRole("status")).toHaveText(`Saved: ${email} is now a supervisor.`);
  await expect(row.getByRole("cell").nth(2)).toHaveText("supervisor");
  await expect(select).toHaveValue("supervisor");
  // Pressing Save again keeps it so.
  await row.getByRole("button", { name: "Save role" }).click();
  await expect(row.getByRole("status")).toHaveText(`Saved: ${email} is now a supervisor.`);
  await page.reload();
  await expect(page.getByLabel(`Role of ${email}`)).toHaveValue("supervisor");
});

test("Add a user keeps what was typed when a field is refused, and names the field", async ({ page }) => {
  await signIn(page, "admin");
  await page.goto("/users");
  const form = page.getByRole("form", { name: "Add a user" });
  const email = `kept-${Date.now()}@e2e.test`;
  await form.getByLabel("Name").fill("Kept Typing");
  await form.getByLabel("E-mail").fill(email);
  await form.getByLabel("Initial password").fill("eleven-char"); // 11 characters: one short
  await form.getByLabel("Role").selectOption("supervisor");
  await form.getByRole("button", { name: "Create user" }).click();

  const password = form.getByLabel("Initial password");
  await expect(password).toHaveAttribute("aria-invalid", "true");
  await expect(form.getByText("Password must be at least 12 characters.")).toBeVisible();
  await expect(form.getByLabel("Name")).toHaveValue("Kept Typing");
  await expect(form.getByLabel("E-mail")).toHaveValue(email);
  await expect(form.getByLabel("Role")).toHaveValue("supervisor");
  await expect(password).toHaveValue("eleven-char");
  await expect(form.getByLabel("Name")).toHaveAttribute("aria-invalid", "false");

  // The inputs and the button stay on one line beside the message.
  const tops = await Promise.all(["Name", "E-mail", "Initial password", "Role"].map((l) => form.getByLabel(l).evaluate((el) => el.getBoundingClientRect().top)));
  const button = await form.getByRole("button", { name: "Create user" }).evaluate((el) => el.getBoundingClientRect());
  for (const top of tops) expect(Math.abs(top - tops[0])).toBeLessThanOrEqual(1);
  expect(Math.abs(button.top + button.height / 2 - (tops[0] + 19))).toBeLessThanOrEqual(4);

  // Corrected, it is created and the form is cleared for the next one.
  await password.fill("twelve-chars!");
  await form.getByRole("button", { name: "Create user" }).click();
  await expect(form.getByRole("status")).toContainText(email);
  await expect(form.getByLabel("Name")).toHaveValue("");
  await expect(page.getByRole("region", { name: "Everyone with access" }).getByRole("row").filter({ hasText: email })).toContainText("supervisor");
});

test("the algorithm choices are described for supervisors, not developers", async ({ page }) => {
  await signIn(page, "supervisor");
  await page.goto("/models");
  const algorithm = page.getByLabel("Algorithm");
  const values = await algorithm.locator("option").evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value));
  expect(values).toContain("xgboost");
  for (const value of values) {
    await algorithm.selectOption(value);
    const description = algorithm.locator("xpath=following-sibling::p[1]");
    await expect(description).not.toBeEmpty();
    // No function names, package names or runtimes.
    await expect(description).not.toContainText(/[a-z][A-Z]\w*\b|\bml-|\basync\b|runtime|LIBLINEAR|tf-idf/);
    await expect(algorithm.locator("option:checked")).not.toContainText("ml.js");
  }
});

test("empty tables say what would appear and how to get it", async ({ page }) => {
  await signIn(page, "supervisor");
  const empties: [string, RegExp][] = [
    ["/trends?from=2001-01-01&to=2001-01-31&granularity=week", /No scored requests from 2001-01-01 to 2001-01-31\..*choose a wider range/],
    ["/emotions?from=2001-01-01&to=2001-01-31&granularity=week", /No requests from 2001-01-01 to 2001-01-31\..*choose a wider range/],
    ["/accounts?rule=consecutive&n=50", /No account has 50 or more negative requests in a row\..*ask for fewer negatives/],
    ["/review?queue=flagged&reviewer=&model=999999", /No reviews match these filters\. Clear the filters/],
    ["/tasks?q=zzzqqq-no-such-words", /No requests match these filters\..*clear or widen the filters/],
  ];
  for (const [path, message] of empties) {
    await page.goto(path);
    await expect(page.getByTestId("empty-table").filter({ hasText: message }).first(), path).toBeVisible();
  }
});

test.describe("on a phone", () => {
  test.use({ viewport: { width: 390, height: 844 } });

  test("the navigation shows the page the reader is on", async ({ page }) => {
    await signIn(page, "admin");
    for (const [path, label] of [["/users", "Users"], ["/emotions", "Emotions"], ["/api-docs", "API"]] as const) {
      await page.goto(path);
      const nav = page.getByRole("navigation", { name: "Main" });
      const current = nav.locator('[aria-current="page"]');
      await expect(current, path).toContainText(label);
      // Wholly inside the visible part of the tab bar.
      await expect
        .poll(async () => {
          const [n, c] = await Promise.all([nav.boundingBox(), current.boundingBox()]);
          return c!.x >= n!.x - 1 && c!.x + c!.width <= n!.x + n!.width + 1;
        }, { message: path })
        .toBe(true);
    }
  });
});

test("a supervisor undoes a review in the queue with one key, and corrects a label on the task's page", async ({ page, browser }) => {
  await signIn(page, "supervisor");
  await page.goto("/review?queue=negative");
  const first = page.getByTestId("review-row").first();
  const taskLink = first.getByRole("link").first();
  const id = (await taskLink.textContent())!.replace("#", "");
  const label = (await first.getByRole("cell").nth(3).textContent())!.replace(/\d+%/, "").trim();
  await first.click();
  await page.keyboard.press("a");
  await expect(page.getByRole("status")).toHaveText("Reviewed 1 task(s): 0 corrected, 1 confirmed.");
  const inQueue = page.getByTestId("review-row").filter({ has: page.getByRole("link", { name: `#${id}`, exact: true }) });
  await expect(inQueue).toHaveCount(0);

  // u takes it back: the row returns to the queue, and the history keeps the review, marked undone.
  await page.keyboard.press("u");
  await expect(page.getByRole("status")).toHaveText(`Undone: 1 task(s) back as they were (#${id}).`);
  await expect(inQueue).toHaveCount(1);
  const history = page.getByTestId("history-row").filter({ has: page.getByRole("link", { name: `#${id}`, exact: true }) }).first();
  await expect(history).toContainText(`${label} → ${label}`);
  await expect(history).toContainText("undone by supervisor@e2e.test");
  await expect(page.getByRole("button", { name: /^Undo/ })).toHaveCount(0);

  // On the task's page, a supervisor corrects the label; recorded as a review.
  await page.goto(`/tasks/${id}`);
  const other = label === "positive" ? "neutral" : "positive";
  const form = page.getByRole("form", { name: "Correct the label" });
  await form.getByLabel("Label").selectOption(other);
  await form.getByLabel("Note (optional)").fill("Checked with the customer");
  await form.getByRole("button", { name: "Save label" }).click();
  await expect(form.getByRole("status")).toHaveText(`Corrected: ${label} → ${other}.`);
  await expect(page.getByTestId("task-sentiment")).toContainText(other);
  await expect(page.getByRole("region", { name: "Reviews" })).toContainText(`Sol Supervisor: ${label} → ${other} — Checked with the customer`);
  await expect(page.getByRole("region", { name: "Reviews" })).toContainText("(undone");

  // Agents see the task but not the correction; the admin's audit log has the undo.
  const agent = await browser.newPage();
  await signIn(agent, "agent");
  await agent.goto(`/tasks/${id}`);
  await expect(agent.getByTestId("task-sentiment")).toContainText(other);
  await expect(agent.getByRole("form", { name: "Correct the label" })).toHaveCount(0);
  const admin = await browser.newPage();
  await signIn(admin, "admin");
  await admin.goto("/users");
  await expect(admin.getByRole("region", { name: "Audit log" }).getByRole("row").filter({ hasText: "review.undo" }).first()).toContainText(`task:${id}`);
});

test("charts: shares stop at 100%, and the net score compares the categories the reader picks, each in its own colour", async ({ page }) => {
  await signIn(page, "supervisor");
  const axisMax = async (testId: string) => {
    const ticks = await page.getByTestId(testId).locator(".recharts-cartesian-axis-tick-value").allTextContents();
    return Math.max(...ticks.filter((t) => t.endsWith("%")).map((t) => parseFloat(t)));
  };
  await page.goto("/emotions");
  await expect(page.getByTestId("emotion-category-bars").locator(".recharts-cartesian-axis-tick-value").first()).toBeVisible();
  expect(await axisMax("emotion-category-bars")).toBe(100);
  await page.goto("/trends");
  await expect(page.getByTestId("category-bars").locator(".recharts-cartesian-axis-tick-value").first()).toBeVisible();
  expect(await axisMax("category-bars")).toBe(100);

  // By day over four weeks: three categories drawn at first, in three different colours.
  const to = new Date().toISOString().slice(0, 10);
  const from = new Date(Date.now() - 27 * 86_400_000).toISOString().slice(0, 10);
  await page.goto(`/trends?from=${from}&to=${to}&granularity=day`);
  const chart = page.getByTestId("net-chart");
  const picker = page.getByTestId("net-chart-picker");
  // Tremor draws each line twice: the line, and a transparent one to click.
  const strokes = () =>
    chart.locator("path.recharts-line-curve").evaluateAll((paths) => paths.filter((p) => getComputedStyle(p).strokeOpacity !== "0").map((p) => getComputedStyle(p).stroke));
  await expect.poll(async () => (await strokes()).length).toBe(3);
  await expect(picker.getByRole("checkbox", { checked: true })).toHaveCount(3);
  expect(new Set(await strokes()).size).toBe(3);

  // A fourth, then no fifth: untick one to show another.
  const unticked = picker.getByRole("checkbox", { checked: false });
  await unticked.first().check();
  await expect.poll(async () => new Set(await strokes()).size).toBe(4);
  await expect(unticked.first()).toBeDisabled();
  await expect(page.getByText("Untick one to show another.")).toBeVisible();
  const legend = chart.getByRole("list", { name: "Legend" }).getByRole("listitem");
  await expect(legend).toHaveCount(4);
  await picker.getByRole("checkbox", { checked: true }).first().uncheck();
  await expect.poll(async () => (await strokes()).length).toBe(3);
});

test("before rolling back, a supervisor compares the older version with the one active now, on the same test data", async ({ page }) => {
  test.slow(); // two training runs
  await signIn(page, "supervisor");
  // A session's writes over the API must come from this site.
  const headers = { origin: new URL(page.url()).origin };
  // The shipped version's test data (real complaints) is not in the database, so both versions
  // here are trained on the demo dataset, whose id the training form names.
  await page.goto("/models");
  const demo = Number(await page.getByRole("checkbox", { name: "Demo examples" }).first().getAttribute("value"));
  const shippedId: number = (await (await page.request.get("/api/v1/models")).json()).active_version;
  const train = async (name: string, algorithm: string) => {
    const queued = await page.request.post("/api/v1/training-runs", { headers, data: { name, algorithm, train: { dataset_ids: [demo] }, test: { kind: "holdout", percent: 25 } } });
    expect(queued.status()).toBe(202);
    const id: number = (await queued.json()).training_run.id;
    await expect.poll(async () => (await (await page.request.get(`/api/v1/training-runs/${id}`)).json()).training_run.status, { timeout: 60_000 }).toBe("succeeded");
    expect((await page.request.post(`/api/v1/models/${id}/promote`, { headers })).status()).toBe(200);
    return id;
  };
  const oldId = await train("tour comparison, older", "nb");
  const newId = await train("tour comparison", "cnb");
  try {
    // The older version's page: compared with the version active now, not only the one active when it was trained.
    await page.goto(`/models/${oldId}`);
    const section = page.getByRole("region", { name: "Compare with another version" });
    await expect(section.getByLabel("Version")).toHaveValue(String(newId));
    const table = section.getByTestId("compare-table");
    await expect(table.getByRole("columnheader")).toHaveText(["Metric", `This version (v${oldId})`, `v${newId} (active)`]);
    await expect(table.getByRole("row", { name: /^Macro-F1/ }).getByRole("cell")).toHaveText([/^0\.\d{3}$/, /^0\.\d{3}$/]);
    await expect(section.getByTestId("compare-note")).toHaveText(/^Both scored on the \d+ of this version's \d+ test examples that neither was trained on\.$/);

    // And the other way round, by choice: the new version's page, compared with the old one.
    await page.goto(`/models/${newId}`);
    await section.getByLabel("Version").selectOption(String(oldId));
    await section.getByRole("button", { name: "Compare" }).click();
    await expect(page).toHaveURL(new RegExp(`/models/${newId}\\?compare=${oldId}$`));
    await expect(table.getByRole("columnheader")).toHaveText(["Metric", `This version (v${newId})`, `v${oldId}`]);
  } finally {
    await page.request.post(`/api/v1/models/${shippedId}/promote`, { headers });
  }
});

test("an admin sets the organisation's time zone: today, times on pages and in CSV files follow it", async ({ page }) => {
  await signIn(page, "admin");
  await page.goto("/users");
  const form = page.getByRole("form", { name: "Organisation time zone" });
  await expect(form.getByLabel("Time zone")).toHaveValue("UTC");
  await form.getByLabel("Time zone").selectOption("Asia/Kolkata");
  await form.getByRole("button", { name: "Save time zone" }).click();
  await expect(form.getByRole("status")).toHaveText("Time zone set to Asia/Kolkata: days and times now follow it.");
  // The saved zone stays chosen, so saving again keeps it.
  await expect(form.getByLabel("Time zone")).toHaveValue("Asia/Kolkata");
  await page.screenshot({ path: "test-results/time-zone-users.png", fullPage: false });
  try {
    await page.goto("/");
    await expect(page.getByText("Requests today (Asia/Kolkata)")).toBeVisible();
    // A request's time on its account's CSV carries Kolkata's offset, and the page shows the same local minute.
    await page.goto("/accounts");
    await page.getByTestId("at-risk-row").first().getByRole("link").first().click();
    const shown = await page.getByTestId("account-requests").locator("tbody tr").first().getByRole("cell").first().textContent();
    const download = page.waitForEvent("download");
    await page.getByRole("link", { name: "Export CSV" }).click();
    const csv = fs.readFileSync((await (await download).path())!, "utf8");
    const firstTime = csv.split("\r\n")[1].split(",")[1].replaceAll('"', "");
    expect(firstTime).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+05:30$/);
    expect(firstTime.slice(0, 16).replace("T", " ")).toBe(shown);
  } finally {
    await page.goto("/users");
    await page.getByRole("form", { name: "Organisation time zone" }).getByLabel("Time zone").selectOption("UTC");
    await page.getByRole("form", { name: "Organisation time zone" }).getByRole("button", { name: "Save time zone" }).click();
    await expect(page.getByRole("form", { name: "Organisation time zone" }).getByRole("status")).toHaveText("Time zone set to UTC: days and times now follow it.");
  }
});
