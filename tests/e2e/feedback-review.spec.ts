import { expect, test } from "@playwright/test";
import { sendFeedback, signIn } from "./helpers";

test("a customer's request is scored, an agent sees why, a supervisor corrects it with the keyboard", async ({ page, browser }) => {
  const unique = `${Date.now()}`;
  const text = `The invoice ${unique} charged me twice and nobody answers my emails, this is a disgrace`;

  // The customer (anonymous).
  const { taskId } = await sendFeedback(page, { name: "Pat Customer", email: `pat.${unique}@example.test`, message: text });

  // The agent finds it in the queue with its sentiment and the words that drove it.
  const agent = await browser.newPage();
  await signIn(agent, "agent");
  await agent.goto(`/tasks?q=${unique}`);
  await expect(agent.getByTestId("task-row")).toHaveCount(1);
  await expect(agent.getByTestId("task-row")).toContainText("negative");
  await agent.getByRole("link", { name: /charged me twice/ }).click();
  await expect(agent).toHaveURL(new RegExp(`/tasks/${taskId}$`));
  await expect(agent.getByTestId("task-text").locator("mark[data-label=negative]").first()).toBeVisible();
  // Emotion comes from the emotion server (at once, or from the backfill within seconds).
  await expect
    .poll(async () => {
      await agent.reload();
      return agent.getByRole("heading", { name: "Emotion" }).locator("..").textContent();
    }, { timeout: 20_000 })
    .not.toContain("Pending");
  // A status change says it was saved, under the status buttons.
  const statusForm = agent.getByRole("form", { name: "Change status" });
  await statusForm.getByRole("button", { name: "replied" }).click();
  await expect(agent.getByRole("status").filter({ hasText: "Status set to replied." })).toBeVisible();
  await expect(statusForm.getByRole("button", { name: "replied" })).toHaveAttribute("aria-pressed", "true");
  await expect(agent.getByText("status replied")).toBeVisible();
  await agent.getByRole("button", { name: "Prediction looks wrong" }).click();
  await agent.getByLabel("What looks wrong?").fill("Reads as neutral to me");
  await agent.getByRole("button", { name: "Send to the review queue" }).click();
  await expect(agent.getByRole("status").filter({ hasText: "review queue" })).toBeVisible();
  // An agent cannot reach the review queue, nor post to its server actions.
  expect((await agent.goto("/review"))?.status()).toBe(403);
  const actionPost = await agent.request.post("/review", { headers: { "next-action": "0".repeat(42) }, multipart: { label: "neutral", taskIds: String(taskId) } });
  expect(actionPost.status()).toBe(403);

  // The supervisor overrides it from the flagged queue with the keyboard: focus is on the first row.
  await signIn(page, "supervisor");
  await page.goto("/review?queue=flagged");
  const row = page.getByTestId("review-row").filter({ hasText: unique });
  await expect(row).toBeVisible();
  await row.click();
  await page.keyboard.press("2");
  await expect(page.getByRole("status")).toContainText("1 corrected");
  await expect(page.getByTestId("history-row").filter({ hasText: `#${taskId}` })).toContainText("negative → neutral");

  // The task shows the corrected label everywhere.
  await agent.goto(`/tasks/${taskId}`);
  await expect(agent.getByTestId("task-sentiment")).toContainText("neutral");
  await expect(agent.getByText("corrected by a supervisor")).toBeVisible();
  await agent.goto(`/tasks?q=${unique}`);
  await expect(agent.getByTestId("task-row")).toContainText("neutral");
});

test("the feedback form explains what is wrong and stores nothing", async ({ page }) => {
  await page.goto("/feedback");
  await page.getByRole("button", { name: "Send" }).click();
  await expect(page.getByText("Enter your name.")).toBeVisible();
  await expect(page.getByText("Enter a valid e-mail address.")).toBeVisible();
  await expect(page.getByText("Choose what your request is about.")).toBeVisible();
  await page.getByLabel("Your name").fill("Sam");
  await page.getByLabel("E-mail").fill("sam@example.test");
  await page.getByLabel("What is it about?").selectOption("Reports");
  await page.getByLabel("Your message").fill("x".repeat(5200));
  await page.getByRole("button", { name: "Send" }).click();
  await expect(page.getByText(/keep it under 5120 characters/)).toBeVisible();
  await expect(page).toHaveURL(/\/feedback$/);
});

test("a supervisor confirms ticked rows the model labelled differently with one key, and a bad history filter is answered on the page", async ({ page }) => {
  await signIn(page, "supervisor");
  await page.goto("/review?queue=uncertain");
  const rows = page.getByTestId("review-row");
  await expect(rows.first()).toBeVisible();
  // Tick rows until two different model labels are among them.
  const ticked: { id: string; label: string }[] = [];
  for (let i = 0; i < (await rows.count()) && (ticked.length < 4 || new Set(ticked.map((t) => t.label)).size < 2); i++) {
    const row = rows.nth(i);
    const label = (await row.getByRole("cell").nth(3).textContent())!.replace(/\d+%/, "").trim();
    const id = (await row.getByRole("link").first().textContent())!.replace("#", "");
    await row.getByRole("checkbox").check();
    ticked.push({ id, label });
  }
  expect(new Set(ticked.map((t) => t.label)).size).toBeGreaterThan(1);
  await page.keyboard.press("a");
  await expect(page.getByRole("status")).toHaveText(`Reviewed ${ticked.length} task(s): 0 corrected, ${ticked.length} confirmed.`);
  for (const { id, label } of ticked) {
    const history = page.getByTestId("history-row").filter({ has: page.getByRole("link", { name: `#${id}`, exact: true }) });
    await expect(history.first()).toContainText(`${label} → ${label}`);
  }

  const response = await page.goto("/review?model=abc");
  expect(response?.status()).toBe(200);
  // (Next.js's route announcer is an alert too.)
  await expect(page.getByRole("alert").filter({ hasText: "history filter" })).toContainText("The model version is a number");
});
