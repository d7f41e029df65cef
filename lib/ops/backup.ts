// Backup and restore of the embedded database (DATABASE_URL=file:…).
//
// Backup is online: VACUUM INTO copies one consistent snapshot (a read transaction) while
// the app keeps serving, into a temporary file that is checked and only then renamed to
// its final name, so a backup file that exists is complete.
// Restore is offline: it refuses while any process has the database open, checks that
// the file is an intact database of this app that this version can run, keeps the
// current database as a .bak file, and swaps the file in with one rename.
//
// These are maintenance statements on database files, not application queries, so they
// use their own short-lived libSQL connections rather than the app's query modules.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { createClient, type Client } from "@libsql/client";
import { readMigrationFiles } from "drizzle-orm/migrator";
import { embeddedDatabasePath } from "@/db/config";
import { PRIVATE_DIR_MODE, PRIVATE_FILE_MODE } from "@/db/file-access";
import { MIGRATIONS_FOLDER } from "@/db/migrate";

export class BackupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "BackupError";
  }
}

const MIGRATIONS_TABLE = "__drizzle_migrations";
const SQLITE_HEADER = "SQLite format 3\0";

/** The database file behind DATABASE_URL; a libSQL server has its own backups. */
export function databaseFileOf(databaseUrl: string): string {
  const file = embeddedDatabasePath(databaseUrl);
  if (!file || databaseUrl === ":memory:") {
    throw new BackupError(
      `DATABASE_URL is ${databaseUrl.replace(/\/\/[^@/]*@/, "//***@")}: backup and restore work on the embedded database (file:…). ` +
        "For a libSQL server use its own snapshots (sqld's --db-path directory, or Turso's backups).",
    );
  }
  return file;
}

function timestamp(now: Date): string {
  return now.toISOString().replace(/[-:]/g, "").replace("T", "-").slice(0, 15);
}

function open(file: string, timeoutMs = 5000): Client {
  return createClient({ url: `file:${file}`, timeout: timeoutMs });
}

export type BackupResult = { file: string; bytes: number; migrations: number };

/** Copies the live database to `out` (default: data/backups/<name>-<time>.db next to it). */
export async function backupDatabase({ databaseUrl, out, now = new Date() }: { databaseUrl: string; out?: string; now?: Date }): Promise<BackupResult> {
  const source = databaseFileOf(databaseUrl);
  if (!fs.existsSync(source)) throw new BackupError(`There is no database at ${source} to back up.`);
  const target = path.resolve(out ?? path.join(path.dirname(source), "backups", `${path.basename(source, ".db")}-${timestamp(now)}.db`));
  if (target === source) throw new BackupError("The backup file cannot be the database itself.");
  if (fs.existsSync(target)) throw new BackupError(`${target} already exists; choose another --out (backups never overwrite).`);
  // Owner-only, like the database: a backup holds the same data.
  fs.mkdirSync(path.dirname(target), { recursive: true, mode: PRIVATE_DIR_MODE });

  const partial = `${target}.partial-${process.pid}`;
  fs.rmSync(partial, { force: true });
  // Created empty and owner-only first: VACUUM INTO fills an empty file and keeps its mode.
  fs.writeFileSync(partial, "", { flag: "wx", mode: PRIVATE_FILE_MODE });
  const client = open(source);
  try {
    await client.execute({ sql: "VACUUM INTO ?", args: [partial] });
  } catch (error) {
    fs.rmSync(partial, { force: true });
    throw new BackupError(`Could not copy ${source}: ${(error as Error).message}`);
  } finally {
    client.close();
  }
  try {
    const { migrations } = await inspectDatabaseFile(partial);
    fs.renameSync(partial, target);
    return { file: target, bytes: fs.statSync(target).size, migrations };
  } catch (error) {
    fs.rmSync(partial, { force: true });
    throw error;
  }
}

export type Inspection = { migrations: number };

/**
 * Checks that `file` is an intact SQLite database made by this app (its migrations
 * table) with no migration this version of the app does not know. Older backups are
 * fine: the app applies the missing migrations when it starts.
 */
export async function inspectDatabaseFile(file: string): Promise<Inspection> {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch {
    throw new BackupError(`${file} does not exist.`);
  }
  if (!stat.isFile()) throw new BackupError(`${file} is not a file.`);
  const header = Buffer.alloc(16);
  const fd = fs.openSync(file, "r");
  try {
    fs.readSync(fd, header, 0, 16, 0);
  } finally {
    fs.closeSync(fd);
  }
  if (header.toString("latin1") !== SQLITE_HEADER) throw new BackupError(`${file} is not an SQLite database.`);

  const client = open(file);
  try {
    const check = await client.execute("PRAGMA quick_check");
    const verdict = check.rows.map((r) => String(r[0]));
    if (verdict.length !== 1 || verdict[0] !== "ok") {
      throw new BackupError(`${file} is damaged (quick_check: ${verdict.slice(0, 3).join("; ")}).`);
    }
    const table = await client.execute({ sql: "select 1 from sqlite_master where type = 'table' and name = ?", args: [MIGRATIONS_TABLE] });
    if (table.rows.length === 0) throw new BackupError(`${file} is not a database of this app (it has no ${MIGRATIONS_TABLE} table).`);
    const applied = (await client.execute(`select created_at from ${MIGRATIONS_TABLE}`)).rows.map((r) => Number(r[0]));
    if (applied.length === 0) throw new BackupError(`${file} has no migrations applied; it is not a database of this app.`);
    const known = new Set(readMigrationFiles({ migrationsFolder: MIGRATIONS_FOLDER }).map((m) => m.folderMillis));
    const unknown = applied.filter((when) => !known.has(when));
    if (unknown.length) {
      throw new BackupError(`${file} was made by a newer version of the app (${unknown.length} migration(s) this version does not have); restore it with that version.`);
    }
    return { migrations: applied.length };
  } catch (error) {
    if (error instanceof BackupError) throw error;
    throw new BackupError(`${file} cannot be read as a database: ${(error as Error).message}`);
  } finally {
    client.close();
  }
}

// Run in a process of its own: a closed libSQL client keeps its file lock until the
// garbage collector finalizes the statements it ran (SQLite's deferred close), and a
// lock this process kept could outlive the swap. A process that has exited holds nothing.
const EXCLUSIVE_PROBE = `
const { createClient } = require("@libsql/client");
const client = createClient({ url: "file:" + process.argv[1], timeout: 200 });
client.executeMultiple("PRAGMA locking_mode = EXCLUSIVE; BEGIN EXCLUSIVE; COMMIT; PRAGMA wal_checkpoint(TRUNCATE);").then(
  () => process.exit(0),
  (e) => { process.stderr.write(String(e && e.message)); process.exit(/BUSY|LOCKED/.test(String(e && e.code)) ? 3 : 1); },
);`;

/**
 * Fails when any process (the app, the worker, another tool) has the database open:
 * taking SQLite's exclusive lock is refused while another connection holds the file.
 * Holding that lock, it then moves everything in the write-ahead log into the database
 * file, so the file alone is the whole database (processes that exit without closing
 * their connection leave a WAL behind).
 */
export function assertDatabaseNotInUse(file: string): void {
  const probe = spawnSync(process.execPath, ["-e", EXCLUSIVE_PROBE, file], { cwd: process.cwd(), encoding: "utf8" });
  if (probe.status === 3) throw new BackupError(`${file} is in use. Stop the app first (npm start, next start, the worker), then restore.`);
  if (probe.status !== 0) throw new BackupError(`${file} cannot be opened: ${probe.stderr.trim() || probe.error?.message || `exit ${probe.status}`}`);
}

export type RestoreResult = { file: string; previous: string | null; migrations: number };

/** Replaces the (stopped) app's database with `from`; the current one is kept as <name>.<time>.bak. */
export async function restoreDatabase({ databaseUrl, from, now = new Date() }: { databaseUrl: string; from: string; now?: Date }): Promise<RestoreResult> {
  const target = databaseFileOf(databaseUrl);
  const source = path.resolve(from);
  if (source === target) throw new BackupError("That file is the database itself.");
  const { migrations } = await inspectDatabaseFile(source);

  fs.mkdirSync(path.dirname(target), { recursive: true, mode: PRIVATE_DIR_MODE });
  const exists = fs.existsSync(target);
  if (exists) assertDatabaseNotInUse(target);
  // After the checkpoint an old log is empty; one with content would be replayed into
  // the restored file, so it must not be there.
  for (const suffix of ["-wal", "-journal"]) {
    if (fs.existsSync(target + suffix) && fs.statSync(target + suffix).size > 0) {
      throw new BackupError(`${target}${suffix} still holds changes after closing the database; is another process using it?`);
    }
  }

  // Copy first (the backup stays untouched), then make the old file the .bak with a hard
  // link and move the copy over the database with one rename: at every moment the
  // database path holds either the old database or the restored one.
  const staged = `${target}.restoring-${process.pid}`;
  fs.copyFileSync(source, staged);
  fs.chmodSync(staged, PRIVATE_FILE_MODE); // the copy took the backup file's mode
  let previous: string | null = null;
  try {
    if (exists) {
      previous = `${target}.${timestamp(now)}.bak`;
      if (fs.existsSync(previous)) throw new BackupError(`${previous} already exists; wait a second and try again.`);
      fs.linkSync(target, previous);
    }
    for (const suffix of ["-wal", "-journal", "-shm"]) fs.rmSync(target + suffix, { force: true });
    fs.renameSync(staged, target);
  } catch (error) {
    fs.rmSync(staged, { force: true });
    throw error;
  }
  return { file: target, previous, migrations };
}
