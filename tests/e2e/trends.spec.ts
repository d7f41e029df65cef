import { createRequire } from "node:module";
import { expect, test, type Page } from "@playwright/test";
import { signIn } from "./helpers";
import { E2E_AT_RISK_ACCOUNT } from "./users";

// Tablet width: every page must work without sideways scrolling of the page itself.
test.use({ viewport: { width: 768, height: 1024 } });

const require = createRequire(import.meta.url);

async function expectNoPageOverflow(page: Page) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
}

/** WCAG 2 A/AA checks with axe-core; serious and critical findings fail the test. */
async function expectAccessible(page: Page) {
  await page.addScriptTag({ path: require.resolve("axe-core/axe.min.js") });
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: unknown, opts: unknown) => Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }> } }).axe;
    const result = await axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa"] } });
    return result.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
  });
  expect(violations).toEqual([]);
}

test("a supervisor reads trends, changes the period and drills down to the tasks", async ({ page }) => {
  // It walks the trends page three times and the task list once: on a loaded machine that takes a minute.
  test.slow();
  await signIn(page, "supervisor");
  await page.goto("/trends");
  await expect(page.getByRole("heading", { level: 1, name: "Trends by category" })).toBeVisible();
  await expect(page.getByRole("heading", { name: /Net score by category, per week/ })).toBeVisible();
  await expect(page.getByTestId("net-chart").locator("svg.recharts-surface").first()).toBeVisible();
  await expectNoPageOverflow(page);
  await expectAccessible(page);

  // Negative, neutral and positive in orange, grey and blue (apart for colour-blind readers),
  // in the legend and the chart itself: Tremor's run-time classes are in the CSS.
  const share = page.getByTestId("share-chart");
  const legendDot = (name: string) => share.getByRole("list", { name: "Legend" }).getByRole("listitem").filter({ hasText: name }).locator("span");
  expect(await legendDot("negative").evaluate((el) => getComputedStyle(el).backgroundColor)).toBe("rgb(249, 115, 22)");
  expect(await legendDot("neutral").evaluate((el) => getComputedStyle(el).backgroundColor)).toBe("rgb(120, 113, 108)");
  expect(await legendDot("positive").evaluate((el) => getComputedStyle(el).backgroundColor)).toBe("rgb(14, 165, 233)");
  const curves = share.locator("path.recharts-area-curve");
  expect(await curves.evaluateAll((paths) => paths.map((p) => getComputedStyle(p).stroke))).toEqual(["rgb(249, 115, 22)", "rgb(120, 113, 108)", "rgb(14, 165, 233)"]);

  // A range that starts and ends mid-week: the cut weeks say so, and which days they count.
  await page.goto("/trends?from=2024-03-06&to=2024-03-19&granularity=week");
  const periodRows = page.getByTestId("periods-table").locator("tbody tr");
  await expect(periodRows.getByRole("rowheader")).toHaveText(["w/c 2024-03-04 (partial)", "w/c 2024-03-11", "w/c 2024-03-18 (partial)"]);
  await expect(page.getByTestId("partial-periods-note")).toContainText("w/c 2024-03-04 (partial) counts 2024-03-06 to 2024-03-10 only");

  // Another period: by day, over the last two weeks (the form is a GET form: the view is a URL).
  const to = new Date().toISOString().slice(0, 10);
  const from = new Date(Date.now() - 13 * 86_400_000).toISOString().slice(0, 10);
  await page.getByLabel("From").fill(from);
  await page.getByLabel("To (inclusive)").fill(to);
  await page.getByLabel("Period").selectOption("day");
  await page.getByRole("button", { name: "Show" }).click();
  await expect(page).toHaveURL(new RegExp(`from=${from}&to=${to}&granularity=day`));
  await expect(page.getByRole("heading", { name: /Net score by category, per day/ })).toBeVisible();
  await expect(page.getByTestId("periods-table").locator("tbody tr")).toHaveCount(14);

  // Drill down from the table with the keyboard: the negative requests of one category in the range.
  // Billing, where the test server stored four negative requests today (tests/e2e/serve.ts): the
  // demo data alone may leave a category without a negative request in these two weeks.
  const category = "Billing";
  const cell = page.getByTestId("categories-table").getByRole("link", { name: `${category}: negative requests`, exact: true });
  await cell.focus();
  await page.keyboard.press("Enter");
  // The task list names the same days the same way: the range's last day, inclusive.
  await expect(page).toHaveURL(new RegExp(`/tasks\\?category=\\d+&sentiment=negative&from=${from}&to=${to}$`));
  await expect(page.getByLabel("From")).toHaveValue(from);
  await expect(page.getByLabel("To (inclusive)")).toHaveValue(to);
  await expect(page.getByTestId("task-row").first()).toBeVisible();
  for (const row of await page.getByTestId("task-row").all()) {
    await expect(row).toContainText("negative");
    await expect(row).toContainText(category);
  }

  // Drill down from the chart: a bar of the category chart opens its requests.
  await page.goto(`/trends?from=${from}&to=${to}&granularity=week`);
  // A category with no request of a sentiment has a bar of width 0 there, which cannot be clicked.
  const bar = page.getByTestId("category-bars").locator('.recharts-bar-rectangle rect:not([width="0"])').first();
  await bar.click();
  await expect(page).toHaveURL(/\/tasks\?category=\d+&sentiment=(negative|neutral|positive)&from=/);
});

test("a supervisor reads the emotion mix and exports it", async ({ page }) => {
  await signIn(page, "supervisor");
  await page.goto("/emotions");
  await expect(page.getByRole("heading", { level: 1, name: "Emotions" })).toBeVisible();
  await expect(page.getByText("Emotion pending")).toBeVisible();
  await expect(page.getByTestId("top-emotions-table").locator("tbody tr").first()).toBeVisible();
  await expectNoPageOverflow(page);
  await expectAccessible(page);
  const csv = await page.request.get(await page.getByRole("link", { name: "Export CSV" }).first().getAttribute("href").then((h) => h!));
  expect(csv.headers()["content-type"]).toContain("text/csv");
  expect((await csv.text()).split("\r\n")[0]).toMatch(/^category,from,to,labelled,pending,/);
});

test("a supervisor opens an at-risk account, follows it up and closes the follow-up", async ({ page, browser }) => {
  await signIn(page, "supervisor");
  await page.goto("/accounts");
  await expect(page.getByRole("heading", { level: 1, name: "At-risk accounts" })).toBeVisible();
  await expectNoPageOverflow(page);
  await expectAccessible(page);

  // The fixture's account (tests/e2e/users.ts), not yet followed up.
  const name = E2E_AT_RISK_ACCOUNT.name;
  const row = page.getByTestId("at-risk-row").filter({ hasText: name });
  await expect(row).toContainText("none");
  await row.getByRole("link", { name }).click();
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
  await expect(page.getByTestId("account-timeline").locator("svg.recharts-surface").first()).toBeVisible();
  const request = page.getByTestId("account-requests").getByRole("link").first();
  await expect(request).toHaveAttribute("href", /^\/tasks\/\d+$/);
  await expectNoPageOverflow(page);
  await expectAccessible(page);
  const accountUrl = page.url();

  // Open a follow-up.
  await page.getByLabel("How").selectOption("call");
  await page.getByLabel("Notes").fill("Call about the repeated billing errors");
  await page.getByRole("button", { name: "Open follow-up" }).click();
  await expect(page.getByRole("button", { name: "Save changes" })).toBeVisible();
  await expect(page.getByTestId("follow-up-status").first()).toHaveText("open");

  // Update it: in progress, with a note. Closing is the one way to end it: no "Resolved" to pick first.
  await expect(page.getByLabel("Status").locator("option")).toHaveText(["Open", "In progress"]);
  await page.getByLabel("Status").selectOption("in_progress");
  await page.getByLabel("Notes").fill("Called, offered a credit");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByTestId("follow-up-status").first()).toHaveText("in progress");

  // The list shows the follow-up beside the account.
  await page.goto("/accounts");
  await expect(page.getByTestId("at-risk-row").filter({ hasText: name })).toContainText("in progress");

  // Close it: the series is settled and the account leaves the list.
  await page.goto(accountUrl);
  await page.getByLabel("How it was resolved (optional)").fill("Customer accepted the credit");
  await page.getByRole("button", { name: "Close follow-up" }).click();
  await expect(page.getByText("No follow-up in progress.")).toBeVisible();
  // The newest request is still negative: the card says the close settled it, not that it is not negative.
  const series = page.getByText("Negative requests in a row").locator("..");
  await expect(series).toContainText("0");
  await expect(series).toContainText(/Closing the follow-up on \d{4}-\d\d-\d\d \d\d:\d\d settled the earlier negative requests/);
  await expect(series).not.toContainText("not negative");
  await expect(page.getByTestId("follow-up-history")).toContainText("closed");
  await expect(page.getByTestId("follow-up-history")).toContainText("Customer accepted the credit");
  await page.goto("/accounts");
  await expect(page.getByTestId("at-risk-row").filter({ hasText: name })).toHaveCount(0);

  // Agents cannot reach these pages or their exports.
  const agent = await browser.newPage();
  await signIn(agent, "agent");
  expect((await agent.goto("/accounts"))?.status()).toBe(403);
  expect((await agent.goto("/trends"))?.status()).toBe(403);
  expect((await agent.request.get("/accounts/at-risk.csv")).status()).toBe(403);
});
