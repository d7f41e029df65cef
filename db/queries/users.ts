import { and, asc, count, eq, sql } from "drizzle-orm";
import { getDb, type Database } from "../client";
import { loginThrottle, users, type Role, type User } from "../schema";

export async function findUserByEmail({ email }: { email: string }, db: Database = getDb()): Promise<User | undefined> {
  const [row] = await db.select().from(users).where(eq(users.email, email.toLowerCase())).limit(1);
  return row;
}

export async function findUserById({ id }: { id: number }, db: Database = getDb()): Promise<User | undefined> {
  const [row] = await db.select().from(users).where(eq(users.id, id)).limit(1);
  return row;
}

/** Ends every session of the user signed in until now (sign-out): see users.sessionsValidAfter. */
export async function endUserSessions({ id, at = new Date() }: { id: number; at?: Date }, db: Database = getDb()): Promise<void> {
  await db.update(users).set({ sessionsValidAfter: at }).where(eq(users.id, id));
}

export async function countUsers(db: Database = getDb()): Promise<number> {
  const [row] = await db.select({ n: count() }).from(users);
  return row?.n ?? 0;
}

export async function listUsers(db: Database = getDb()): Promise<User[]> {
  return db.select().from(users).orderBy(asc(users.email));
}

export async function insertUser(
  values: { email: string; name: string; passwordHash: string | null; role: Role; active?: boolean },
  db: Database = getDb(),
): Promise<User> {
  const [row] = await db
    .insert(users)
    .values({ ...values, email: values.email.toLowerCase() })
    .returning();
  return row;
}

export async function touchLastSignIn({ id }: { id: number }, db: Database = getDb()): Promise<void> {
  await db.update(users).set({ lastSignInAt: new Date() }).where(eq(users.id, id));
}

/** Adds one failure for a throttle key, restarting the count when the window has passed. */
export async function recordLoginFailure(
  { key, windowMs, now = new Date() }: { key: string; windowMs: number; now?: Date },
  db: Database = getDb(),
): Promise<number> {
  const since = now.getTime() - windowMs;
  const [row] = await db
    .insert(loginThrottle)
    .values({ key, failures: 1, lastFailureAt: now })
    .onConflictDoUpdate({
      target: loginThrottle.key,
      set: {
        failures: sql`case when ${loginThrottle.lastFailureAt} < ${since} then 1 else ${loginThrottle.failures} + 1 end`,
        lastFailureAt: now,
      },
    })
    .returning({ failures: loginThrottle.failures });
  return row.failures;
}

export async function recentLoginFailures(
  { keys, windowMs, now = new Date() }: { keys: string[]; windowMs: number; now?: Date },
  db: Database = getDb(),
): Promise<number> {
  let worst = 0;
  for (const key of keys) {
    const [row] = await db.select().from(loginThrottle).where(eq(loginThrottle.key, key)).limit(1);
    if (row && row.lastFailureAt.getTime() >= now.getTime() - windowMs) worst = Math.max(worst, row.failures);
  }
  return worst;
}

export async function clearLoginFailures({ key }: { key: string }, db: Database = getDb()): Promise<void> {
  await db.delete(loginThrottle).where(eq(loginThrottle.key, key));
}

/**
 * Updates a user. With `keepAnAdmin`, only while another active admin exists, checked
 * in the same statement, so two admins demoting each other at once cannot both succeed.
 */
export async function updateUser(
  { id, values, keepAnAdmin = false }: { id: number; values: Partial<Pick<User, "role" | "active" | "name" | "approvalPending">>; keepAnAdmin?: boolean },
  db: Database = getDb(),
): Promise<User | undefined> {
  const otherAdmins = sql`(select count(*) from ${users} u where u.role = 'admin' and u.active = 1 and u.id <> ${id})`;
  const where = keepAnAdmin ? and(eq(users.id, id), sql`${otherAdmins} > 0`) : eq(users.id, id);
  const [row] = await db.update(users).set(values).where(where).returning();
  return row;
}

export async function countActiveAdmins(db: Database = getDb()): Promise<number> {
  const [row] = await db.select({ n: count() }).from(users).where(sql`${users.role} = 'admin' and ${users.active} = 1`);
  return row?.n ?? 0;
}
