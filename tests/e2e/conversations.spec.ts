// A conversation end to end (issue 20): a customer writes in, an agent finds the request by its
// reference and replies (the real SMTP server this test starts receives it), the customer's
// e-mail reply comes back through the inbound webhook into the same task and is scored, the
// trend turns, the agent closes the task and the customer's rating link records a rating.
import { expect, test } from "@playwright/test";
import { startSmtpServer, type ReceivedMail } from "../support/smtp";
import { expectAngryPriority, sendFeedback, signIn } from "./helpers";
import { E2E_INBOUND_SECRET, e2eSmtpPort } from "./users";

let smtp: Awaited<ReturnType<typeof startSmtpServer>>;

test.beforeAll(async () => {
  smtp = await startSmtpServer(e2eSmtpPort());
});
test.afterAll(async () => {
  await smtp?.close();
});

async function mailTo(address: string, subject: RegExp): Promise<ReceivedMail> {
  await expect.poll(() => smtp.received.some((m) => m.to.includes(address) && subject.test(m.subject)), { timeout: 30_000 }).toBe(true);
  return smtp.received.find((m) => m.to.includes(address) && subject.test(m.subject))!;
}

test("request → e-mailed reply → customer's e-mail reply in the same task → trend improves → closed → rated", async ({ page, browser, request }) => {
  test.setTimeout(150_000);
  const email = `sam.${Date.now()}@example.test`;

  // The customer writes in, angry.
  const customer = await browser.newPage();
  const { reference, taskId } = await sendFeedback(customer, { name: "Sam Customer", email, message: "This is unacceptable, I was charged twice and nobody answers. I am furious." });

  // The agent finds it by the reference the customer was given.
  await signIn(page, "agent");
  await page.goto(`/tasks?q=${reference}`);
  await expect(page.getByTestId("task-row")).toHaveCount(1);
  await page.getByTestId("task-row").getByRole("link").first().click();
  await expect(page.getByRole("heading", { name: `Request #${taskId}` })).toBeVisible();
  await expect(page.getByTestId("customer-email")).toHaveText(email);
  await expect(page.getByTestId("trend-flag")).toHaveAttribute("data-trend", "steady");

  // The agent replies; the reply is e-mailed with the reference in the subject.
  await page.getByLabel(`Reply to ${email}`).fill("We are sorry — the second charge is refunded today.");
  await page.getByRole("button", { name: "Send" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Reply queued for sending by e-mail." })).toBeVisible();
  const reply = await mailTo(email, new RegExp(`\\[${reference}\\]`));
  expect(reply.body).toContain("the second charge is refunded today");
  const ours = reply.headers["message-id"];
  expect(ours).toMatch(/^<.+@.+>$/);
  await page.reload();
  await expect(page.getByText(/· status replied$/)).toBeVisible();

  // The customer answers by e-mail; their provider posts it to the inbound webhook.
  const inbound = await request.post("/api/v1/inbound-email", {
    headers: { "x-inbound-secret": E2E_INBOUND_SECRET },
    data: {
      from: `Sam Customer <${email}>`,
      to: "alerts@e2e.test",
      subject: `Re: ${reply.subject}`,
      text: `Thank you so much, the refund arrived and everything works perfectly now. Great service!\n\nOn Mon, Support wrote:\n> We are sorry`,
      message_id: `<sam-${Date.now()}@example.test>`,
      in_reply_to: ours,
      references: ours,
    },
  });
  expect(inbound.status()).toBe(200);
  expect(await inbound.json()).toEqual({ status: "threaded", task_id: taskId });

  // Same task: the follow-up is scored, the chart appears, the trend turns.
  await page.reload();
  const customerMessages = page.locator('[data-testid="message"][data-author="customer"]');
  await expect(customerMessages).toHaveCount(2);
  await expect(customerMessages.nth(1)).toContainText("the refund arrived");
  await expect(customerMessages.nth(1)).not.toContainText("We are sorry"); // the quoted thread is dropped
  await expect(customerMessages.nth(1).getByTestId("message-labels")).toContainText("positive");
  await expect(page.getByTestId("task-sentiment")).toContainText("positive");
  await expect(page.getByTestId("trend-flag")).toHaveAttribute("data-trend", "improving");
  await expect(page.getByTestId("sentiment-chart").getByRole("img")).toHaveAttribute("aria-label", /negative → positive/);
  await page.screenshot({ path: "test-results/conversation-task-page.png", fullPage: true });

  // Closed: the customer gets a rating link and rates in one click on the page.
  await page.getByRole("form", { name: "Change status" }).getByRole("button", { name: "closed" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Status set to closed." })).toBeVisible();
  const rating = await mailTo(email, /How did we do/);
  const link = /\/feedback\/rate\?token=[^&\s]+&rating=4/.exec(rating.body)![0];
  await customer.goto(link);
  await expect(customer.getByText(`How satisfied are you with our help on request ${reference}?`)).toBeVisible();
  await customer.getByRole("button", { name: "4 out of 5: Happy" }).click();
  await expect(customer.getByRole("status")).toHaveText(`Thank you! You rated ${reference} 4 out of 5.`);
  await customer.screenshot({ path: "test-results/conversation-rating.png" });
  // One use: the link now says it was used.
  await customer.goto(link);
  await expect(customer.getByRole("status")).toHaveText(`You already rated ${reference} 4 out of 5. Thank you!`);

  await page.reload();
  await expect(page.getByTestId("customer-rating")).toHaveText("Customer rating 4/5");
});

test("a calm request turns furious by e-mail: the task page shows the new priority and why, and the rule that fired", async ({ page, browser, request }) => {
  test.setTimeout(150_000);
  const token = `fu${Date.now()}`;
  const email = `kim.${token}@example.test`;

  // A supervisor's rule for this test's words; the calm opening does not match it.
  await signIn(page, "supervisor");
  await page.goto("/escalation");
  const form = page.locator("form", { has: page.getByRole("heading", { name: "New rule" }) });
  await form.getByLabel("Name", { exact: true }).fill(`Follow-up ${token}`);
  await form.getByLabel("Words or phrases").fill(token);
  await form.getByLabel("E-mail (addresses").fill("follow-ups@e2e.test");
  await form.getByRole("button", { name: "Save rule" }).click();
  await expect(form.getByRole("status")).toHaveText(`Rule "Follow-up ${token}" saved and on.`);

  const customer = await browser.newPage();
  await customer.goto("/feedback");
  await customer.getByLabel("Your name").fill("Kim Customer");
  await customer.getByLabel("E-mail").fill(email);
  await customer.getByLabel("What is it about?").selectOption("Billing");
  await customer.getByLabel("Your message").fill("Hello, could you tell me when my new card will arrive? Thanks.");
  await customer.getByRole("button", { name: "Send" }).click();
  const reference = (await customer.getByTestId("feedback-reference").textContent())!;
  const taskId = Number(reference.replace("REQ-", ""));

  await page.goto(`/tasks/${taskId}`);
  await expect(page.getByTestId("task-priority")).not.toHaveText(/urgent|high/);
  await page.getByLabel(`Reply to ${email}`).fill("Your card is on its way.");
  await page.getByRole("button", { name: "Send" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Reply queued for sending by e-mail." })).toBeVisible();
  const reply = await mailTo(email, new RegExp(`\\[${reference}\\]`));

  const inbound = await request.post("/api/v1/inbound-email", {
    headers: { "x-inbound-secret": E2E_INBOUND_SECRET },
    data: {
      from: `Kim Customer <${email}>`,
      subject: `Re: ${reply.subject}`,
      text: `This is unacceptable, the card for ${token} never came, I was charged twice and nobody answers. I am furious.`,
      message_id: `<kim-${token}@example.test>`,
      in_reply_to: reply.headers["message-id"],
    },
  });
  expect(await inbound.json()).toEqual({ status: "threaded", task_id: taskId });

  // The follow-up re-scored the task.
  await expectAngryPriority(page, "urgent");
  await expect(page.getByTestId("task-timeline")).toContainText(/Priority \w+ → urgent: negative \d+%, anger \((the customer's follow-up|emotion arrived)\)/);
  await expect(page.getByTestId("task-timeline")).toContainText(`Escalation rule "Follow-up ${token}" fired (follow-up)`);
  await page.screenshot({ path: "test-results/conversation-follow-up-rescored.png", fullPage: true });
  const alert = await mailTo("follow-ups@e2e.test", new RegExp(`Escalated: request #${taskId}`));
  expect(alert.body).toContain("I am furious");
});
