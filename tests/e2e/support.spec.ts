// The level of support end to end: an angry request from the feedback page arrives urgent with
// its reasons, a rule assigns it and e-mails a real SMTP server this test starts, its SLA clock
// breaches and fires once, and an agent takes a task from "Unassigned".
import { expect, test } from "@playwright/test";
import { startSmtpServer } from "../support/smtp";
import { expectAngryPriority, sendFeedback, signIn } from "./helpers";
import { e2eSmtpPort } from "./users";

let smtp: Awaited<ReturnType<typeof startSmtpServer>>;

test.beforeAll(async () => {
  smtp = await startSmtpServer(e2eSmtpPort());
});
test.afterAll(async () => {
  await smtp?.close();
});

test("an angry request arrives urgent, a rule assigns it and e-mails, and its SLA breaches once", async ({ page, browser }) => {
  test.setTimeout(150_000);
  const unique = `${Date.now()}`;
  const token = `zx${unique}`;

  // The supervisor makes urgent first responses due in 12 s and adds a rule for this test's requests.
  await signIn(page, "supervisor");
  await page.goto("/escalation");
  const targets = page.getByRole("form", { name: "SLA targets" });
  await targets.getByLabel("urgent first response in minutes").fill("0.2");
  await targets.getByRole("button", { name: "Save targets" }).click();
  await expect(page.getByRole("status").filter({ hasText: "SLA targets saved" })).toBeVisible();

  // Alerts also go to a team mailbox; a mistyped address is refused by name and stays to be corrected.
  const alertForm = page.getByRole("form", { name: "Alert e-mail" });
  await alertForm.getByLabel("Alert addresses").fill("desk@e2e.test, desk-at-e2e.test");
  await alertForm.getByRole("button", { name: "Save alert addresses" }).click();
  await expect(alertForm.getByText('"desk-at-e2e.test" is not an e-mail address.').first()).toBeVisible();
  await expect(alertForm.getByLabel("Alert addresses")).toHaveValue("desk@e2e.test, desk-at-e2e.test");
  await alertForm.getByLabel("Alert addresses").fill("desk@e2e.test");
  await alertForm.getByRole("button", { name: "Save alert addresses" }).click();
  await expect(alertForm.getByRole("status")).toHaveText("Alerts now also go to desk@e2e.test.");

  await page.getByLabel("Name", { exact: true }).fill(`Urgent ${token} to Ari`);
  const form = page.locator("form", { has: page.getByRole("heading", { name: "New rule" }) });
  await form.getByRole("group", { name: "Priority" }).getByLabel("urgent").check();
  await form.getByLabel("Words or phrases").fill(token);
  await form.getByLabel("Assign to").selectOption({ label: "Ari Agent" });
  await form.getByLabel("E-mail (addresses").fill("escalations@e2e.test");
  await form.getByRole("button", { name: "Try on the last 30 days" }).click();
  await expect(form.getByRole("status")).toHaveText(/^Would have matched 0 of [\d,]+ requests in the last 30 days\.$/);
  await form.getByRole("button", { name: "Save rule" }).click();
  await expect(form.getByRole("status")).toHaveText(`Rule "Urgent ${token} to Ari" saved and on.`);
  await expect(page.getByTestId("rule-row").filter({ hasText: token })).toContainText("assign to Ari Agent");

  // The customer writes in, angry.
  const customer = await browser.newPage();
  const { taskId } = await sendFeedback(customer, {
    name: "Rae Customer",
    email: `rae.${unique}@example.test`,
    message: `I am furious! You charged me twice for order ${token}, nobody answers and I am so angry, this is outrageous and unacceptable.`,
  });

  // Urgent, with its reasons in words.
  await page.goto(`/tasks/${taskId}`);
  await expectAngryPriority(page, "urgent");
  await expect(page.getByTestId("task-owner")).toHaveText("Ari Agent");
  await expect(page.getByTestId("task-timeline")).toContainText(`Escalation rule "Urgent ${token} to Ari" fired`);

  // The rule's e-mail reaches the SMTP server.
  await expect.poll(() => smtp.received.filter((m) => m.subject.includes(`Escalated: request #${taskId}`)).length, { timeout: 20_000 }).toBe(1);
  const escalation = smtp.received.find((m) => m.subject.includes(`Escalated: request #${taskId}`))!;
  expect(escalation.to).toEqual(["escalations@e2e.test", "desk@e2e.test"]);
  expect(escalation.subject).toBe(`[urgent] Escalated: request #${taskId} from Rae Customer`);
  expect(escalation.body).toContain(token);

  // The 12 s clock runs out: one breach on the timeline, one e-mail to the owner.
  await expect.poll(() => smtp.received.filter((m) => m.subject.includes(`SLA breached: request #${taskId}`)).length, { timeout: 60_000 }).toBe(1);
  await page.reload();
  // The first response was missed; the resolution clock still runs (urgent: 8 h from arrival).
  await expect(page.getByTestId("task-sla")).toContainText("first response: SLA breached");
  await expect(page.getByTestId("task-sla")).toContainText(/resolution: \d+ h \d+ min left/);
  await expect(page.getByTestId("task-timeline").locator("li[data-kind=sla_breached]")).toHaveCount(1);
  const breach = smtp.received.find((m) => m.subject.includes(`SLA breached: request #${taskId}`))!;
  expect(breach.to).toEqual(["agent@e2e.test", "desk@e2e.test"]);
  // Still one after the worker's later sweeps (each tick is a second; the page reload took longer).
  await page.goto(`/tasks?q=${token}&breached=true`);
  await expect(page.getByTestId("task-row")).toHaveCount(1);
  expect(smtp.received.filter((m) => m.subject.includes(`SLA breached: request #${taskId}`))).toHaveLength(1);

  // Put the target and the alert addresses back for the other tests.
  await page.goto("/escalation");
  await page.getByRole("form", { name: "Alert e-mail" }).getByLabel("Alert addresses").fill("");
  await page.getByRole("form", { name: "Alert e-mail" }).getByRole("button", { name: "Save alert addresses" }).click();
  await expect(page.getByRole("form", { name: "Alert e-mail" }).getByRole("status")).toHaveText("No alert address: alerts go to the people on each request only.");
  await page.getByRole("form", { name: "SLA targets" }).getByLabel("urgent first response in minutes").fill("60");
  await page.getByRole("form", { name: "SLA targets" }).getByRole("button", { name: "Save targets" }).click();
  await expect(page.getByRole("status").filter({ hasText: "SLA targets saved" })).toBeVisible();
});

test("an agent takes a task from Unassigned and finds it in My queue", async ({ page }) => {
  await signIn(page, "agent");
  await page.goto("/tasks");
  await page.getByRole("link", { name: "Unassigned" }).click();
  await expect(page).toHaveURL(/view=unassigned/);
  // A closed request is not offered: the first one that can be taken.
  const row = page.getByTestId("task-row").filter({ has: page.getByRole("button", { name: "Take" }) }).first();
  const href = await row.getByRole("link").first().getAttribute("href");
  await row.getByRole("button", { name: "Take" }).click();
  // Once taken it leaves the Unassigned view.
  await expect(page.locator(`[data-testid=task-row] a[href="${href}"]`)).toHaveCount(0);
  await page.getByRole("link", { name: "My queue" }).click();
  await expect(page).toHaveURL(/view=mine/);
  await expect(page.locator(`[data-testid=task-row] a[href="${href}"]`)).toHaveCount(1);
  await page.goto(href!);
  await expect(page.getByTestId("task-owner")).toHaveText("Ari Agent");
  await expect(page.getByTestId("task-timeline")).toContainText("Taken by Ari Agent");
});
