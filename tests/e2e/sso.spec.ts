// Single sign-on end to end: Chromium → the app → a real OpenID Connect provider
// (oidc-provider) on loopback, started here → back to the app. The app server was
// configured for it by tests/e2e/serve.ts (tests/support/oidc-e2e.ts).
import { expect, test, type Page } from "@playwright/test";
import { startTestIdp, subjectFor, type TestIdp } from "../support/oidc-provider";
import { E2E_OIDC, E2E_SSO_USERS, e2eAppPort, e2eOidcPort } from "../support/oidc-e2e";
import { signIn } from "./helpers";
import { E2E_USERS } from "./users";

let idp: TestIdp;

test.beforeAll(async () => {
  const appPort = e2eAppPort();
  idp = await startTestIdp({
    port: e2eOidcPort(appPort),
    client: { clientId: E2E_OIDC.clientId, clientSecret: E2E_OIDC.clientSecret, redirectUris: [`http://127.0.0.1:${appPort}/api/auth/callback/oidc`] },
  });
});

test.afterAll(async () => {
  await idp?.close();
});

/** Login page → "Continue with Test IdP" → the provider's own login form → back to the app. */
async function ssoSignIn(page: Page, who: { email: string; name?: string; groups?: string; verified?: boolean }) {
  await page.goto("/login");
  await page.getByRole("button", { name: `Continue with ${E2E_OIDC.name}` }).click();
  await expect(page.getByRole("heading", { name: "Test IdP" })).toBeVisible();
  expect(new URL(page.url()).port).toBe(String(e2eOidcPort(e2eAppPort())));
  await page.getByLabel("IdP e-mail").fill(who.email);
  if (who.name) await page.getByLabel("IdP name").fill(who.name);
  if (who.groups) await page.getByLabel("IdP groups").fill(who.groups);
  if (who.verified === false) await page.getByLabel("E-mail verified").uncheck();
  await page.getByRole("button", { name: "Log in at the IdP" }).click();
}

async function expectRefused(page: Page, message: RegExp) {
  await expect(page).toHaveURL(/\/login\?/);
  await expect(page.getByTestId("sign-in-error")).toHaveText(message);
  // No session: the portal still sends this browser to the login page.
  await page.goto("/tasks");
  await expect(page).toHaveURL(/\/login/);
}

test("the login page offers the configured provider beside the password form", async ({ page }) => {
  await page.goto("/login");
  await expect(page.getByRole("button", { name: "Continue with Test IdP" })).toBeVisible();
  await expect(page.getByLabel("Password")).toBeVisible();
});

test("a linked supervisor signs in through the identity provider and gets their role", async ({ page }) => {
  const sup = E2E_SSO_USERS.supervisor;
  // The provider's display name differs: the portal shows its own user.
  await ssoSignIn(page, { email: sup.email, name: "Someone Else" });
  await expect(page.getByTestId("current-user")).toContainText(sup.name);
  expect((await page.goto("/review"))?.status()).toBe(200);
  expect((await page.goto("/users"))?.status()).toBe(403);
});

test("an admin demotes a supervisor signed in through SSO: their next request is refused", async ({ browser }) => {
  const person = E2E_SSO_USERS.demoted;
  const supervisor = await browser.newPage();
  await ssoSignIn(supervisor, { email: person.email });
  await expect(supervisor.getByTestId("current-user")).toContainText(person.name);
  expect((await supervisor.goto("/models"))?.status()).toBe(200);

  const admin = await browser.newPage();
  await signIn(admin, "admin");
  await admin.goto("/users");
  const row = admin.getByRole("region", { name: "Everyone with access" }).getByRole("row").filter({ hasText: person.email });
  // The admin sees how and when this person signed in.
  await expect(row.getByTestId("sign-in-methods")).toContainText(/Test IdP \(last \d{4}-\d\d-\d\d \d\d:\d\d\)/);
  await expect(row.getByTestId("sign-in-methods")).not.toContainText("Password");
  await expect(row.getByRole("cell").nth(5)).toHaveText(/^\d{4}-\d\d-\d\d \d\d:\d\d$/);
  await admin.getByLabel(`Role of ${person.email}`).selectOption("agent");
  await row.getByRole("button", { name: "Save role" }).click();
  await expect(row.getByRole("cell").nth(2)).toHaveText("agent");

  // Same SSO session cookie, next request: the supervisor pages are closed, the agent's still open.
  expect((await supervisor.goto("/models"))?.status()).toBe(403);
  expect((await supervisor.goto("/tasks"))?.status()).toBe(200);
});

test("the provider's group claim maps to a role", async ({ page }) => {
  const person = E2E_SSO_USERS.grouped; // an agent in the portal
  await ssoSignIn(page, { email: person.email, groups: "staff,csa-supervisors" });
  await expect(page.getByTestId("current-user")).toContainText(person.name);
  expect((await page.goto("/review"))?.status()).toBe(200);
});

test("an unknown e-mail becomes a request an admin sees, with no access meanwhile", async ({ browser }) => {
  const email = `newcomer-${Date.now()}@e2e.test`;
  const page = await browser.newPage();
  // Claims the supervisors' group: irrelevant for someone the portal does not know yet.
  await ssoSignIn(page, { email, name: "Nia Newcomer", groups: "csa-supervisors" });
  await expectRefused(page, /waiting for an administrator's approval/);

  const admin = await browser.newPage();
  await signIn(admin, "admin");
  await admin.goto("/users");
  const row = admin.getByRole("region", { name: "Everyone with access" }).getByRole("row").filter({ hasText: email });
  await expect(row.getByRole("cell").nth(2)).toHaveText("agent");
  await expect(row.getByRole("cell").nth(3)).toHaveText("waiting for approval");
  await expect(row.getByTestId("sign-in-methods")).toContainText("Test IdP");

  // Approved, the same sign-in lets them in (the provider still has their session, so it
  // does not ask again).
  await row.getByRole("button", { name: `Approve ${email}` }).click();
  await expect(row.getByRole("cell").nth(3)).toHaveText("active");
  await page.goto("/login");
  await page.getByRole("button", { name: `Continue with ${E2E_OIDC.name}` }).click();
  await expect(page.getByTestId("current-user")).toContainText("Nia Newcomer");
});

test("a deactivated user is refused", async ({ page }) => {
  await ssoSignIn(page, { email: E2E_SSO_USERS.deactivated.email });
  await expectRefused(page, /deactivated/);
});

test("an e-mail the provider has not verified is not linked", async ({ page }) => {
  await ssoSignIn(page, { email: E2E_USERS.agent.email, verified: false }); // never linked before
  await expectRefused(page, /did not confirm your e-mail/);
});

test("an ID token altered on its way is refused, even when it names the admin", async ({ page }) => {
  const admin = E2E_USERS.admin.email;
  idp.tamperNextIdToken("claim", { email: admin, sub: subjectFor(admin) });
  await ssoSignIn(page, { email: `intruder-${Date.now()}@e2e.test` });
  await expectRefused(page, /could not be verified/);
});

test("an ID token signed with a key that is not the provider's is refused", async ({ page }) => {
  idp.tamperNextIdToken("foreign-key");
  await ssoSignIn(page, { email: E2E_SSO_USERS.supervisor.email });
  await expectRefused(page, /could not be verified/);
});

test("an expired ID token is refused", async ({ page }) => {
  idp.tamperNextIdToken("expired");
  await ssoSignIn(page, { email: E2E_SSO_USERS.supervisor.email });
  await expectRefused(page, /did not complete/);
});
