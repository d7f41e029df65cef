// Password sign-in switched off (AUTH_PASSWORD_LOGIN=false, single sign-on only): the
// login page the production server renders has no password form, and next-auth's
// password callback signs nobody in, even with a right password. The identity provider
// is configured but never contacted (rendering the page and refusing the password need
// no provider), so its issuer is a name that does not resolve.
import { describe, expect, it } from "vitest";
import { appForSuite, authCsrf, suitePort } from "./support/harness";
import { E2E_PASSWORD, E2E_USERS } from "../e2e/users";

const PORT = suitePort(70);

describe("login page with AUTH_PASSWORD_LOGIN=false", () => {
  const suite = appForSuite({
    port: PORT,
    tasks: 5,
    env: {
      WEB_CONCURRENCY: "1",
      AUTH_PASSWORD_LOGIN: "false",
      AUTH_OIDC_ISSUER: "https://idp.example.invalid",
      AUTH_OIDC_CLIENT_ID: "csa",
      AUTH_OIDC_CLIENT_SECRET: "not-used",
      AUTH_OIDC_NAME: "Okta",
    },
  });

  it("offers single sign-on only: no password field, no password sign-in", async () => {
    const res = await fetch(`${suite.app.url}/login`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html.replaceAll("<!-- -->", "")).toContain("Continue with Okta</button>");
    // The password form (components/login-form.tsx) and its pieces are not rendered.
    expect(html).not.toMatch(/<input[^>]*type="password"/);
    expect(html).not.toMatch(/<input[^>]*name="password"/);
    expect(html).not.toMatch(/<input[^>]*name="email"/);
    expect(html).not.toMatch(/>Sign in<\/button>/);
    expect(html).not.toContain("or with your password");

    // And the password endpoint itself does not sign anyone in.
    const csrf = await authCsrf(suite.app.url);
    const signIn = await fetch(`${suite.app.url}/api/auth/callback/credentials`, {
      method: "POST",
      redirect: "manual",
      headers: { "content-type": "application/x-www-form-urlencoded", cookie: csrf.cookie },
      body: new URLSearchParams({ csrfToken: csrf.token, email: E2E_USERS.supervisor.email, password: E2E_PASSWORD }),
    });
    expect(signIn.status).toBeLessThan(500);
    expect(signIn.headers.getSetCookie().filter((c) => c.startsWith("authjs.session-token="))).toEqual([]);
  });
});
