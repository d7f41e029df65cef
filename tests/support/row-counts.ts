// How many rows tables hold, read before and after an operation to show what it wrote
// (or that it wrote nothing).
import { count } from "drizzle-orm";
import type { SQLiteTable } from "drizzle-orm/sqlite-core";
import { getDb } from "@/db/client";

export async function rowCount(table: SQLiteTable): Promise<number> {
  const [row] = await getDb().select({ n: count() }).from(table);
  return row.n;
}

export async function rowCounts<T extends Record<string, SQLiteTable>>(tables: T): Promise<{ [K in keyof T]: number }> {
  const entries = await Promise.all(Object.entries(tables).map(async ([name, table]) => [name, await rowCount(table)] as const));
  return Object.fromEntries(entries) as { [K in keyof T]: number };
}
