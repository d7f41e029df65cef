// A migration test's database: a fresh file database migrated up to (not including) one
// migration, so the test can write the shapes the code before it wrote, then run it.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect } from "vitest";
import { closeDb, getDb } from "@/db/client";
import { migrateDatabase, MIGRATIONS_FOLDER } from "@/db/migrate";

/** The committed migrations up to (not including) `tag`, copied into `dir`. */
function migrationsBefore(dir: string, tag: string): string {
  const folder = path.join(dir, "before");
  fs.cpSync(MIGRATIONS_FOLDER, folder, { recursive: true });
  const journalPath = path.join(folder, "meta", "_journal.json");
  const journal = JSON.parse(fs.readFileSync(journalPath, "utf8"));
  const at = journal.entries.findIndex((e: { tag: string }) => e.tag === tag);
  expect(at).toBeGreaterThan(0);
  journal.entries = journal.entries.slice(0, at);
  fs.writeFileSync(journalPath, JSON.stringify(journal));
  return folder;
}

/** Opens the database (DATABASE_URL points at it); `close()` closes and deletes it. */
export async function openDatabaseBefore(tag: string): Promise<{ close(): void }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "csa-before-migration-"));
  closeDb();
  process.env.DATABASE_URL = `file:${path.join(dir, "test.db")}`;
  await migrateDatabase(getDb(), migrationsBefore(dir, tag));
  return {
    close() {
      closeDb();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
