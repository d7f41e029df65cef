import { expect, test, type Page } from "@playwright/test";
import { sendFeedback, signIn } from "./helpers";

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
  // Revoking asks first; cancelling leaves the key working.
  await row.getByRole("button", { name: /^Revoke/ }).click();
  await expect(row).toContainText("Systems using this key are refused");
  await row.getByRole("button", { name: "Cancel" }).click();
  await expect(row.getByRole("button", { name: /^Revoke/ })).toBeFocused();
  await page.reload();
  await expect(row).not.toContainText("revoked");
  expect((await request.post("/api/v1/predictions", { headers: { authorization: `Bearer ${key}` }, data: { persist: false, inputs: ["x"] } })).status()).toBe(200);
  await row.getByRole("button", { name: /^Revoke/ }).click();
  await row.getByRole("button", { name: /^Confirm revoke/ }).click();
  await expect(row).toContainText("revoked");
  const revoked = await request.post("/api/v1/predictions", { headers: { authorization: `Bearer ${key}` }, data: { persist: false, inputs: ["x"] } });
  expect(revoked.status()).toBe(401);
});

/** Creates a user of our own through the admin's form, so other tests keep theirs. */
async function createUser(admin: Page, user: { name: string; email: string; password: string; role: string }) {
  await admin.goto("/users");
  await admin.getByLabel("Name").first().fill(user.name);
  await admin.getByLabel("E-mail").fill(user.email);
  await admin.getByLabel("Initial password").fill(user.password);
  await admin.getByLabel("Role", { exact: true }).selectOption(user.role);
  await admin.getByRole("button", { name: "Create user" }).click();
  await expect(admin.getByRole("status")).toContainText(user.email);
}

async function signInWithPassword(page: Page, user: { name: string; email: string; password: string }) {
  await page.goto("/login");
  await page.getByLabel("E-mail").fill(user.email);
  await page.getByLabel("Password").fill(user.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByTestId("current-user")).toContainText(user.name);
}

async function changeRole(admin: Page, email: string, role: string) {
  await admin.goto("/users");
  const row = admin.getByRole("region", { name: "Everyone with access" }).getByRole("row").filter({ hasText: email });
  await admin.getByLabel(`Role of ${email}`).selectOption(role);
  await row.getByRole("button", { name: "Save role" }).click();
  await expect(row.getByRole("cell").nth(2)).toHaveText(role);
}

test("a demoted supervisor loses access at their next request", async ({ browser }) => {
  const admin = await browser.newPage();
  const supervisor = await browser.newPage();
  await signIn(admin, "admin");
  const user = { name: "Temp Supervisor", email: `sup-${Date.now()}@e2e.test`, password: "temp-supervisor-pass", role: "supervisor" };
  await createUser(admin, user);
  await signInWithPassword(supervisor, user);
  expect((await supervisor.goto("/models"))?.status()).toBe(200);

  await changeRole(admin, user.email, "agent");

  // Same session cookie, next request: refused.
  expect((await supervisor.goto("/models"))?.status()).toBe(403);
});

test("a promoted agent reviews at their next request, without signing in again", async ({ browser, page }) => {
  const unique = `${Date.now()}`;
  const admin = await browser.newPage();
  await signIn(admin, "admin");
  const user = { name: "Temp Agent", email: `agent-${unique}@e2e.test`, password: "temp-agent-password", role: "agent" };
  await createUser(admin, user);

  // A customer's request, flagged by the agent, who may not review it yet.
  const { taskId } = await sendFeedback(page, { name: "Robin Customer", email: `robin.${unique}@example.test`, message: `Parcel ${unique} arrived broken and support never called me back` });
  const agent = await browser.newPage();
  await signInWithPassword(agent, user);
  await agent.goto(`/tasks/${taskId}`);
  // The flag asks what looks wrong, and keeps the agent's words when refused.
  await agent.getByRole("button", { name: "Prediction looks wrong" }).click();
  await agent.getByLabel("What looks wrong?").fill("no");
  await agent.getByRole("button", { name: "Send to the review queue" }).click();
  await expect(agent.getByText("Say what looks wrong, in a few words.")).toBeVisible();
  await expect(agent.getByLabel("What looks wrong?")).toHaveValue("no");
  await agent.getByLabel("What looks wrong?").fill("The parcel arrived broken: this is a complaint");
  await agent.getByRole("button", { name: "Send to the review queue" }).click();
  await expect(agent.getByRole("status")).toContainText("review queue");
  await expect(agent.getByTestId("task-flag")).toContainText(`Flagged as wrong by ${user.name}`);
  await expect(agent.getByTestId("task-flag")).toContainText("The parcel arrived broken: this is a complaint");
  expect((await agent.goto("/review"))?.status()).toBe(403);

  await changeRole(admin, user.email, "supervisor");

  // Same session cookie: the review queue opens and its keyboard correction is saved. The
  // session still says "agent", so the form post must not be refused on its word.
  expect((await agent.goto("/review?queue=flagged"))?.status()).toBe(200);
  const row = agent.getByTestId("review-row").filter({ hasText: unique });
  // Supervisors see who raised the flag and why.
  await expect(row.getByTestId("review-flag")).toHaveText(`flagged by ${user.name}: “The parcel arrived broken: this is a complaint”`);
  await row.click();
  await agent.keyboard.press("2");
  await expect(agent.getByRole("status")).toContainText("1 corrected");
  // Recorded in their name.
  await expect(agent.getByTestId("history-row").filter({ hasText: `#${taskId}` })).toContainText(user.email);
});

test("deactivating a user and disabling a webhook each ask for a confirmation first", async ({ page }) => {
  const unique = `${Date.now()}`;
  await signIn(page, "admin");
  const user = { name: "Temp Leaver", email: `leaver-${unique}@e2e.test`, password: "temp-leaver-password", role: "agent" };
  await createUser(page, user);
  const row = page.getByRole("region", { name: "Everyone with access" }).getByRole("row").filter({ hasText: user.email });
  await row.getByRole("button", { name: `Deactivate ${user.email}` }).click();
  await expect(row).toContainText("They lose access at their next request.");
  // Escape is "no": nothing was sent.
  await page.keyboard.press("Escape");
  await expect(row.getByRole("button", { name: `Deactivate ${user.email}` })).toBeFocused();
  await page.reload();
  await expect(row.getByRole("cell").nth(3)).toHaveText("active");
  await row.getByRole("button", { name: `Deactivate ${user.email}` }).click();
  await row.getByRole("button", { name: `Confirm deactivate ${user.email}` }).click();
  await expect(row.getByRole("cell").nth(3)).toHaveText("deactivated");
  // Giving access back does not ask.
  await row.getByRole("button", { name: `Reactivate ${user.email}` }).click();
  await expect(row.getByRole("cell").nth(3)).toHaveText("active");

  const url = `https://crm-${unique}.example.test/hooks`;
  await page.getByLabel("URL").fill(url);
  await page.getByLabel("model.promoted").check();
  await page.getByRole("button", { name: "Register webhook" }).click();
  await expect(page.getByText("signing secret is shown once")).toBeVisible();
  const hook = page.getByRole("region", { name: "Webhooks", exact: true }).getByRole("row").filter({ hasText: url });
  await hook.getByRole("button", { name: `Disable webhook ${url}` }).click();
  await hook.getByRole("button", { name: "Cancel" }).click();
  await page.reload();
  await expect(hook.getByRole("button", { name: `Disable webhook ${url}` })).toBeVisible();
  await hook.getByRole("button", { name: `Disable webhook ${url}` }).click();
  await hook.getByRole("button", { name: `Confirm disable webhook ${url}` }).click();
  await expect(hook).toContainText("disabled");
});

test("a new user with a short password is refused with a message naming the field", async ({ page }) => {
  const email = `short-${Date.now()}@e2e.test`;
  await signIn(page, "admin");
  await page.goto("/users");
  await page.getByLabel("Name").first().fill("Short Password");
  await page.getByLabel("E-mail").fill(email);
  await page.getByLabel("Initial password").fill("elevenchars");
  await page.getByRole("button", { name: "Create user" }).click();
  await expect(page.getByLabel("Initial password")).toHaveAccessibleDescription("Password must be at least 12 characters.");
  await expect(page.getByLabel("Initial password")).toHaveAttribute("aria-invalid", "true");
  await page.reload();
  await expect(page.getByRole("region", { name: "Everyone with access" })).not.toContainText(email);
});
