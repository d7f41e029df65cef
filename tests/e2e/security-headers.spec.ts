// Security headers as the browser receives them from `next start`, and proof that the
// Content-Security-Policy leaves every page working: pages hydrate (the rest of the
// suite clicks through them under the same policy), and an injected inline handler does not run.
import { expect, test, type Page } from "@playwright/test";
import { signIn } from "./helpers";
import { E2E_PASSWORD, E2E_USERS } from "./users";

function directives(policy: string | null): Record<string, string[]> {
  expect(policy).toBeTruthy();
  return Object.fromEntries(policy!.split(";").map((d) => d.trim().split(/\s+/)).map(([name, ...values]) => [name, values]));
}

/** Collects CSP violations the page reports, from the moment it starts loading. */
async function watchViolations(page: Page): Promise<string[]> {
  const violations: string[] = [];
  page.on("console", (message) => {
    if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
  });
  return violations;
}

test("pages carry a nonce policy, anti-framing, nosniff, referrer and permissions policies, and a request id", async ({ request }) => {
  const first = await request.get("/login");
  const second = await request.get("/login");
  expect(first.status()).toBe(200);
  const headers = first.headers();
  const policy = directives(headers["content-security-policy"]);
  const nonce = policy["script-src"].find((v) => v.startsWith("'nonce-"))!;
  expect(nonce).toBeTruthy();
  expect(policy["script-src"]).not.toContain("'unsafe-inline'");
  expect(policy["script-src"]).not.toContain("'unsafe-eval'");
  expect(policy["frame-ancestors"]).toEqual(["'none'"]);
  expect(policy["object-src"]).toEqual(["'none'"]);
  // A fresh nonce per response, and Next.js stamped it on every script it rendered.
  expect(directives(second.headers()["content-security-policy"])["script-src"]).not.toContain(nonce);
  const html = await first.text();
  const scripts = html.match(/<script\b[^>]*>/g) ?? [];
  expect(scripts.length).toBeGreaterThan(0);
  for (const tag of scripts) expect(tag).toContain(`nonce="${nonce.slice("'nonce-".length, -1)}"`);

  expect(headers["x-frame-options"]).toBe("DENY");
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");
  expect(headers["permissions-policy"]).toContain("camera=()");
  expect(headers["x-request-id"]).toMatch(/^[0-9a-f-]{36}$/);
  expect(headers["x-powered-by"]).toBeUndefined();
  // Plain http: no HSTS (browsers ignore it there, and it must not outlive a test setup).
  expect(headers["strict-transport-security"]).toBeUndefined();
});

test("behind an https proxy, pages add HSTS and upgrade stray http requests", async ({ request }) => {
  const response = await request.get("/login", { headers: { "x-forwarded-proto": "https" } });
  expect(response.headers()["strict-transport-security"]).toMatch(/max-age=\d{8,}/);
  expect(directives(response.headers()["content-security-policy"])["upgrade-insecure-requests"]).toEqual([]);
});

test("API answers cannot be framed, sniffed or run as documents", async ({ request }) => {
  for (const path of ["/api/health", "/api/ready", "/api/v1/openapi.json", "/api/v1/tasks"]) {
    const headers = (await request.get(path)).headers();
    expect(headers["content-security-policy"], path).toBe("default-src 'none'; frame-ancestors 'none'");
    expect(headers["x-frame-options"], path).toBe("DENY");
    expect(headers["x-content-type-options"], path).toBe("nosniff");
  }
});

test("a path or method the API does not serve answers a JSON error with a request id, not a page", async ({ request }) => {
  for (const path of ["/api/v1/no-such-route", "/api/v1"]) {
    const missing = await request.get(path, { maxRedirects: 0 });
    expect(missing.status(), path).toBe(404);
    expect(missing.headers()["content-type"]).toContain("application/json");
    expect((await missing.json()).error.code).toBe("not_found:route");
    expect(missing.headers()["x-request-id"]).toBeTruthy();
  }
  const wrongMethod = await request.put("/api/v1/predictions", { data: {} });
  expect(wrongMethod.status()).toBe(405);
  expect(wrongMethod.headers()["allow"]).toBe("POST, OPTIONS");
  expect((await wrongMethod.json()).error.code).toBe("method_not_allowed");
  expect(wrongMethod.headers()["content-security-policy"]).toBe("default-src 'none'; frame-ancestors 'none'");
});

test("/api/ready reports the database and the emotion server, without signing in", async ({ request }) => {
  const response = await request.get("/api/ready");
  expect(response.status()).toBe(200);
  const body = await response.json();
  expect(body).toMatchObject({ status: "ready", checks: { database: { status: "ok" }, emotion: { status: "ok" } } });
});

test("every page of the portal loads and hydrates under the policy with no violation", async ({ page }) => {
  const violations = await watchViolations(page);
  await page.goto("/feedback");
  await expect(page.getByRole("heading", { name: "Contact support" })).toBeVisible();
  await signIn(page, "admin"); // the sign-in form is a client component: it only works hydrated
  const nav = page.getByRole("navigation", { name: "Main" });
  for (const name of ["Tasks", "Review", "Models", "Trends", "Accounts", "Emotions", "Users", "API", "Dashboard"]) {
    // Client-side navigation: the link is handled by the hydrated router.
    await nav.getByRole("link", { name, exact: true }).click();
    await expect(page.getByRole("heading", { level: 1 }).first()).toBeVisible();
    await page.waitForLoadState("networkidle");
  }
  await page.goto("/tasks");
  await page.locator('a[href^="/tasks/"]').first().click();
  await expect(page).toHaveURL(/\/tasks\/\d+/);
  await page.waitForLoadState("networkidle");
  await page.goto("/no-such-page");
  await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
  await page.waitForLoadState("networkidle");
  expect(violations).toEqual([]);
});

test("an injected inline event handler does not run", async ({ page }) => {
  const violations = await watchViolations(page);
  await page.goto("/login");
  await expect(page.getByRole("button", { name: "Sign in" })).toBeEnabled();
  await page.evaluate(() => {
    document.body.insertAdjacentHTML("beforeend", `<img src="data:," onerror="window.__injected = true" onload="window.__injected = true">`);
  });
  await expect.poll(() => violations.length).toBeGreaterThan(0);
  expect(await page.evaluate(() => (window as { __injected?: boolean }).__injected)).toBeUndefined();
});

test("the session cookie is HttpOnly and SameSite=Lax (not Secure over plain http)", async ({ page, context }) => {
  await signIn(page, "agent");
  const session = (await context.cookies()).find((c) => c.name.endsWith("authjs.session-token"));
  expect(session).toBeDefined();
  expect(session!.name).toBe("authjs.session-token");
  expect(session!.httpOnly).toBe(true);
  expect(session!.sameSite).toBe("Lax");
  expect(session!.secure).toBe(false);
});

test("behind an https proxy, next-auth's cookies are Secure, prefixed, HttpOnly and SameSite=Lax", async ({ baseURL }) => {
  // Raw requests: the test browser reaches the app over http and would not send Secure cookies back.
  const https = { "x-forwarded-proto": "https" };
  const csrf = await fetch(`${baseURL}/api/auth/csrf`, { headers: https });
  // The last one is the route's (the proxy's session check may set one too); its token is in the body.
  const csrfCookie = csrf.headers.getSetCookie().findLast((c) => c.startsWith("__Host-authjs.csrf-token="));
  expect(csrfCookie).toBeDefined();
  expect(csrfCookie).toMatch(/;\s*HttpOnly/i);
  expect(csrfCookie).toMatch(/;\s*Secure/i);
  expect(csrfCookie).toMatch(/;\s*SameSite=Lax/i);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };

  const signInResponse = await fetch(`${baseURL}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { ...https, "content-type": "application/x-www-form-urlencoded", cookie: csrfCookie!.split(";")[0] },
    body: new URLSearchParams({ csrfToken, email: E2E_USERS.supervisor.email, password: E2E_PASSWORD }),
  });
  const session = signInResponse.headers.getSetCookie().find((c) => c.startsWith("__Secure-authjs.session-token="));
  expect(session, signInResponse.headers.getSetCookie().join("\n")).toBeDefined();
  expect(session).toMatch(/;\s*HttpOnly/i);
  expect(session).toMatch(/;\s*Secure/i);
  expect(session).toMatch(/;\s*SameSite=Lax/i);
  expect(session).toMatch(/;\s*Path=\//i);
});
