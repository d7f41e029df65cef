// What a single sign-on leads to: the verified ID token is matched to a user — first by
// the provider's stable subject, else (first sign-in) by the e-mail the provider says it
// verified. Unknown e-mails are refused or become inactive agents awaiting an admin's
// approval; nobody gets supervisor or admin rights by appearing. A deactivated user is
// refused here exactly as the password form refuses them.
import { findUserByEmail } from "@/db/queries/users";
import { findUserByIdentity, insertPendingSsoUser, recordIdentitySignIn } from "@/db/queries/user-identities";
import type { Role, User } from "@/db/schema";
import { logger } from "@/lib/platform/logger";
import { IdTokenError, verifyIdToken } from "./id-token";
import { mappedRole } from "./role-mapping";
import type { SsoProvider, SsoSettings } from "./sso-providers";

export const SSO_REFUSALS = ["invalid_token", "unverified_email", "wrong_domain", "unknown", "pending", "deactivated"] as const;
export type SsoRefusal = (typeof SSO_REFUSALS)[number];

export type SsoOutcome = { ok: true; user: Pick<User, "id" | "email" | "name" | "role"> } | { ok: false; reason: SsoRefusal };

type Claims = Record<string, unknown> & { sub: string };

const isTrue = (v: unknown) => v === true || v === "true";

/**
 * Whether the provider vouches for the e-mail. Google and standard OIDC say so in
 * `email_verified`; Entra ID does not send that claim, but its optional `xms_edov`
 * claim says the e-mail's domain is verified by the tenant (README: add it).
 */
export function emailIsVerified(provider: Pick<SsoProvider, "id">, claims: Record<string, unknown>): boolean {
  if (provider.id === "microsoft-entra-id") return isTrue(claims.xms_edov) || isTrue(claims.email_verified);
  return isTrue(claims.email_verified);
}

function displayName(claims: Record<string, unknown>, email: string): string {
  for (const key of ["name", "preferred_username", "given_name"]) {
    const value = claims[key];
    if (typeof value === "string" && value.trim()) return value.trim().slice(0, 120);
  }
  return email;
}

function refuse(reason: SsoRefusal, provider: SsoProvider, userId?: number): SsoOutcome {
  logger.info("single sign-on refused", { provider: provider.id, reason, userId });
  return { ok: false, reason };
}

/** Matches verified claims to a user and records the sign-in (see the module comment). */
export async function resolveSsoUser({
  provider,
  claims,
  settings,
}: {
  provider: SsoProvider;
  claims: Claims;
  settings: SsoSettings;
}): Promise<SsoOutcome> {
  if (provider.hostedDomain && claims.hd !== provider.hostedDomain) return refuse("wrong_domain", provider);
  const email = typeof claims.email === "string" ? claims.email.trim().toLowerCase() : "";
  const key = { issuer: provider.issuer, subject: claims.sub };

  let user = await findUserByIdentity(key);
  if (!user) {
    if (!email || !emailIsVerified(provider, claims)) return refuse("unverified_email", provider);
    user = await findUserByEmail({ email });
  }
  if (!user) {
    if (settings.unknownUsers === "refuse") return refuse("unknown", provider);
    const created = await insertPendingSsoUser({ ...key, provider: provider.id, email, name: displayName(claims, email) });
    logger.info("single sign-on: new user waiting for approval", { provider: provider.id, userId: created?.id });
    return { ok: false, reason: "pending" };
  }
  if (!user.active) return refuse(user.approvalPending ? "pending" : "deactivated", provider, user.id);

  let newRole: { from: Role; to: Role } | undefined;
  if (settings.roleMapping) {
    const role = mappedRole(claims, settings.roleMapping.claim, settings.roleMapping.map);
    if (role && role !== user.role) newRole = { from: user.role, to: role };
  }
  const updated = await recordIdentitySignIn({ ...key, userId: user.id, provider: provider.id, email: email || user.email, newRole });
  // Deactivated between the read above and now: still refused.
  if (!updated || !updated.active) return refuse("deactivated", provider, user.id);
  if (newRole && updated.role !== newRole.to) logger.warn("single sign-on: mapped role not applied (last active admin)", { userId: user.id });
  return { ok: true, user: { id: updated.id, email: updated.email, name: updated.name, role: updated.role } };
}

/** The whole check for one ID token from `provider`: verify it, then resolve the user. */
export async function signInWithIdToken({
  provider,
  idToken,
  settings,
}: {
  provider: SsoProvider;
  idToken: string;
  settings: SsoSettings;
}): Promise<SsoOutcome> {
  let claims: Claims;
  try {
    claims = await verifyIdToken({ idToken, issuer: provider.issuer, acceptedIssuers: provider.acceptedIssuers, clientId: provider.clientId });
  } catch (error) {
    if (!(error instanceof IdTokenError)) throw error;
    logger.warn("single sign-on: ID token refused", { provider: provider.id, reason: error.message });
    return { ok: false, reason: "invalid_token" };
  }
  return resolveSsoUser({ provider, claims, settings });
}
