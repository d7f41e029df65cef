import { expect, test, type Page } from "@playwright/test";
import { signIn } from "./helpers";

async function untickAllDatasets(page: Page) {
  for (const box of await page.locator('input[name="datasetIds"]').all()) await box.uncheck();
}

test("a supervisor trains a model, watches it finish, promotes it, and the next prediction uses it", async ({ page }) => {
  await signIn(page, "supervisor");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Models" }).click();
  await expect(page.getByRole("heading", { name: "Sentiment models" })).toBeVisible();

  await page.getByLabel("Name (optional)").fill("e2e complement NB");
  // Which datasets are ticked by default depends on the labels other specs left (reviews, uploads).
  await untickAllDatasets(page);
  await page.getByLabel("Demo examples").check();
  await page.getByLabel("Algorithm").selectOption("cnb");
  await page.getByLabel("Hold out (%)").fill("25");
  await page.getByRole("button", { name: "Start training run" }).click();

  await expect(page).toHaveURL(/\/models\/\d+$/);
  const id = Number(page.url().split("/").pop());
  await expect(page.getByRole("heading", { name: `v${id} · e2e complement NB` })).toBeVisible();
  // The worker picks the run up; the page refreshes itself until it is done.
  await expect(page.getByText("succeeded")).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId("metric-macro-f1")).toHaveText(/0\.\d{3}/);
  await expect(page.getByRole("table").filter({ hasText: "This version" }).first()).toBeVisible();
  await expect(page.getByRole("columnheader", { name: /Active \(v\d+\)/ })).toBeVisible();
  await expect(page.getByTestId("train-selection")).toContainText("Demo examples + supervisor corrections");
  await expect(page.getByTestId("test-selection")).toHaveText("Tested on: 25 % held out of the training data (seed 42)");
  // Features in words: no model-internal negation marks or placeholders.
  const features = page.getByRole("region", { name: "Most informative words per class" });
  await expect(features.getByRole("listitem").first()).toBeVisible();
  await expect(features).not.toContainText("NOT_");
  await expect(features).not.toContainText("<num>");

  // Promoting asks first, naming what changes; only the confirmation promotes.
  await page.getByRole("button", { name: "Promote to active" }).click();
  await expect(page.getByText(new RegExp(`Every new request will be scored by v${id} instead of v\\d+\\.`))).toBeVisible();
  await page.getByRole("button", { name: "Cancel" }).click();
  await page.reload();
  await expect(page.getByText("Active model", { exact: true })).toHaveCount(0);
  await page.getByRole("button", { name: "Promote to active" }).click();
  await page.getByRole("button", { name: `Confirm: make v${id} active` }).click();
  // The page re-renders with this version marked active (the button is gone).
  await expect(page.getByText("Active model", { exact: true })).toBeVisible();
  await expect(page.getByRole("button", { name: "Promote to active" })).toHaveCount(0);
  // The comparison was made with the version active back then, and says so now that it is not.
  await expect(page.getByRole("columnheader", { name: /^v\d+ \(active when trained\)$/ })).toBeVisible();

  await page.goto("/models");
  await expect(page.getByTestId(`model-row-${id}`)).toContainText("active");
  await page.getByLabel("Text to score with the active model").fill("The refund never arrived and I am furious, nobody answers");
  await page.getByRole("button", { name: "Score", exact: true }).click();
  await expect(page.getByTestId("try-model-version")).toHaveText(`v${id}`);
  await expect(page.getByTestId("try-result")).toContainText("negative");
  await expect(page.getByTestId("try-result").locator("mark").first()).toBeVisible();
});

test("a training selection that cannot train gets a clear message and starts nothing", async ({ page }) => {
  await signIn(page, "supervisor");
  await page.goto("/models");
  const rowsBefore = await page.locator("[data-testid^=model-row-]").count();
  await untickAllDatasets(page);
  await page.getByLabel("Include supervisor corrections").uncheck();
  await page.getByRole("button", { name: "Start training run" }).click();
  await expect(page.locator("#training-form-error")).toContainText("not valid");
  await expect(page.getByText("Choose at least one training dataset.")).toBeVisible();
  // The refused choices are still there to correct.
  await expect(page.getByLabel("Demo examples")).not.toBeChecked();
  await expect(page.getByLabel("Include supervisor corrections")).not.toBeChecked();
  await page.reload();
  await expect(page.locator("[data-testid^=model-row-]")).toHaveCount(rowsBefore);
});

test("an agent cannot open the models page", async ({ page }) => {
  await signIn(page, "agent");
  const response = await page.goto("/models");
  expect(response?.status()).toBe(403);
});
