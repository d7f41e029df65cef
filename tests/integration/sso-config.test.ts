// Sign-in methods come from the environment: what the login page offers, and the
// start-up errors for settings that would leave a provider half configured or nobody
// able to sign in. (No database or network needed; kept beside the other SSO tests.)
import { describe, expect, it } from "vitest";
import { NextRequest } from "next/server";
import { safeCallbackPath } from "@/app/(auth)/login/safe-path";
import { withRequestOrigin } from "@/lib/auth/request-origin";
import { parseEnv, resetEnvCache } from "@/lib/platform/env";
import { mappedRole, parseRoleMap } from "@/lib/auth/role-mapping";
import { passwordLoginEnabled, ssoProviders, ssoSettings } from "@/lib/auth/sso-providers";
import { emailIsVerified } from "@/lib/auth/sso-sign-in";

const OKTA = { AUTH_OIDC_ISSUER: "https://example.okta.com", AUTH_OIDC_CLIENT_ID: "abc", AUTH_OIDC_CLIENT_SECRET: "shh", AUTH_OIDC_NAME: "Okta" };
const ENTRA = {
  AUTH_MICROSOFT_ENTRA_ID_ID: "app-id",
  AUTH_MICROSOFT_ENTRA_ID_SECRET: "shh",
  AUTH_MICROSOFT_ENTRA_ID_ISSUER: "https://login.microsoftonline.com/0b6f2a4e-1111-2222-3333-444455556666/v2.0",
};

describe("sign-in methods from the environment", () => {
  it("offers only the password form by default", () => {
    const env = parseEnv({});
    expect(passwordLoginEnabled(env)).toBe(true);
    expect(ssoProviders(env)).toEqual([]);
    expect(ssoSettings(env)).toEqual({ unknownUsers: "refuse", roleMapping: null });
  });

  it("lists each fully configured provider, and password sign-in can be switched off", () => {
    const env = parseEnv({ ...OKTA, ...ENTRA, AUTH_GOOGLE_ID: "g", AUTH_GOOGLE_SECRET: "s", AUTH_PASSWORD_LOGIN: "false" });
    expect(passwordLoginEnabled(env)).toBe(false);
    expect(ssoProviders(env).map((p) => [p.id, p.name, p.issuer])).toEqual([
      ["oidc", "Okta", "https://example.okta.com"],
      ["google", "Google", "https://accounts.google.com"],
      ["microsoft-entra-id", "Microsoft", ENTRA.AUTH_MICROSOFT_ENTRA_ID_ISSUER],
    ]);
  });

  it("names what is missing or wrong", () => {
    expect(() => parseEnv({ AUTH_OIDC_ISSUER: "https://example.okta.com" })).toThrow(/AUTH_OIDC_CLIENT_ID: is needed with AUTH_OIDC_ISSUER/);
    expect(() => parseEnv({ AUTH_GOOGLE_SECRET: "s" })).toThrow(/AUTH_GOOGLE_ID: is needed with AUTH_GOOGLE_SECRET/);
    expect(() => parseEnv({ AUTH_PASSWORD_LOGIN: "false" })).toThrow(/AUTH_PASSWORD_LOGIN: false leaves no way to sign in/);
    expect(() => parseEnv({ AUTH_PASSWORD_LOGIN: "maybe" })).toThrow(/AUTH_PASSWORD_LOGIN: must be true or false/);
    expect(() => parseEnv({ ...ENTRA, AUTH_MICROSOFT_ENTRA_ID_ISSUER: "https://login.microsoftonline.com/common/v2.0" })).toThrow(/AUTH_MICROSOFT_ENTRA_ID_ISSUER: must name your tenant/);
    expect(() => parseEnv({ ...OKTA, AUTH_OIDC_ISSUER: "http://idp.example.com" })).toThrow(/AUTH_OIDC_ISSUER: must be an https URL/);
    expect(() => parseEnv({ AUTH_SSO_UNKNOWN_USERS: "admin" })).toThrow(/AUTH_SSO_UNKNOWN_USERS: must be refuse or pending/);
    expect(() => parseEnv({ AUTH_SSO_ROLE_CLAIM: "groups" })).toThrow(/AUTH_SSO_ROLE_MAP: is needed/);
    expect(() => parseEnv({ AUTH_SSO_ROLE_CLAIM: "groups", AUTH_SSO_ROLE_MAP: "staff=boss" })).toThrow(/AUTH_SSO_ROLE_MAP: "boss" in "staff=boss" is not agent/);
  });
});

describe("a verified e-mail", () => {
  it("is what the provider says: email_verified, or for Entra ID the xms_edov claim", () => {
    expect(emailIsVerified({ id: "google" }, { email_verified: true })).toBe(true);
    expect(emailIsVerified({ id: "oidc" }, { email_verified: "true" })).toBe(true);
    expect(emailIsVerified({ id: "oidc" }, { email_verified: false })).toBe(false);
    expect(emailIsVerified({ id: "oidc" }, {})).toBe(false);
    expect(emailIsVerified({ id: "microsoft-entra-id" }, { email: "a@example.com" })).toBe(false);
    expect(emailIsVerified({ id: "microsoft-entra-id" }, { email: "a@example.com", xms_edov: true })).toBe(true);
  });
});

describe("role mapping", () => {
  const map = parseRoleMap("csa-agents=agent; csa-supervisors=supervisor;cn=admins,ou=groups=admin");
  it("takes the highest mapped value of a list, string or nested claim", () => {
    expect(mappedRole({ groups: ["csa-supervisors", "csa-agents"] }, "groups", map)).toBe("supervisor");
    expect(mappedRole({ groups: "cn=admins,ou=groups" }, "groups", map)).toBe("admin");
    expect(mappedRole({ realm_access: { roles: ["csa-agents"] } }, "realm_access.roles", map)).toBe("agent");
  });
  it("reads the comma-separated form", () => {
    expect([...parseRoleMap("a=agent, b=admin")]).toEqual([["a", "agent"], ["b", "admin"]]);
  });
  it("maps nothing when no value is known", () => {
    expect(mappedRole({ groups: ["sales"] }, "groups", map)).toBeNull();
    expect(mappedRole({}, "groups", map)).toBeNull();
  });
});

describe("next-auth's own provider list follows the settings", () => {
  // The real next-auth instance answering GET /api/auth/providers, as the browser would ask it.
  async function providerIds(settings: Record<string, string>): Promise<string[]> {
    const saved = { ...process.env };
    Object.assign(process.env, { AUTH_SECRET: "x".repeat(40), ...settings });
    resetEnvCache();
    try {
      const { handlers } = await import("@/lib/auth");
      const response = await handlers.GET(new NextRequest("http://127.0.0.1:3999/api/auth/providers"));
      expect(response.status).toBe(200);
      return Object.keys((await response.json()) as Record<string, unknown>);
    } finally {
      process.env = saved;
      resetEnvCache();
    }
  }

  it("has the password provider unless AUTH_PASSWORD_LOGIN=false, and each configured SSO provider", async () => {
    expect(await providerIds({})).toEqual(["credentials"]);
    expect(await providerIds({ ...OKTA, ...ENTRA })).toEqual(["credentials", "oidc", "microsoft-entra-id"]);
    expect(await providerIds({ ...OKTA, AUTH_PASSWORD_LOGIN: "false" })).toEqual(["oidc"]);
  });
});

describe("the auth route's origin", () => {
  it("is the one the browser used (Host / X-Forwarded-*), not Next.js's listening address", () => {
    const inner = new Request("http://localhost:3000/api/auth/callback/oidc?code=1", { headers: { host: "127.0.0.1:3000" } });
    expect(withRequestOrigin(inner, {}).url).toBe("http://127.0.0.1:3000/api/auth/callback/oidc?code=1");
    const proxied = new Request("http://localhost:3000/api/auth/signin", { headers: { host: "localhost:3000", "x-forwarded-host": "csa.example.com", "x-forwarded-proto": "https" } });
    expect(withRequestOrigin(proxied, {}).url).toBe("https://csa.example.com/api/auth/signin");
    // With AUTH_URL next-auth decides.
    expect(withRequestOrigin(inner, { AUTH_URL: "https://csa.example.com" })).toBe(inner);
  });
});

describe("the page after signing in", () => {
  it.each<[string | undefined, string]>([
    ["http://127.0.0.1:3000/review?x=1", "/review?x=1"],
    ["/tasks", "/tasks"],
    ["https://evil.example/phish", "/phish"],
    ["//evil.example/phish", "/phish"],
    ["/\\evil.example", "/"],
    [undefined, "/"],
  ])("stays on this site: %s → %s", (callbackUrl, path) => {
    expect(safeCallbackPath(callbackUrl)).toBe(path);
  });
});

describe("the auth route's callback URL", () => {
  // next-auth takes a callbackUrl (query or cookie) that is not an http(s) URL for a server
  // misconfiguration and answered 500; the route answers the client's mistake with a 400.
  async function status(path: string, cookie?: string): Promise<[number, string]> {
    const saved = { ...process.env };
    Object.assign(process.env, { AUTH_SECRET: "x".repeat(40) });
    resetEnvCache();
    try {
      const { GET } = await import("@/app/api/auth/[...nextauth]/route");
      const response = await GET(new NextRequest(`http://127.0.0.1:3999${path}`, { headers: cookie ? { cookie } : {} }));
      return [response.status, await response.text()];
    } finally {
      process.env = saved;
      resetEnvCache();
    }
  }

  it("is refused with a 400 when next-auth would call it a configuration error, and passed on otherwise", async () => {
    for (const bad of ["x", "%25", "javascript:alert(1)"]) {
      const [code, body] = await status(`/api/auth/session?callbackUrl=${bad}`);
      expect(code, bad).toBe(400);
      expect(JSON.parse(body)).toMatchObject({ error: { code: "bad_request:callback_url" } });
    }
    expect((await status("/api/auth/session?callbackUrl=/tasks&callbackUrl=x"))[0]).toBe(400);
    expect((await status("/api/auth/session", "authjs.callback-url=javascript%3Aalert(1)"))[0]).toBe(400);
    expect((await status("/api/auth/session?callbackUrl=/tasks"))[0]).toBe(200);
    expect((await status("/api/auth/session?callbackUrl=https%3A%2F%2Fevil.example%2F"))[0]).toBe(200);
    expect((await status("/api/auth/session", "authjs.callback-url=%2Ftasks"))[0]).toBe(200);
    expect((await status("/api/auth/session?callbackUrl=%2Ftasks%3Fx%3D1"))[0]).toBe(200);
    expect((await status("/api/auth/session?callbackUrl=http%3A%2F%2F127.0.0.1%3A3999%2Ftasks"))[0]).toBe(200);
  });

  it("is left to next-auth on the pages a browser opens, which send a bad one to the login page's message", async () => {
    const [code] = await status("/api/auth/signin?callbackUrl=x");
    expect(code).toBe(302);
  });
});
