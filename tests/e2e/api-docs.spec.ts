// The API page people read: each route's query, body and answer fields, from the same
// document /api/v1/openapi.json serves.
import { expect, test } from "@playwright/test";
import { signIn } from "./helpers";

test("an agent reads what a route takes and answers on the API page", async ({ page }) => {
  await signIn(page, "agent");
  await page.goto("/api-docs");
  // The route table links to each route's section.
  await page.getByRole("link", { name: "/predictions", exact: true }).click();
  await expect(page).toHaveURL(/#post-predictions$/);
  const predictions = page.getByRole("region", { name: "POST /predictions" });
  await expect(predictions).toBeInViewport();
  const body = predictions.getByRole("table", { name: "Request body" });
  await expect(body.getByRole("row", { name: /inputs\[\]\.text/ })).toContainText("1–5120 characters");
  await expect(body.getByRole("row", { name: /^persist/ })).toContainText("default true");
  const answer = predictions.getByRole("table", { name: /^Answer: 200/ });
  await expect(answer.getByRole("row", { name: /results\[\]\.sentiment\.label/ })).toContainText('"negative" | "neutral" | "positive"');
  await expect(predictions).toContainText("Errors: 400, 401, 403, 413, 415, 422, 429, 500, 503.");

  const models = page.getByRole("region", { name: "GET /models", exact: true });
  await expect(models.getByRole("row", { name: /metrics\.active_comparison\.n_compared/ })).toContainText("did not train on");
  const runs = page.getByRole("region", { name: "POST /training-runs", exact: true });
  await expect(runs.getByRole("row", { name: /^test\.percent\b/ })).toContainText('Only when kind is "holdout".');
  const tasks = page.getByRole("region", { name: "GET /tasks", exact: true });
  await expect(tasks.getByRole("table", { name: "Query parameters" }).getByRole("row", { name: /^limit/ })).toContainText("1–200");
});
