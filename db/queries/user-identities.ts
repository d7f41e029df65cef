// Single sign-on identities and the user rows a single sign-on touches. Every write
// that must happen together is one db.batch (no interactive transaction in the server).
import { and, asc, eq, sql } from "drizzle-orm";
import { getDb, type Database } from "../client";
import { auditLog, userIdentities, users, type Role, type User, type UserIdentity } from "../schema";

type IdentityKey = { issuer: string; subject: string };

export async function findUserByIdentity({ issuer, subject }: IdentityKey, db: Database = getDb()): Promise<User | undefined> {
  const [row] = await db
    .select({ user: users })
    .from(userIdentities)
    .innerJoin(users, eq(users.id, userIdentities.userId))
    .where(and(eq(userIdentities.issuer, issuer), eq(userIdentities.subject, subject)))
    .limit(1);
  return row?.user;
}

export async function listIdentities(db: Database = getDb()): Promise<UserIdentity[]> {
  return db.select().from(userIdentities).orderBy(asc(userIdentities.userId), asc(userIdentities.provider));
}

export type IdentitySignIn = IdentityKey & {
  userId: number;
  provider: string;
  email: string;
  /** The role the provider's group/role claim maps to, when it differs from the user's. */
  newRole?: { from: Role; to: Role };
};

/**
 * Records a successful single sign-on: links the identity (or refreshes its e-mail),
 * stamps both last sign-ins and applies a mapped role with its audit entry, all at once.
 * A mapped role never takes the last active admin's rights away (checked in the UPDATE).
 * Returns the user as stored afterwards.
 */
export async function recordIdentitySignIn(input: IdentitySignIn, db: Database = getDb()): Promise<User | undefined> {
  const now = new Date();
  const { userId, provider, issuer, subject, email, newRole } = input;
  const link = db
    .insert(userIdentities)
    .values({ userId, provider, issuer, subject, email, lastSignInAt: now })
    .onConflictDoUpdate({ target: [userIdentities.issuer, userIdentities.subject], set: { email, lastSignInAt: now, updatedAt: now } });
  const stamp = db.update(users).set({ lastSignInAt: now, approvalPending: false }).where(eq(users.id, userId));
  if (!newRole) {
    await db.batch([link, stamp]);
  } else {
    const otherAdmins = sql`(select count(*) from ${users} u where u.role = 'admin' and u.active = 1 and u.id <> ${userId})`;
    const keepsAnAdmin = newRole.from === "admin" ? sql`${otherAdmins} > 0` : sql`1 = 1`;
    const details = JSON.stringify({ email, source: `sso:${provider}`, before: { role: newRole.from }, after: { role: newRole.to } });
    await db.batch([
      link,
      stamp,
      db.update(users).set({ role: newRole.to }).where(and(eq(users.id, userId), eq(users.role, newRole.from), keepsAnAdmin)),
      // Audited only when the UPDATE above took effect.
      db.run(sql`insert into ${auditLog} (actor_id, action, target, details)
        select null, 'user.role', ${`user:${userId}`}, ${details}
        where exists (select 1 from ${users} where ${users.id} = ${userId} and ${users.role} = ${newRole.to})`),
    ]);
  }
  const [row] = await db.select().from(users).where(eq(users.id, userId)).limit(1);
  return row;
}

/**
 * Creates the inactive, approval-pending agent for an unknown e-mail together with its
 * identity. A concurrent first sign-in of the same person makes no second row.
 */
export async function insertPendingSsoUser(
  input: IdentityKey & { provider: string; email: string; name: string },
  db: Database = getDb(),
): Promise<User | undefined> {
  const { provider, issuer, subject, name } = input;
  const email = input.email.toLowerCase();
  await db.batch([
    db.insert(users).values({ email, name, passwordHash: null, role: "agent", active: false, approvalPending: true }).onConflictDoNothing(),
    // Audited only when the row above was new (changes() counts the previous statement's rows).
    db.run(sql`insert into ${auditLog} (actor_id, action, target, details)
      select null, 'user.create', 'user:' || ${users.id}, ${JSON.stringify({ email, role: "agent", source: `sso:${provider}`, approvalPending: true })}
      from ${users} where ${users.email} = ${email} and changes() = 1`),
    db
      .insert(userIdentities)
      .values({ userId: sql`(select id from ${users} where ${users.email} = ${email})`, provider, issuer, subject, email })
      .onConflictDoNothing(),
  ]);
  return findUserByIdentity({ issuer, subject }, db);
}
