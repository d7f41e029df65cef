// What a new user met on a tour of every page (issue 21), each checked the way they met it.
import { expect, test } from "@playwright/test";
import { signIn } from "./helpers";

test("Save role keeps the saved role in the drop-down and says it was saved", async ({ page }) => {
  await signIn(page, "admin");
  await page.goto("/users");
  const email = `role-${Date.now()}@e2e.test`;
  await page.getByLabel("Name").first().fill("Role Changer");
  await page.getByLabel("E-mail").fill(email);
  await page.getByLabel("Initial password").fill("role-changer-password");
  await page.getByRole("button", { name: "Create user" }).click();
  await expect(page.getByRole("status")).toContainText(email);

  const row = page.getByRole("region", { name: "Everyone with access" }).getByRole("row").filter({ hasText: email });
  const select = page.getByLabel(`Role of ${email}`);
  await select.selectOption("supervisor");
  await row.getByRole("button", { name: "Save role" }).click();
  await expect(row.getByRole("status")).toHaveText(`Saved: ${email} is now a supervisor.`);
  await expect(row.getByRole("cell").nth(2)).toHaveText("supervisor");
  await expect(select).toHaveValue("supervisor");
  // Pressing Save again keeps it so.
  await row.getByRole("button", { name: "Save role" }).click();
  await expect(row.getByRole("status")).toHaveText(`Saved: ${email} is now a supervisor.`);
  await page.reload();
  await expect(page.getByLabel(`Role of ${email}`)).toHaveValue("supervisor");
});
