import { expect, test } from "@playwright/test";
import { signIn } from "./helpers";
import { E2E_USERS } from "./users";

const NAV = {
  agent: ["Dashboard", "Tasks", "API"],
  supervisor: ["Dashboard", "Tasks", "Review", "Models", "Trends", "Accounts", "Emotions", "Escalation", "API"],
  admin: ["Dashboard", "Tasks", "Review", "Models", "Trends", "Accounts", "Emotions", "Escalation", "Users", "API"],
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
    // The dashboard chart draws its negative line in the sentiment palette's orange, not black
    // (Tremor's classes are in the CSS; components/charts/palette.ts).
    const stroke = await page.locator(".recharts-area-curve").first().evaluate((el) => getComputedStyle(el).stroke);
    expect(stroke).toBe("rgb(249, 115, 22)");
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

test("pages never renew the session cookie, so a request in flight at sign-out cannot revive the session", async ({ page }) => {
  await signIn(page, "agent");
  const [before] = (await page.context().cookies()).filter((c) => c.name.includes("session-token"));
  const response = await page.request.get("/tasks");
  expect(response.status()).toBe(200);
  expect(response.headersArray().filter((h) => h.name.toLowerCase() === "set-cookie" && h.value.includes("session-token"))).toEqual([]);
  // The stored session is still the one sign-in issued.
  const [after] = (await page.context().cookies()).filter((c) => c.name.includes("session-token"));
  expect(after.value).toBe(before.value);
});

test("signing out ends the session", async ({ page }) => {
  await signIn(page, "supervisor");
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();
  // The session cookie is gone, so the next visit to the portal is sent to sign-in.
  await expect.poll(async () => (await page.context().cookies()).filter((c) => c.name.includes("session-token")).length).toBe(0);
  await page.goto("/");
  await expect(page).toHaveURL(/\/login/);
});
