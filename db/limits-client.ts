// Where the rate-limit counters live. With an embedded database: their own small database
// file beside it (data/app.db → data/app.limits.db), which every process on the machine
// shares, so a limit holds for all of them; and because it is a separate file, a long write
// on the main database (an import, a training run's results, another process's batch)
// never makes a request wait for its counter, and reads stay lock-free as before. With a
// libSQL server: the server's own rate_limits table (migration 0010), shared by every
// app instance that uses the server.
import path from "node:path";
import { getDb, openDatabase, type Database } from "./client";
import { embeddedDatabasePath, readDatabaseConfig } from "./config";

/** The counters' table in the side file; the same columns as `rateLimits` in schema.ts. */
const CREATE_TABLE = `CREATE TABLE IF NOT EXISTS rate_limits (
  key text PRIMARY KEY NOT NULL,
  ready_at real NOT NULL,
  created_at integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
  updated_at integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL
)`;
const CREATE_INDEX = "CREATE INDEX IF NOT EXISTS rate_limits_ready_idx ON rate_limits (ready_at)";

/** The side file's URL for an embedded database; null when the counters go to the main database. */
export function limitsDatabaseUrl(mainUrl: string): string | null {
  const file = embeddedDatabasePath(mainUrl);
  if (!file) return null;
  return `file:${path.join(path.dirname(file), `${path.basename(file, ".db")}.limits.db`)}`;
}

const globalForLimits = globalThis as unknown as { __csaLimits?: { url: string; db: Promise<Database> } };

async function openLimitsDatabase(url: string): Promise<Database> {
  const db = openDatabase({ url });
  await db.$client.execute("PRAGMA journal_mode = WAL");
  await db.$client.execute(CREATE_TABLE);
  await db.$client.execute(CREATE_INDEX);
  return db;
}

/** The database holding the counters, opened (and its table made) once per process. */
export async function getLimitsDb(): Promise<Database> {
  const url = limitsDatabaseUrl(readDatabaseConfig().url);
  if (!url) return getDb();
  const open = globalForLimits.__csaLimits;
  if (open?.url === url) return open.db;
  // A test that moved DATABASE_URL gets a side file beside its new database.
  if (open) void open.db.then((db) => db.$client.close()).catch(() => undefined);
  const db = openLimitsDatabase(url);
  globalForLimits.__csaLimits = { url, db };
  db.catch(() => {
    if (globalForLimits.__csaLimits?.db === db) globalForLimits.__csaLimits = undefined;
  });
  return db;
}
