// The readiness probe's query: the cheapest statement that still needs a working
// connection (for a libSQL server, a full round trip).
import { sql } from "drizzle-orm";
import { getDb, type Database } from "../client";

export async function pingDatabase(db: Database = getDb()): Promise<void> {
  await db.run(sql`select 1`);
}
