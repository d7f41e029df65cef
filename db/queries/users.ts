import { and, asc, count, eq, sql, type SQL } from "drizzle-orm";
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

export type AttemptSchedule = { windowMs: number; freeAttempts: number; baseDelayMs: number; maxDelayMs: number };

/**
 * Lets one sign-in attempt in for a throttle key, or not, in one statement: the attempt is
 * counted and the key's next attempt pushed back (by the schedule's wait after this many)
 * only when the key's next attempt is due, so callers racing from any number of processes
 * are let in no faster than one after another. The count restarts once the window has
 * passed without attempts. Returns null when let in, else when the next attempt is due.
 */
export async function claimLoginAttempt(
  { key, now, schedule }: { key: string; now: Date; schedule: AttemptSchedule },
  db: Database = getDb(),
): Promise<Date | null> {
  const at = now.getTime();
  const stale = sql`${loginThrottle.lastFailureAt} < ${at - schedule.windowMs}`;
  const count = sql`(case when ${stale} then 1 else ${loginThrottle.failures} + 1 end)`;
  const waitAfter = (n: SQL) =>
    sql`(case when ${n} < ${schedule.freeAttempts} then 0 else min(${schedule.maxDelayMs}, ${schedule.baseDelayMs} * (1 << min(${n} - ${schedule.freeAttempts}, 20))) end)`;
  const firstWait = 1 < schedule.freeAttempts ? 0 : schedule.baseDelayMs;
  const admitted = await db
    .insert(loginThrottle)
    .values({ key, failures: 1, lastFailureAt: now, nextAttemptAt: new Date(at + firstWait) })
    .onConflictDoUpdate({
      target: loginThrottle.key,
      set: { failures: count, lastFailureAt: now, nextAttemptAt: sql`${at} + ${waitAfter(count)}` },
      setWhere: sql`${stale} or coalesce(${loginThrottle.nextAttemptAt}, 0) <= ${at}`,
    })
    .returning({ failures: loginThrottle.failures });
  if (admitted.length > 0) return null;
  const [row] = await db.select({ nextAttemptAt: loginThrottle.nextAttemptAt }).from(loginThrottle).where(eq(loginThrottle.key, key)).limit(1);
  return row?.nextAttemptAt ?? now;
}

/** Takes back one counted attempt (a successful sign-in); the next attempt's time stays. */
export async function uncountLoginAttempt({ key }: { key: string }, db: Database = getDb()): Promise<void> {
  await db
    .update(loginThrottle)
    .set({ failures: sql`max(${loginThrottle.failures} - 1, 0)` })
    .where(eq(loginThrottle.key, key));
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
