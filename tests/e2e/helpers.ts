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
