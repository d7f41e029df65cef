// What the browser tests' app server and tests/e2e/sso.spec.ts agree on: the test
// identity provider's port and client, the sign-in settings, and the users the server
// creates for single sign-on.
export const E2E_OIDC = {
  name: "Test IdP",
  clientId: "csa-e2e",
  clientSecret: "csa-e2e-client-secret",
  roleClaim: "groups",
  roleMap: "csa-agents=agent,csa-supervisors=supervisor",
} as const;

/** The identity provider listens beside the app (the emotion server has app port + 1). */
export function e2eOidcPort(appPort: number): number {
  return appPort + 2;
}

export function e2eAppPort(): number {
  return Number(process.env.E2E_PORT ?? 3100);
}

/** The app's settings for single sign-on in the browser tests; password sign-in stays on. */
export function e2eSsoEnv(appPort: number): Record<string, string> {
  return {
    AUTH_OIDC_ISSUER: `http://127.0.0.1:${e2eOidcPort(appPort)}`,
    AUTH_OIDC_CLIENT_ID: E2E_OIDC.clientId,
    AUTH_OIDC_CLIENT_SECRET: E2E_OIDC.clientSecret,
    AUTH_OIDC_NAME: E2E_OIDC.name,
    AUTH_SSO_UNKNOWN_USERS: "pending",
    AUTH_SSO_ROLE_CLAIM: E2E_OIDC.roleClaim,
    AUTH_SSO_ROLE_MAP: E2E_OIDC.roleMap,
  };
}

/** Users who exist before they first sign in through the identity provider. */
export const E2E_SSO_USERS = {
  supervisor: { email: "sso-supervisor@e2e.test", name: "Sasha Single-Sign-On", role: "supervisor", active: true },
  demoted: { email: "sso-demoted@e2e.test", name: "Dana Demoted", role: "supervisor", active: true },
  grouped: { email: "sso-grouped@e2e.test", name: "Gale Grouped", role: "agent", active: true },
  deactivated: { email: "sso-deactivated@e2e.test", name: "Dee Deactivated", role: "agent", active: false },
} as const;
