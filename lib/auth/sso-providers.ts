// The single sign-on providers and settings the environment configures (README "Single
// sign-on"). The login page shows exactly these, plus the password form unless
// AUTH_PASSWORD_LOGIN=false.
import { env, type Env } from "@/lib/platform/env";
import { parseRoleMap, type RoleMap } from "./role-mapping";

export type SsoProviderId = "oidc" | "google" | "microsoft-entra-id";

export type SsoProvider = {
  id: SsoProviderId;
  /** Shown on the login button and on /users. */
  name: string;
  issuer: string;
  /** `iss` values an ID token of this provider may carry (Google uses two spellings). */
  acceptedIssuers: string[];
  clientId: string;
  clientSecret: string;
  scope: string;
  /** Google Workspace: only accounts of this domain (`hd` claim). */
  hostedDomain?: string;
};

export function ssoProviders(e: Env = env()): SsoProvider[] {
  const list: SsoProvider[] = [];
  if (e.AUTH_OIDC_ISSUER && e.AUTH_OIDC_CLIENT_ID && e.AUTH_OIDC_CLIENT_SECRET) {
    list.push({
      id: "oidc",
      name: e.AUTH_OIDC_NAME,
      issuer: e.AUTH_OIDC_ISSUER,
      acceptedIssuers: [e.AUTH_OIDC_ISSUER],
      clientId: e.AUTH_OIDC_CLIENT_ID,
      clientSecret: e.AUTH_OIDC_CLIENT_SECRET,
      scope: e.AUTH_OIDC_SCOPE,
    });
  }
  if (e.AUTH_GOOGLE_ID && e.AUTH_GOOGLE_SECRET) {
    list.push({
      id: "google",
      name: "Google",
      issuer: "https://accounts.google.com",
      acceptedIssuers: ["https://accounts.google.com", "accounts.google.com"],
      clientId: e.AUTH_GOOGLE_ID,
      clientSecret: e.AUTH_GOOGLE_SECRET,
      scope: "openid profile email",
      hostedDomain: e.AUTH_GOOGLE_HOSTED_DOMAIN,
    });
  }
  if (e.AUTH_MICROSOFT_ENTRA_ID_ID && e.AUTH_MICROSOFT_ENTRA_ID_SECRET && e.AUTH_MICROSOFT_ENTRA_ID_ISSUER) {
    list.push({
      id: "microsoft-entra-id",
      name: "Microsoft",
      issuer: e.AUTH_MICROSOFT_ENTRA_ID_ISSUER,
      acceptedIssuers: [e.AUTH_MICROSOFT_ENTRA_ID_ISSUER],
      clientId: e.AUTH_MICROSOFT_ENTRA_ID_ID,
      clientSecret: e.AUTH_MICROSOFT_ENTRA_ID_SECRET,
      scope: "openid profile email",
    });
  }
  return list;
}

export function passwordLoginEnabled(e: Env = env()): boolean {
  return e.AUTH_PASSWORD_LOGIN;
}

export type SsoSettings = {
  /** What a verified e-mail that matches no user gets: refused, or an inactive agent awaiting approval. */
  unknownUsers: "refuse" | "pending";
  roleMapping: { claim: string; map: RoleMap } | null;
};

export function ssoSettings(e: Env = env()): SsoSettings {
  return {
    unknownUsers: e.AUTH_SSO_UNKNOWN_USERS,
    roleMapping: e.AUTH_SSO_ROLE_CLAIM && e.AUTH_SSO_ROLE_MAP ? { claim: e.AUTH_SSO_ROLE_CLAIM, map: parseRoleMap(e.AUTH_SSO_ROLE_MAP) } : null,
  };
}

/** The name to show for a provider id stored with an identity (it may no longer be configured). */
export function providerLabel(id: string, e: Env = env()): string {
  const configured = ssoProviders(e).find((p) => p.id === id);
  if (configured) return configured.name;
  return { oidc: "Single sign-on", google: "Google", "microsoft-entra-id": "Microsoft" }[id] ?? id;
}
