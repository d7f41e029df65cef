import { expect, test } from "@playwright/test";
import { signIn } from "./helpers";

test("an admin issues an API key that works once shown, then revokes it", async ({ page, request }) => {
  await signIn(page, "admin");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Users" }).click();
  await page.getByLabel("Name (the system using it)").fill(`crm-${Date.now()}`);
  await page.getByLabel("predict").check();
  await page.getByRole("button", { name: "Create key" }).click();
  const key = (await page.getByTestId("new-api-key").textContent())!.trim();
  expect(key).toMatch(/^csa_[a-z0-9]{10}_/);

  const ok = await request.post("/api/v1/predictions", {
    headers: { authorization: `Bearer ${key}` },
    data: { persist: false, inputs: ["the app keeps crashing, I am fed up"] },
  });
  expect(ok.status()).toBe(200);
  expect((await ok.json()).results[0].sentiment.label).toBe("negative");
  expect(ok.headers()["x-request-id"]).toBeTruthy();
  // The key has no tasks scope.
  expect((await request.get("/api/v1/tasks", { headers: { authorization: `Bearer ${key}` } })).status()).toBe(403);

  await page.reload();
  const row = page.getByRole("row").filter({ hasText: key.slice(0, 15) });
  await row.getByRole("button", { name: /Revoke/ }).click();
  await expect(row).toContainText("revoked");
  const revoked = await request.post("/api/v1/predictions", { headers: { authorization: `Bearer ${key}` }, data: { persist: false, inputs: ["x"] } });
  expect(revoked.status()).toBe(401);
});

test("a demoted supervisor loses access at their next request", async ({ browser }) => {
  const admin = await browser.newPage();
  const supervisor = await browser.newPage();
  await signIn(admin, "admin");
  // A supervisor of our own for this test, so other tests keep theirs.
  const email = `sup-${Date.now()}@e2e.test`;
  await admin.goto("/users");
  await admin.getByLabel("Name").first().fill("Temp Supervisor");
  await admin.getByLabel("E-mail").fill(email);
  await admin.getByLabel("Initial password").fill("temp-supervisor-pass");
  await admin.getByLabel("Role", { exact: true }).selectOption("supervisor");
  await admin.getByRole("button", { name: "Create user" }).click();
  await expect(admin.getByRole("status")).toContainText(email);

  await supervisor.goto("/login");
  await supervisor.getByLabel("E-mail").fill(email);
  await supervisor.getByLabel("Password").fill("temp-supervisor-pass");
  await supervisor.getByRole("button", { name: "Sign in" }).click();
  await expect(supervisor.getByTestId("current-user")).toContainText("Temp Supervisor");
  expect((await supervisor.goto("/models"))?.status()).toBe(200);

  await admin.reload();
  const people = admin.getByRole("region", { name: "Everyone with access" });
  const row = people.getByRole("row").filter({ hasText: email });
  await admin.getByLabel(`Role of ${email}`).selectOption("agent");
  await row.getByRole("button", { name: "Save role" }).click();
  await expect(row.getByRole("cell").nth(2)).toHaveText("agent");

  // Same session cookie, next request: refused.
  expect((await supervisor.goto("/models"))?.status()).toBe(403);
});
