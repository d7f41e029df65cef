// The full next-auth instance: e-mail + password credentials checked against the users
// table (unless AUTH_PASSWORD_LOGIN=false) and the single sign-on providers configured
// in the environment. JWT sessions carry the user's id and role; lib/auth/session.ts
// re-reads both from the database on every request, whichever way the user signed in.
import NextAuth, { type NextAuthConfig } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import Google from "next-auth/providers/google";
import MicrosoftEntraID from "next-auth/providers/microsoft-entra-id";
import type { Provider } from "next-auth/providers";
import { endUserSessions } from "@/db/queries/users";
import { clientAddress } from "@/lib/platform/client-address";
import { authConfig } from "./config";
import { authenticate } from "./credentials";
import { passwordLoginEnabled, ssoProviders, ssoSettings, type SsoProvider } from "./sso-providers";
import { signInWithIdToken } from "./sso-sign-in";


// Only the ID token's claims are used (the identity is resolved in the signIn callback);
// the default Entra profile would also fetch a photo from Microsoft Graph.
const profileFromClaims = (claims: object) => {
  const c = claims as Record<string, unknown>;
  return { id: String(c.sub), name: typeof c.name === "string" ? c.name : null, email: typeof c.email === "string" ? c.email : null };
};

function nextAuthProvider(p: SsoProvider): Provider {
  const common = {
    clientId: p.clientId,
    clientSecret: p.clientSecret,
    issuer: p.issuer,
    checks: ["pkce", "state", "nonce"] as ("pkce" | "state" | "nonce")[],
    profile: profileFromClaims,
  };
  switch (p.id) {
    case "google":
      return Google({ ...common, authorization: { params: { scope: p.scope, ...(p.hostedDomain ? { hd: p.hostedDomain } : {}) } } });
    case "microsoft-entra-id":
      return MicrosoftEntraID({ ...common, authorization: { params: { scope: p.scope } } });
    case "oidc":
      return { id: "oidc", name: p.name, type: "oidc", ...common, authorization: { params: { scope: p.scope } } };
  }
}

function buildConfig(): NextAuthConfig {
  const sso = ssoProviders();
  const providers: Provider[] = sso.map(nextAuthProvider);
  if (passwordLoginEnabled()) {
    providers.unshift(
      Credentials({
        credentials: { email: { label: "E-mail", type: "email" }, password: { label: "Password", type: "password" } },
        authorize: (credentials, request) => authenticate(credentials, request ? clientAddress(request.headers) : null),
      }),
    );
  }
  return {
    ...authConfig,
    // Failed single sign-ons come back to the login page with ?error=… (never next-auth's own page).
    pages: { ...authConfig.pages, error: "/login" },
    providers,
    events: {
      // Sign-out ends the session on the server too, whichever way it came (the portal's
      // button, or next-auth's own /api/auth/signout): every session of the user signed in
      // until now is refused from here on (users.sessions_valid_after, read on every
      // request), so a copy of the cookie cannot be replayed for the rest of its 12 h.
      async signOut(message) {
        const uid = "token" in message ? Number(message.token?.uid) : NaN;
        if (Number.isInteger(uid) && uid > 0) await endUserSessions({ id: uid });
      },
    },
    callbacks: {
      ...authConfig.callbacks,
      async signIn({ user, account }) {
        if (!account || account.type === "credentials") return true;
        const provider = sso.find((p) => p.id === account.provider);
        if (!provider || typeof account.id_token !== "string") return "/login?error=sso_invalid_token";
        const outcome = await signInWithIdToken({ provider, idToken: account.id_token, settings: ssoSettings() });
        if (!outcome.ok) return `/login?error=sso_${outcome.reason}`;
        // The session is the portal's user, not the provider's profile: the jwt callback
        // stores this id and role.
        Object.assign(user, { id: String(outcome.user.id), role: outcome.user.role, name: outcome.user.name, email: outcome.user.email });
        return true;
      },
    },
  };
}

// A function, so the environment is read when a request needs it (not while `next build`
// collects pages) and a test that changes a setting gets a fresh configuration.
export const { handlers, auth, signIn, signOut } = NextAuth(() => buildConfig());
