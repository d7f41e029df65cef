// Sign-in methods come from the environment: what the login page offers, and the
// start-up errors for settings that would leave a provider half configured or nobody
// able to sign in. (No database or network needed; kept beside the other SSO tests.)
import { describe, expect, it } from "vitest";
import { parseEnv } from "@/lib/env";
import { mappedRole, parseRoleMap } from "@/lib/auth/role-mapping";
import { passwordLoginEnabled, ssoProviders, ssoSettings } from "@/lib/auth/sso-providers";

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
