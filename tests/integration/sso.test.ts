// Single sign-on against a real OpenID Connect provider on loopback (oidc-provider, in
// this process): the ID token checks, account linking, unknown and deactivated users,
// and role mapping, on a real libSQL database. The browser flow is tests/e2e/sso.spec.ts.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { auditLog, userIdentities, users } from "@/db/schema";
import { findUserByEmail } from "@/db/queries/users";
import { IdTokenError, verifyIdToken } from "@/lib/auth/id-token";
import { parseRoleMap } from "@/lib/auth/role-mapping";
import type { SsoProvider, SsoSettings } from "@/lib/auth/sso-providers";
import { signInWithIdToken } from "@/lib/auth/sso-sign-in";
import { changeUser, createUser } from "@/lib/admin/users";
import { startTestIdp, subjectFor, type TestIdp } from "../support/oidc-provider";
import { unique, useFreshDatabase } from "../support/temp-db";

const CLIENT = { clientId: "csa-test", clientSecret: "test-secret-123456", redirectUris: ["http://127.0.0.1:9/api/auth/callback/oidc"] };
let idp: TestIdp;
let provider: SsoProvider;
let adminId: number;

const refuseUnknown: SsoSettings = { unknownUsers: "refuse", roleMapping: null };
const pendingUnknown: SsoSettings = { unknownUsers: "pending", roleMapping: null };
const mapped: SsoSettings = {
  unknownUsers: "pending",
  roleMapping: { claim: "groups", map: parseRoleMap("csa-agents=agent,csa-supervisors=supervisor,csa-admins=admin") },
};

beforeAll(async () => {
  await useFreshDatabase();
  idp = await startTestIdp({ client: CLIENT });
  provider = { id: "oidc", name: "Test IdP", issuer: idp.issuer, acceptedIssuers: [idp.issuer], clientId: CLIENT.clientId, clientSecret: CLIENT.clientSecret, scope: "openid profile email" };
  adminId = (await createUser({ email: `${unique("admin")}@example.test`, name: "Admin", password: "a-long-password-1", role: "admin" }, null)).id;
});

afterAll(async () => {
  await idp?.close();
});

/** An ID token as the provider issues it for this e-mail, signed with its own key. */
async function idTokenFor(email: string, extra: Record<string, unknown> = {}, options?: Parameters<TestIdp["signIdToken"]>[1]) {
  const now = Math.floor(Date.now() / 1000);
  return idp.signIdToken(
    { iss: idp.issuer, aud: CLIENT.clientId, sub: subjectFor(email), email, email_verified: true, name: "Pat Person", iat: now, exp: now + 600, ...extra },
    options,
  );
}

async function staff(role: "agent" | "supervisor" | "admin", active = true) {
  const email = `${unique(role)}@example.test`;
  const user = await createUser({ email, name: `A ${role}`, password: "a-long-password-1", role }, null);
  if (!active) await changeUser({ id: user.id, active: false }, adminId);
  return { email, id: user.id };
}

describe("ID token checks", () => {
  it("accepts a token signed by the provider for this client", async () => {
    const claims = await verifyIdToken({ idToken: await idTokenFor("a@example.test"), issuer: idp.issuer, clientId: CLIENT.clientId });
    expect(claims).toMatchObject({ sub: subjectFor("a@example.test"), email: "a@example.test" });
  });

  it("refuses a token whose claims were changed after signing", async () => {
    const [header, payload, signature] = (await idTokenFor("nobody@example.test")).split(".");
    const forged = { ...JSON.parse(Buffer.from(payload, "base64url").toString()), email: "admin@example.test" };
    const tampered = `${header}.${Buffer.from(JSON.stringify(forged)).toString("base64url")}.${signature}`;
    await expect(verifyIdToken({ idToken: tampered, issuer: idp.issuer, clientId: CLIENT.clientId })).rejects.toThrow(IdTokenError);
  });

  it("refuses an expired token, a token for another client or issuer, and one signed with another key", async () => {
    const now = Math.floor(Date.now() / 1000);
    const check = async (idToken: string) => verifyIdToken({ idToken, issuer: idp.issuer, clientId: CLIENT.clientId });
    await expect(check(await idTokenFor("b@example.test", { iat: now - 7200, exp: now - 3600 }))).rejects.toThrow(/exp/);
    await expect(check(await idTokenFor("b@example.test", { aud: "someone-else" }))).rejects.toThrow(/aud/);
    await expect(check(await idTokenFor("b@example.test", { iss: "http://127.0.0.1:1" }))).rejects.toThrow(/iss/);
    await expect(check(await idTokenFor("b@example.test", {}, { key: "foreign" }))).rejects.toThrow(/signature/);
    const unsigned = `${Buffer.from(JSON.stringify({ alg: "none" })).toString("base64url")}.${(await idTokenFor("b@example.test")).split(".")[1]}.`;
    await expect(check(unsigned)).rejects.toThrow(IdTokenError);
  });

  it("a refused token signs nobody in, even when it names an existing admin", async () => {
    const admin = await staff("admin");
    const forgedFor = await idTokenFor(admin.email, {}, { key: "foreign" });
    expect(await signInWithIdToken({ provider, idToken: forgedFor, settings: refuseUnknown })).toEqual({ ok: false, reason: "invalid_token" });
    const links = await getDb().select().from(userIdentities).where(eq(userIdentities.userId, admin.id));
    expect(links).toHaveLength(0);
  });
});

describe("account linking", () => {
  it("links a verified e-mail to the existing user, who keeps their role, and later matches on the subject", async () => {
    const sup = await staff("supervisor");
    const first = await signInWithIdToken({ provider, idToken: await idTokenFor(sup.email.toUpperCase()), settings: refuseUnknown });
    expect(first).toEqual({ ok: true, user: expect.objectContaining({ id: sup.id, role: "supervisor", email: sup.email }) });
    const [link] = await getDb().select().from(userIdentities).where(eq(userIdentities.userId, sup.id));
    expect(link).toMatchObject({ provider: "oidc", issuer: idp.issuer, subject: subjectFor(sup.email.toUpperCase()) });
    expect(link.lastSignInAt).toBeInstanceOf(Date);
    expect((await findUserByEmail({ email: sup.email }))?.lastSignInAt).toBeInstanceOf(Date);

    // The provider now reports another, unverified e-mail for the same subject: still the same user.
    const renamed = await idTokenFor(sup.email.toUpperCase(), { email: `${unique("renamed")}@example.test`, email_verified: false });
    const second = await signInWithIdToken({ provider, idToken: renamed, settings: refuseUnknown });
    expect(second.ok && second.user.id).toBe(sup.id);
  });

  it("does not link an e-mail the provider has not verified", async () => {
    const agent = await staff("agent");
    const outcome = await signInWithIdToken({ provider, idToken: await idTokenFor(agent.email, { email_verified: false }), settings: refuseUnknown });
    expect(outcome).toEqual({ ok: false, reason: "unverified_email" });
    expect(await getDb().select().from(userIdentities).where(eq(userIdentities.userId, agent.id))).toHaveLength(0);
  });

  it("refuses a deactivated user, whether matched by e-mail or by an earlier link", async () => {
    const byEmail = await staff("supervisor", false);
    expect(await signInWithIdToken({ provider, idToken: await idTokenFor(byEmail.email), settings: pendingUnknown })).toEqual({ ok: false, reason: "deactivated" });

    const linked = await staff("agent");
    expect((await signInWithIdToken({ provider, idToken: await idTokenFor(linked.email), settings: refuseUnknown })).ok).toBe(true);
    await changeUser({ id: linked.id, active: false }, adminId);
    expect(await signInWithIdToken({ provider, idToken: await idTokenFor(linked.email), settings: refuseUnknown })).toEqual({ ok: false, reason: "deactivated" });
  });
});

describe("unknown e-mails", () => {
  it("are refused when the setting says refuse, and no user is created", async () => {
    const email = `${unique("stranger")}@example.test`;
    expect(await signInWithIdToken({ provider, idToken: await idTokenFor(email), settings: refuseUnknown })).toEqual({ ok: false, reason: "unknown" });
    expect(await findUserByEmail({ email })).toBeUndefined();
  });

  it("become an inactive agent awaiting approval when the setting says pending — whatever groups they claim", async () => {
    const email = `${unique("newcomer")}@example.test`;
    const token = await idTokenFor(email, { groups: ["csa-admins"], name: "New Comer" });
    expect(await signInWithIdToken({ provider, idToken: token, settings: mapped })).toEqual({ ok: false, reason: "pending" });
    const createdUser = await findUserByEmail({ email });
    expect(createdUser).toMatchObject({ role: "agent", active: false, approvalPending: true, name: "New Comer", passwordHash: null });
    // Trying again changes nothing and makes no second user.
    expect(await signInWithIdToken({ provider, idToken: token, settings: mapped })).toEqual({ ok: false, reason: "pending" });
    expect(await getDb().select().from(users).where(eq(users.email, email))).toHaveLength(1);
    // The request is in the audit log once, as made by no one but the provider.
    const created = await getDb().select().from(auditLog).where(and(eq(auditLog.action, "user.create"), eq(auditLog.target, `user:${createdUser!.id}`)));
    expect(created).toHaveLength(1);
    expect(created[0]).toMatchObject({ actorId: null, details: { email, role: "agent", source: "sso:oidc", approvalPending: true } });

    // An admin's activation approves them; from then on the role mapping applies like for anyone.
    const approved = await changeUser({ id: createdUser!.id, active: true }, adminId);
    expect(approved.approvalPending).toBe(false);
    const after = await signInWithIdToken({ provider, idToken: await idTokenFor(email, { groups: ["csa-supervisors"] }), settings: mapped });
    expect(after).toEqual({ ok: true, user: expect.objectContaining({ id: createdUser!.id, role: "supervisor" }) });
  });
});

describe("role mapping", () => {
  it("gives a linked user the highest role their groups map to, audited; unmapped groups leave the role alone", async () => {
    const agent = await staff("agent");
    const promoted = await signInWithIdToken({ provider, idToken: await idTokenFor(agent.email, { groups: ["other", "csa-agents", "csa-supervisors"] }), settings: mapped });
    expect(promoted.ok && promoted.user.role).toBe("supervisor");
    expect((await findUserByEmail({ email: agent.email }))?.role).toBe("supervisor");
    const [entry] = await getDb().select().from(auditLog).where(and(eq(auditLog.action, "user.role"), eq(auditLog.target, `user:${agent.id}`)));
    expect(entry.details).toMatchObject({ source: "sso:oidc", before: { role: "agent" }, after: { role: "supervisor" } });

    const unmapped = await signInWithIdToken({ provider, idToken: await idTokenFor(agent.email, { groups: ["sales"] }), settings: mapped });
    expect(unmapped.ok && unmapped.user.role).toBe("supervisor");
    // Without a configured mapping the claim means nothing.
    const ignored = await signInWithIdToken({ provider, idToken: await idTokenFor(agent.email, { groups: ["csa-admins"] }), settings: refuseUnknown });
    expect(ignored.ok && ignored.user.role).toBe("supervisor");
  });

  it("never takes the rights of the last active admin away", async () => {
    // A database of its own, where exactly one admin exists.
    await useFreshDatabase();
    const only = await createUser({ email: `${unique("only")}@example.test`, name: "Only Admin", password: "a-long-password-1", role: "admin" }, null);
    const outcome = await signInWithIdToken({ provider, idToken: await idTokenFor(only.email, { groups: ["csa-agents"] }), settings: mapped });
    expect(outcome.ok && outcome.user.role).toBe("admin");
    expect((await findUserByEmail({ email: only.email }))?.role).toBe("admin");
    expect(await getDb().select().from(auditLog).where(eq(auditLog.target, `user:${only.id}`))).toHaveLength(1); // only its creation
  });
});
