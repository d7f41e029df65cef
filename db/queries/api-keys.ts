import { desc, eq, sql } from "drizzle-orm";
import { getDb, type Database } from "../client";
import { apiKeys, users, type ApiKey, type ApiScope } from "../schema";

export async function insertApiKey(
  values: { name: string; prefix: string; hash: string; scopes: ApiScope[]; authorId: number | null },
  db: Database = getDb(),
): Promise<ApiKey> {
  const [row] = await db.insert(apiKeys).values(values).returning();
  return row;
}

/** The key and what its issuing admin can still do, in one read (checked on every API call). */
export async function findApiKeyWithOwner(
  { prefix }: { prefix: string },
  db: Database = getDb(),
): Promise<(ApiKey & { ownerActive: boolean | null; ownerRole: string | null }) | undefined> {
  const [row] = await db
    .select({ key: apiKeys, ownerActive: users.active, ownerRole: users.role })
    .from(apiKeys)
    .leftJoin(users, eq(users.id, apiKeys.authorId))
    .where(eq(apiKeys.prefix, prefix))
    .limit(1);
  return row && { ...row.key, ownerActive: row.ownerActive, ownerRole: row.ownerRole };
}

export async function listApiKeys(db: Database = getDb()) {
  const { hash: _hash, ...columns } = {
    id: apiKeys.id,
    name: apiKeys.name,
    prefix: apiKeys.prefix,
    hash: apiKeys.hash,
    scopes: apiKeys.scopes,
    authorId: apiKeys.authorId,
    lastUsedAt: apiKeys.lastUsedAt,
    revokedAt: apiKeys.revokedAt,
    createdAt: apiKeys.createdAt,
  };
  return db.select(columns).from(apiKeys).orderBy(desc(apiKeys.id));
}

export async function revokeApiKey({ id }: { id: number }, db: Database = getDb()): Promise<boolean> {
  const rows = await db
    .update(apiKeys)
    .set({ revokedAt: sql`coalesce(${apiKeys.revokedAt}, ${Date.now()})` })
    .where(eq(apiKeys.id, id))
    .returning({ id: apiKeys.id });
  return rows.length > 0;
}

export async function touchApiKey({ id, at }: { id: number; at: Date }, db: Database = getDb()): Promise<void> {
  await db.update(apiKeys).set({ lastUsedAt: at }).where(eq(apiKeys.id, id));
}
