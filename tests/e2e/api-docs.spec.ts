// The API page people read: each route's query, body and answer fields, from the same
// document /api/v1/openapi.json serves; folded per route, with a search box and anchors.
import { expect, test } from "@playwright/test";
import { signIn } from "./helpers";

test.use({ viewport: { width: 1440, height: 900 } });

test("an agent reads what a route takes and answers on the API page", async ({ page }) => {
  await signIn(page, "agent");
  await page.goto("/api-docs");
  // Every route folded: the page fits a few screens, not 23,000 px.
  expect(await page.evaluate(() => document.documentElement.scrollHeight)).toBeLessThan(3000);

  // The route table links to each route's section, which opens.
  await page.getByTestId("api-index").getByRole("link", { name: "/predictions", exact: true }).click();
  await expect(page).toHaveURL(/#post-predictions$/);
  const predictions = page.getByRole("region", { name: "POST /predictions" });
  await expect(predictions).toBeVisible();
  await expect(page.getByRole("heading", { name: "POST /predictions" })).toBeInViewport();
  const body = predictions.getByRole("table", { name: "Request body" });
  await expect(body.getByRole("row", { name: /inputs\[\]\.text/ })).toContainText("1–5120 characters");
  await expect(body.getByRole("row", { name: /^persist/ })).toContainText("default true");
  const answer = predictions.getByRole("table", { name: /^Answer: 200/ });
  await expect(answer.getByRole("row", { name: /results\[\]\.sentiment\.label/ })).toContainText('"negative" | "neutral" | "positive"');
  await expect(predictions).toContainText("Errors: 400, 401, 403, 409, 413, 415, 422, 429, 500, 503.");
  await expect(predictions).toContainText("207 when some were not");

  // An anchor in the address opens its route on arrival (a fresh visit, not a jump within the page).
  await page.goto("/");
  await page.goto("/api-docs#get-models");
  const models = page.getByRole("region", { name: "GET /models", exact: true });
  await expect(models.getByRole("row", { name: /metrics\.active_comparison\.n_compared/ })).toContainText("did not train on");
  await expect(page.getByRole("region", { name: "POST /predictions" })).toHaveCount(0);

  // The search narrows the routes by path, field or status; a click opens one.
  const search = page.getByLabel("Search the routes");
  await search.fill("external_id");
  await expect(page.getByText(/^\d+ of \d+ routes match$/)).toBeVisible();
  await expect(page.getByRole("heading", { name: "POST /tasks", exact: true })).toBeVisible();
  await expect(page.getByRole("heading", { name: "GET /models", exact: true })).toHaveCount(0);
  await search.fill("test.percent");
  await page.getByRole("heading", { name: "POST /training-runs", exact: true }).click();
  const runs = page.getByRole("region", { name: "POST /training-runs", exact: true });
  await expect(runs.getByRole("row", { name: /^test\.percent\b/ })).toContainText('Only when kind is "holdout".');
  await search.fill("no-such-route");
  await expect(page.getByTestId("empty-table")).toContainText("No route matches");

  await search.fill("");
  await page.getByRole("button", { name: "Open all" }).click();
  const tasks = page.getByRole("region", { name: "GET /tasks", exact: true });
  await expect(tasks.getByRole("table", { name: "Query parameters" }).getByRole("row", { name: /^limit/ })).toContainText("1–200");
});
