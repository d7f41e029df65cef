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
  // v1 is the shipped model, measured on real complaints that are not this company's: the page says so in words.
  const firstRow = page.locator("[data-testid^=model-row-]").last();
  await expect(firstRow.locator("[data-testid^=test-figures-]")).toContainText(/Measured on 11,544 texts, .*real customer complaints.*not your own customers' messages/);

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

const LABELLED = [
  "message,sentiment,source",
  '"My refund is three weeks late, this is awful",negative,mail',
  '"Thanks, the new card arrived quickly",positive,chat',
  "Where do I change my billing address?,neutral,web",
  ",negative,web",
  "The app keeps logging me out,negative,app",
  "Great service from Sam today,positive,phone",
  "Can I get a copy of my invoice?,neutral,mail",
].join("\n");

test("a supervisor uploads labelled data: checks it, sees the refused line, imports the rest, and can train or test on it", async ({ page }) => {
  await signIn(page, "supervisor");
  await page.goto("/models");
  const section = page.getByRole("region", { name: "Add labelled data" });
  const name = `E2E labels ${Date.now()}`;
  await section.getByLabel("CSV file").setInputFiles({ name: "own-labels.csv", mimeType: "text/csv", buffer: Buffer.from(LABELLED) });
  await expect(section.getByLabel("Text column")).toHaveValue("message");
  await expect(section.getByLabel("Label column")).toHaveValue("sentiment");
  await section.getByLabel("New dataset name").fill(name);
  await section.getByRole("button", { name: "Check file" }).click();
  await expect(section.getByTestId("upload-check")).toContainText("7 rows read: 6 can be imported, 1 refused. Nothing has been written yet. Fix the refused lines");
  await expect(section.getByTestId("upload-check")).toContainText("Labels: negative 2 · positive 2 · neutral 2");
  await expect(section.getByRole("table").filter({ hasText: "Preview" })).toContainText("My refund is three weeks late, this is awful");
  await expect(section.getByTestId("refused-lines")).toContainText("line 5: the text column is empty");
  // All or nothing, unless the bad lines are skipped on purpose.
  await expect(section.getByRole("button", { name: "Import 6 rows" })).toBeDisabled();
  await section.getByLabel("Skip bad lines").check();
  await section.getByRole("button", { name: "Import 6 rows" }).click();
  await expect(section.getByText(`Imported 6 examples into “${name}”.`)).toBeVisible();

  // The company's own dataset is offered, and ticked, for training; and for testing.
  const form = page.getByRole("region", { name: "New training run" });
  await expect(form.getByLabel(name)).toBeChecked();
  await form.getByLabel("Separate dataset").check();
  await expect(form.getByRole("checkbox", { name: new RegExp(name) })).toHaveCount(2);

  // A second upload into the same dataset, chosen from the list.
  await section.getByLabel("CSV file").setInputFiles({ name: "more.csv", mimeType: "text/csv", buffer: Buffer.from(LABELLED.split("\n").filter((l) => !l.startsWith(",")).join("\n")) });
  await section.getByLabel("Add to one of yours").check();
  await section.getByLabel("Dataset to add to").selectOption({ label: name });
  await section.getByRole("button", { name: "Check file" }).click();
  await section.getByRole("button", { name: "Import 6 rows" }).click();
  await expect(section.getByText(`Imported 6 examples into “${name}”.`)).toBeVisible();
  await expect(form.locator("label", { hasText: name }).first()).toContainText("(12 examples)");
});

test("a file of 100,000 labelled rows is checked and imported with progress shown", async ({ page }) => {
  test.setTimeout(180_000);
  await signIn(page, "supervisor");
  await page.goto("/models");
  const section = page.getByRole("region", { name: "Add labelled data" });
  const labels = ["negative", "neutral", "positive"];
  // About 7 MB: far over the 1 MB a page form may post, so this goes through the upload route's own path.
  const csv = ["message,sentiment", ...Array.from({ length: 100_000 }, (_, i) => `customer message number ${i} about an order that went ${labels[i % 3]},${labels[i % 3]}`)].join("\n");
  await section.getByLabel("CSV file").setInputFiles({ name: "big.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
  await section.getByLabel("New dataset name").fill(`E2E big ${Date.now()}`);
  await section.getByRole("button", { name: "Check file" }).click();
  await expect(section.getByRole("status", { name: "Checking the file" })).toBeVisible();
  await expect(section.getByTestId("upload-check")).toContainText("100,000 rows read: 100,000 can be imported", { timeout: 60_000 });
  await section.getByRole("button", { name: "Import 100,000 rows" }).click();
  await expect(section.getByRole("status", { name: "Importing" })).toBeVisible();
  await expect(section.getByText(/Imported 100,000 examples into/)).toBeVisible({ timeout: 120_000 });
});

test("a supervisor scores a CSV and downloads the same rows with sentiment and emotion added", async ({ page }) => {
  await signIn(page, "supervisor");
  await page.goto("/models");
  const section = page.getByRole("region", { name: "Score a CSV" });
  const file = ["ticket;body", "T-1;The refund never arrived and nobody answers", "T-2;Thanks, all sorted now!", "T-3;\"=HYPERLINK(\"\"http://evil.example\"\")\""].join("\n");
  await section.getByLabel("Delimiter").selectOption(";");
  await section.getByLabel(/CSV file/).setInputFiles({ name: "tickets.csv", mimeType: "text/csv", buffer: Buffer.from(file) });
  await expect(section.getByLabel("Text column")).toHaveValue("body");
  const downloaded = page.waitForEvent("download");
  await section.getByRole("button", { name: "Score file" }).click();
  const download = await downloaded;
  expect(download.suggestedFilename()).toBe("tickets-scored.csv");
  await expect(section.getByTestId("score-result")).toContainText(/Scored 3 of 3 rows with v\d+/);
  const fs = await import("node:fs");
  const lines = fs.readFileSync(await download.path(), "utf8").trim().split("\r\n");
  expect(lines[0]).toBe('"ticket";"body";"sentiment";"sentiment_confidence";"emotion";"emotion_confidence"');
  expect(lines).toHaveLength(4);
  expect(lines[1]).toMatch(/^"T-1";"The refund never arrived and nobody answers";"(negative|neutral|positive)";"0\.\d+";"[a-z]+";"0\.\d+"$/);
  expect(lines[3]).toContain(`"'=HYPERLINK(""http://evil.example"")"`);
});

test("a bad file to score gets a message naming its line, and no download", async ({ page }) => {
  await signIn(page, "supervisor");
  await page.goto("/models");
  const section = page.getByRole("region", { name: "Score a CSV" });
  await section.getByLabel(/CSV file/).setInputFiles({ name: "bad.csv", mimeType: "text/csv", buffer: Buffer.from("id,text\n1,fine\n2,too,many\n") });
  await section.getByRole("button", { name: "Score file" }).click();
  await expect(section.getByRole("alert")).toContainText("1 row(s) cannot be read, so nothing was scored: line 3: expected 2 fields, found 3.");
  await expect(section.getByTestId("score-result")).toHaveCount(0);
});

test("an agent cannot upload labelled data or score a file", async ({ page }) => {
  await signIn(page, "agent");
  const origin = new URL(page.url()).origin;
  const upload = await page.request.post("/api/models/labelled-data?mode=import&textColumn=message&labelColumn=sentiment&datasetName=agent", { headers: { origin, "content-type": "text/csv" }, data: LABELLED });
  expect(upload.status()).toBe(403);
  const score = await page.request.post("/api/models/score-csv?textColumn=message", { headers: { origin, "content-type": "text/csv" }, data: LABELLED });
  expect(score.status()).toBe(403);
});
