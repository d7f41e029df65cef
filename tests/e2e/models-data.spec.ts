// The models page with the company's own data: the learning loop (agreement with the
// supervisors' reviews, the run offered past 50 new labels, what every figure was measured on).
import { expect, test, type Page } from "@playwright/test";
import { signIn } from "./helpers";

/** Reviews `n` not yet reviewed requests through the REST API with the browser's own session. */
async function reviewRequests(page: Page, n: number, label: "negative" | "neutral" | "positive") {
  const origin = new URL(page.url()).origin;
  const list = await page.request.get(`/api/v1/tasks?reviewed=false&limit=${n}`);
  expect(list.status()).toBe(200);
  const tasks = ((await list.json()) as { tasks: { id: number }[] }).tasks;
  expect(tasks).toHaveLength(n);
  for (const t of tasks) {
    const r = await page.request.post(`/api/v1/tasks/${t.id}/review`, { data: { label }, headers: { origin } });
    expect(r.status()).toBe(201);
  }
}

test("the models page says what each figure was measured on, shows agreement with supervisors, and offers a run on their labels", async ({ page }) => {
  await signIn(page, "supervisor");
  await page.goto("/models");
  const loop = page.getByRole("region", { name: "The active model on your requests" });
  await expect(loop).toBeVisible();
  // v1 was tested on its own generated hold-out: the page says so in words.
  const firstRow = page.locator("[data-testid^=model-row-]").last();
  await expect(firstRow.locator("[data-testid^=test-figures-]")).toContainText(/Measured on [\d,]+ generated demo texts held out from its training data, not real customer messages\./);

  await reviewRequests(page, 30, "negative");
  await reviewRequests(page, 25, "neutral");
  await page.reload();
  await expect(loop.getByTestId("agreement-overall")).toContainText(/Supervisors kept its label on \d+ of \d+ reviewed requests/);
  const byClass = loop.getByTestId("agreement-by-class");
  await expect(byClass.getByRole("rowheader", { name: "negative" })).toBeVisible();
  await expect(loop.getByText("Agreement per week of review")).toBeVisible();
  await expect(loop.locator(".recharts-wrapper")).toBeVisible();
  await expect(loop.getByTestId("new-labels")).toContainText(/\d+ requests reviewed since v\d+ was trained/);
  await expect(loop.getByTestId("offered-run")).toContainText("on your own");
  // With labels of its own, the form no longer ticks the generated demo examples.
  await expect(page.getByLabel("Demo examples")).not.toBeChecked();
  await expect(page.getByLabel("Include supervisor corrections")).toBeChecked();

  await loop.getByRole("button", { name: "Train on our own labels" }).click();
  await expect(page).toHaveURL(/\/models\/\d+$/);
  const id = Number(page.url().split("/").pop());
  await expect(page.getByTestId("train-selection")).toContainText("supervisor corrections");
  await expect(page.getByText("succeeded")).toBeVisible({ timeout: 60_000 });

  await page.goto("/models");
  const row = page.getByTestId(`model-row-${id}`);
  await expect(row.getByTestId(`on-reviewed-${id}`)).toContainText(/accuracy 0\.\d{3}on \d+ reviewed requests?/);
  await expect(row.getByTestId(`test-figures-${id}`)).toContainText("reviewed requests");
});

test("an agent can neither open the models page nor start its offered run", async ({ page }) => {
  await signIn(page, "agent");
  expect((await page.goto("/models"))?.status()).toBe(403);
  // A server action is a POST to the page: refused before it runs.
  const origin = new URL(page.url()).origin;
  const post = await page.request.post("/models", { headers: { origin, "next-action": "0".repeat(40) }, data: "[]" });
  expect(post.status()).toBe(403);
});
