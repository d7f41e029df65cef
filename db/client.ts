// One libSQL client per process: an embedded file database by default, a libSQL
// server (sqld, Turso) when DATABASE_URL is http(s):// or libsql://.
import { createClient, type Client } from "@libsql/client";
import { drizzle, type LibSQLDatabase } from "drizzle-orm/libsql";
import * as schema from "./schema";
import { DatabaseTimeoutError } from "./errors";
import { prepareDatabaseFile } from "./file-access";
import { BLOCKING_WAIT_MS, BUSY_TIMEOUT_MS, LockWaitingClient } from "./libsql-workarounds/lock-wait";
import { oneBatchAtATime } from "./libsql-workarounds/one-batch-at-a-time";
import { DEFAULT_DATABASE_TIMEOUT_MS, embeddedDatabasePath, readDatabaseConfig, type DatabaseConfig } from "./config";

export type Database = LibSQLDatabase<typeof schema> & { $client: Client };
/**
 * An open interactive transaction. Only command-line work (imports) uses them: inside a
 * server process an open interactive transaction makes every other write of that process
 * wait for the lock the transaction holds, and fail busy after 10 s. Server code writes atomically
 * with `db.batch([...])` instead, which runs in one call.
 */
export type Transaction = Parameters<Parameters<Database["transaction"]>[0]>[0];
export type Executor = Database | Transaction;

export function openDatabase(config: DatabaseConfig = readDatabaseConfig()): Database {
  const file = embeddedDatabasePath(config.url);
  if (file) prepareDatabaseFile(file);
  const server = !file && config.url !== ":memory:";
  // `timeout` is SQLite's busy timeout, applied by the client to every pooled connection.
  // Embedded, it is kept short and the waiting is done between attempts (db/libsql-workarounds/lock-wait.ts).
  const raw = createClient({
    url: config.url,
    authToken: config.authToken,
    timeout: server ? BUSY_TIMEOUT_MS : BLOCKING_WAIT_MS,
    ...(server ? { fetch: fetchWithin(config.timeoutMs ?? DEFAULT_DATABASE_TIMEOUT_MS) } : {}),
  });
  const client = server ? oneBatchAtATime(raw) : file ? new LockWaitingClient(raw) : raw;
  return drizzle(client, { schema }) as Database;
}

/**
 * The HTTP client's fetch with a deadline. A libSQL server that stops answering (sqld
 * has been seen to stop answering writes under contention: db/libsql-workarounds/one-batch-at-a-time.ts) would
 * otherwise hold every request waiting on it forever; with the deadline the request fails
 * and the API answers 503. A write that timed out may still have been applied.
 */
function fetchWithin(ms: number) {
  return async (request: Request): Promise<Response> => {
    try {
      return await fetch(request, { signal: AbortSignal.timeout(ms) });
    } catch (error) {
      if ((error as Error).name === "TimeoutError") throw new DatabaseTimeoutError(ms);
      throw error;
    }
  };
}

/**
 * Embedded databases use WAL, so readers never wait for the writer. It is a property of
 * the database file, so setting it once holds for every connection of every process.
 * (Per-connection pragmas would reach only one connection of the client's pool, so the
 * app does not rely on any.)
 */
export async function configureConnection(db: Database, url: string): Promise<void> {
  if (!url.startsWith("file:")) return;
  await db.$client.execute("PRAGMA journal_mode = WAL");
}

const globalForDb = globalThis as unknown as { __csaDb?: Database; __csaDbReady?: Promise<void> };

/** The process-wide database. Survives Next.js dev reloads through globalThis. */
export function getDb(): Database {
  if (!globalForDb.__csaDb) {
    const config = readDatabaseConfig();
    globalForDb.__csaDb = openDatabase(config);
    globalForDb.__csaDbReady = configureConnection(globalForDb.__csaDb, config.url);
  }
  return globalForDb.__csaDb;
}

/** Waits until connection settings are applied; call before the first write of a process. */
export async function dbReady(): Promise<Database> {
  const db = getDb();
  await globalForDb.__csaDbReady;
  return db;
}

export function closeDb(): void {
  globalForDb.__csaDb?.$client.close();
  globalForDb.__csaDb = undefined;
  globalForDb.__csaDbReady = undefined;
}
