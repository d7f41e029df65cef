// Follow-ups of at-risk accounts: who calls whom, how, and where it stands. A follow-up
// is "active" until it is closed; at most one is active per account.
import { and, asc, desc, eq, ne, sql } from "drizzle-orm";
import { getDb, type Database } from "../client";
import { followUps, users, FOLLOW_UP_MECHANISMS, type FollowUp } from "../schema";

export type FollowUpMechanism = (typeof FOLLOW_UP_MECHANISMS)[number];
export type { FollowUp };

export type FollowUpWithOwner = FollowUp & { ownerName: string | null; ownerEmail: string | null };

const withOwner = {
  id: followUps.id,
  accountId: followUps.accountId,
  reason: followUps.reason,
  ownerId: followUps.ownerId,
  mechanism: followUps.mechanism,
  status: followUps.status,
  notes: followUps.notes,
  closedAt: followUps.closedAt,
  createdAt: followUps.createdAt,
  updatedAt: followUps.updatedAt,
  ownerName: users.name,
  ownerEmail: users.email,
};

/**
 * Opens a follow-up unless the account already has an active one. One statement, so two
 * supervisors opening at the same moment cannot both succeed. Returns null when refused.
 */
export async function insertFollowUpIfNoneActive(
  input: { accountId: number; ownerId: number | null; mechanism: FollowUpMechanism; notes: string; reason: Record<string, unknown> },
  db: Database = getDb(),
): Promise<FollowUp | null> {
  const now = Date.now();
  const rows = await db.all<{ id: number }>(sql`
    insert into ${followUps} (account_id, reason, owner_id, mechanism, status, notes, created_at, updated_at)
    select ${input.accountId}, ${JSON.stringify(input.reason)}, ${input.ownerId}, ${input.mechanism}, 'open', ${input.notes}, ${now}, ${now}
    where not exists (select 1 from ${followUps} where ${followUps.accountId} = ${input.accountId} and ${followUps.status} != 'closed')
    returning id`);
  return rows[0] ? ((await findFollowUp({ id: rows[0].id }, db)) ?? null) : null;
}

export async function findFollowUp({ id }: { id: number }, db: Database = getDb()): Promise<FollowUp | undefined> {
  const [row] = await db.select().from(followUps).where(eq(followUps.id, id)).limit(1);
  return row;
}

/** Applies changes to a follow-up that is still active; returns the new row, or null when it is closed or gone. */
export async function updateActiveFollowUp(
  { id, changes }: { id: number; changes: Partial<Pick<FollowUp, "ownerId" | "mechanism" | "status" | "notes" | "closedAt">> },
  db: Database = getDb(),
): Promise<FollowUp | null> {
  const [row] = await db
    .update(followUps)
    .set(changes)
    .where(and(eq(followUps.id, id), ne(followUps.status, "closed")))
    .returning();
  return row ?? null;
}

/** Every follow-up of one account, newest first, with its owner. */
export async function listAccountFollowUps({ accountId }: { accountId: number }, db: Database = getDb()): Promise<FollowUpWithOwner[]> {
  return db
    .select(withOwner)
    .from(followUps)
    .leftJoin(users, eq(users.id, followUps.ownerId))
    .where(eq(followUps.accountId, accountId))
    .orderBy(desc(followUps.createdAt), desc(followUps.id));
}

/** People a follow-up can be given to: active users, by name. */
export async function listFollowUpOwners(db: Database = getDb()) {
  return db
    .select({ id: users.id, name: users.name, email: users.email, role: users.role })
    .from(users)
    .where(eq(users.active, true))
    .orderBy(asc(users.name), asc(users.id));
}

export async function isActiveUser({ id }: { id: number }, db: Database = getDb()): Promise<boolean> {
  const [row] = await db.select({ id: users.id }).from(users).where(and(eq(users.id, id), eq(users.active, true))).limit(1);
  return !!row;
}
