// Categories and customer accounts: the reference data tasks point at.
import { asc, inArray, sql } from "drizzle-orm";
import { getDb, type Database, type Executor } from "../client";
import { categories, customerAccounts, type Category } from "../schema";

export async function listCategories(db: Database = getDb()): Promise<Category[]> {
  return db.select().from(categories).orderBy(asc(categories.name));
}

export async function upsertCategories(
  rows: { name: string; slug: string; description?: string }[],
  db: Executor = getDb(),
): Promise<Category[]> {
  if (rows.length === 0) return [];
  await db.insert(categories).values(rows).onConflictDoNothing();
  return db.select().from(categories).where(inArray(categories.name, rows.map((r) => r.name)));
}

export async function findCategoryByName({ name }: { name: string }, db: Database = getDb()): Promise<Category | undefined> {
  const [row] = await db.select().from(categories).where(sql`lower(${categories.name}) = lower(${name})`).limit(1);
  return row;
}

/** Inserts accounts that are new (by external ref) and returns every requested one's id. */
export async function upsertAccounts(
  rows: { externalRef: string; name: string; email?: string | null }[],
  db: Executor = getDb(),
): Promise<Map<string, number>> {
  const ids = new Map<string, number>();
  for (let i = 0; i < rows.length; i += 500) {
    const chunk = rows.slice(i, i + 500);
    await db.insert(customerAccounts).values(chunk).onConflictDoNothing();
    const found = await db
      .select({ id: customerAccounts.id, ref: customerAccounts.externalRef })
      .from(customerAccounts)
      .where(inArray(customerAccounts.externalRef, chunk.map((r) => r.externalRef)));
    for (const f of found) ids.set(f.ref, f.id);
  }
  return ids;
}
