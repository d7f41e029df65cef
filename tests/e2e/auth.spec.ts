import { expect, test } from "@playwright/test";
import { signIn } from "./helpers";
import { E2E_USERS } from "./users";

const NAV = {
  agent: ["Dashboard", "Tasks", "API"],
  supervisor: ["Dashboard", "Tasks", "Review", "Models", "Trends", "Accounts", "Emotions", "API"],
  admin: ["Dashboard", "Tasks", "Review", "Models", "Trends", "Accounts", "Emotions", "Users", "API"],
} as const;

test("an anonymous visitor is sent to the sign-in page", async ({ page }) => {
  await page.goto("/tasks");
  await expect(page).toHaveURL(/\/login/);
  await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();
});

test("a wrong password gets the same message as an unknown account", async ({ page }) => {
  await page.goto("/login");
  await page.getByLabel("E-mail").fill(E2E_USERS.agent.email);
  await page.getByLabel("Password").fill("definitely-wrong");
  await page.getByRole("button", { name: "Sign in" }).click();
  // Next.js has its own (empty) route-announcer alert; the form's is inside the form.
  const alert = page.locator("form").getByRole("alert");
  await expect(alert).toContainText("Wrong e-mail or password");
  const wrong = await alert.textContent();

  await page.getByLabel("E-mail").fill("nobody@e2e.test");
  await page.getByLabel("Password").fill("definitely-wrong");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(alert).toHaveText(wrong!);
  await expect(page).toHaveURL(/\/login/);
});

for (const role of ["agent", "supervisor", "admin"] as const) {
  test(`${role} signs in and sees exactly their navigation`, async ({ page }) => {
    await signIn(page, role);
    const nav = page.getByRole("navigation", { name: "Main" });
    await expect(nav.getByRole("link")).toHaveText([...NAV[role]]);
    await expect(page.getByRole("heading", { name: "Dashboard" })).toBeVisible();
    // The dashboard chart renders with colour, not black (Tremor's classes are in the CSS).
    const fill = await page.locator(".recharts-area-area").first().evaluate((el) => getComputedStyle(el).fill);
    expect(fill).not.toMatch(/^rgb\(0, 0, 0\)$/);
  });
}

test("an agent who types a supervisor's URL is refused", async ({ page }) => {
  await signIn(page, "agent");
  for (const path of ["/review", "/models", "/models/1", "/trends", "/accounts", "/emotions", "/users"]) {
    const response = await page.goto(path);
    expect(response?.status()).toBe(403);
    await expect(page.getByRole("heading", { name: "Not allowed" })).toBeVisible();
  }
});

test("signing out ends the session", async ({ page }) => {
  await signIn(page, "supervisor");
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login/);
  await page.goto("/");
  await expect(page).toHaveURL(/\/login/);
});
