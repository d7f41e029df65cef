import { expect, type Page } from "@playwright/test";
import { E2E_PASSWORD, E2E_USERS } from "./users";

export async function signIn(page: Page, role: keyof typeof E2E_USERS, password = E2E_PASSWORD) {
  await page.goto("/login");
  await page.getByLabel("E-mail").fill(E2E_USERS[role].email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  // Signing in hashes the password on purpose (slow by design): on a loaded machine it takes seconds.
  await expect(page.getByTestId("current-user")).toContainText(E2E_USERS[role].name, { timeout: 20_000 });
}

/** A customer's request sent with the public feedback form; its reference and task id as the form answers them. */
export async function sendFeedback(page: Page, { name, email, category = "Billing", message }: { name: string; email: string; category?: string; message: string }) {
  await page.goto("/feedback");
  await page.getByLabel("Your name").fill(name);
  await page.getByLabel("E-mail").fill(email);
  await page.getByLabel("What is it about?").selectOption(category);
  await page.getByLabel("Your message").fill(message);
  await page.getByRole("button", { name: "Send" }).click();
  await expect(page.getByRole("heading", { name: /we received your message/ })).toBeVisible();
  const reference = (await page.getByTestId("feedback-reference").textContent())!;
  return { reference, taskId: Number(reference.replace("REQ-", "")) };
}

/**
 * Reloads the open task page until its priority reads `priority` and the reasons name an
 * angry negative: the emotion may come from the worker's backfill a moment after the text.
 */
export async function expectAngryPriority(page: Page, priority: string) {
  await expect
    .poll(async () => {
      await page.reload();
      return page.getByTestId("task-priority").textContent();
    }, { timeout: 20_000 })
    .toBe(priority);
  await expect(page.getByTestId("priority-reasons")).toHaveText(/Why: negative \d+%, anger/);
}
