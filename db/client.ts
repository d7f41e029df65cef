// One libSQL client per process: an embedded file database by default, a libSQL
// server (sqld, Turso) when DATABASE_URL is http(s):// or libsql://.
import fs from "node:fs";
import path from "node:path";
import { createClient, type Client } from "@libsql/client";
import { drizzle, type LibSQLDatabase } from "drizzle-orm/libsql";
import * as schema from "./schema";
import { embeddedDatabasePath, readDatabaseConfig, type DatabaseConfig } from "./config";

export type Database = LibSQLDatabase<typeof schema> & { $client: Client };
/** An open transaction; query functions that may run inside one accept an Executor. */
export type Transaction = Parameters<Parameters<Database["transaction"]>[0]>[0];
export type Executor = Database | Transaction;

export function openDatabase(config: DatabaseConfig = readDatabaseConfig()): Database {
  const file = embeddedDatabasePath(config.url);
  if (file) fs.mkdirSync(path.dirname(file), { recursive: true });
  const client = createClient({ url: config.url, authToken: config.authToken });
  return drizzle(client, { schema }) as Database;
}

/**
 * Embedded databases get WAL (readers never wait for the writer) and a busy timeout
 * (a second writer waits instead of failing at once). A server sets its own.
 */
export async function configureConnection(db: Database, url: string): Promise<void> {
  if (!url.startsWith("file:")) return;
  await db.$client.execute("PRAGMA journal_mode = WAL");
  await db.$client.execute("PRAGMA busy_timeout = 10000");
  await db.$client.execute("PRAGMA synchronous = NORMAL");
  await db.$client.execute("PRAGMA foreign_keys = ON");
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
