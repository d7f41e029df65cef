// npm run db:backup / db:restore on real embedded databases. What an operator relies
// on: a backup taken while the app writes is a complete, consistent database; a restore
// never happens into a running app, never installs a file that is not this app's
// database, and keeps the database it replaces.
import { spawn, spawnSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import v8 from "node:v8";
import vm from "node:vm";
import { createClient } from "@libsql/client";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { closeDb, getDb } from "@/db/client";
import { categories } from "@/db/schema";
import { backupDatabase, BackupError, restoreDatabase } from "@/lib/ops/backup";
import { useFreshDatabase, unique } from "../support/temp-db";

let url: string;
let dir: string;
let dbFile: string;

beforeEach(async () => {
  ({ url, dir } = await useFreshDatabase());
  dbFile = url.slice("file:".length);
});

afterEach(() => {
  closeDb();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function addCategories(n: number, prefix = unique("cat")): Promise<void> {
  const rows = Array.from({ length: n }, (_, i) => ({ name: `${prefix}-${i}`, slug: `${prefix}-${i}` }));
  await getDb().insert(categories).values(rows);
}

/** Reads a database file with its own connection, as a restarted app would. */
async function categoryCount(file: string): Promise<number> {
  const client = createClient({ url: `file:${file}` });
  try {
    return Number((await client.execute("select count(*) from categories")).rows[0][0]);
  } finally {
    client.close();
  }
}

/**
 * Stops this test process from holding the database, as a stopped app would. A closed
 * libSQL connection keeps its file lock until the garbage collector finalizes the
 * statements it ran (SQLite's deferred close), so a collection is forced.
 */
v8.setFlagsFromString("--expose-gc");
const collectGarbage = vm.runInNewContext("gc") as () => void;
async function stopTheApp(): Promise<void> {
  closeDb();
  for (let i = 0; i < 3; i++) {
    collectGarbage();
    await new Promise((r) => setImmediate(r));
  }
}

function sha256(file: string): string {
  return crypto.createHash("sha256").update(fs.readFileSync(file)).digest("hex");
}

async function expectRefused(promise: Promise<unknown>, message: RegExp) {
  await expect(promise).rejects.toThrow(BackupError);
  await expect(promise).rejects.toThrow(message);
}

describe("db:backup", () => {
  it("copies every committed row while the app keeps writing, into a file that passes an integrity check", async () => {
    await addCategories(50);
    const before = await categoryCount(dbFile);
    // Writes keep landing while the backup runs.
    let writing = true;
    const writer = (async () => {
      while (writing) await addCategories(5);
    })();
    const out = path.join(dir, "nightly.db");
    const result = await backupDatabase({ databaseUrl: url, out });
    writing = false;
    await writer;

    expect(result.file).toBe(out);
    expect(result.migrations).toBeGreaterThan(0);
    const copied = await categoryCount(out);
    expect(copied).toBeGreaterThanOrEqual(before);
    expect(copied).toBeLessThanOrEqual(await categoryCount(dbFile));
    const client = createClient({ url: `file:${out}` });
    expect((await client.execute("PRAGMA integrity_check")).rows[0][0]).toBe("ok");
    client.close();
    // Only the finished file is left behind.
    expect(fs.readdirSync(dir).filter((f) => f.includes(".partial-"))).toEqual([]);
  });

  it("names the file by time in backups/ beside the database when --out is not given", async () => {
    const result = await backupDatabase({ databaseUrl: url, now: new Date("2026-03-04T05:06:07Z") });
    expect(result.file).toBe(path.join(dir, "backups", "test-20260304-050607.db"));
    expect(fs.existsSync(result.file)).toBe(true);
  });

  it("never overwrites an existing file", async () => {
    const out = path.join(dir, "taken.db");
    fs.writeFileSync(out, "precious");
    await expectRefused(backupDatabase({ databaseUrl: url, out }), /already exists/);
    expect(fs.readFileSync(out, "utf8")).toBe("precious");
  });

  it("explains that a libSQL server is backed up by the server", async () => {
    await expectRefused(backupDatabase({ databaseUrl: "http://127.0.0.1:8080" }), /embedded database/);
  });
});

describe("db:restore", () => {
  it("puts the backup in place and keeps the replaced database as .bak", async () => {
    await addCategories(10);
    const backup = (await backupDatabase({ databaseUrl: url, out: path.join(dir, "b.db") })).file;
    await addCategories(7); // made after the backup: must be gone after the restore, kept in the .bak
    const current = await categoryCount(dbFile);
    await stopTheApp();

    const result = await restoreDatabase({ databaseUrl: url, from: backup, now: new Date("2026-03-04T05:06:07Z") });

    expect(result.previous).toBe(`${dbFile}.20260304-050607.bak`);
    expect(await categoryCount(dbFile)).toBe(current - 7);
    expect(await categoryCount(result.previous!)).toBe(current);
    // The backup itself is untouched, and the restored database is usable by the app.
    expect(await categoryCount(backup)).toBe(current - 7);
    await addCategories(1);
    expect(await categoryCount(dbFile)).toBe(current - 6);
  });

  it("refuses while another process has the database open, and changes nothing", async () => {
    const backup = (await backupDatabase({ databaseUrl: url, out: path.join(dir, "b.db") })).file;
    await stopTheApp();
    const holder = spawn(
      process.execPath,
      ["-e", `const { createClient } = require("@libsql/client"); const c = createClient({ url: ${JSON.stringify(url)} });
              c.execute("select count(*) from categories").then(() => console.log("open"));
              setTimeout(() => {}, 60000);`],
      { cwd: process.cwd(), stdio: ["ignore", "pipe", "inherit"] },
    );
    try {
      await new Promise<void>((resolve, reject) => {
        holder.stdout!.on("data", (d: Buffer) => d.toString().includes("open") && resolve());
        holder.on("exit", (code) => reject(new Error(`holder exited with ${code}`)));
      });
      const before = sha256(dbFile);
      await expectRefused(restoreDatabase({ databaseUrl: url, from: backup }), /in use\. Stop the app first/);
      expect(sha256(dbFile)).toBe(before);
      expect(fs.readdirSync(dir).filter((f) => f.endsWith(".bak") || f.includes(".restoring-"))).toEqual([]);
    } finally {
      holder.kill("SIGKILL");
    }
  });

  it("refuses a file that is not an intact database of this app, and changes nothing", async () => {
    await addCategories(3);
    await stopTheApp();
    const before = sha256(dbFile);

    const text = path.join(dir, "notes.txt");
    fs.writeFileSync(text, "not a database at all");
    await expectRefused(restoreDatabase({ databaseUrl: url, from: text }), /not an SQLite database/);

    await expectRefused(restoreDatabase({ databaseUrl: url, from: path.join(dir, "missing.db") }), /does not exist/);

    const foreign = path.join(dir, "foreign.db");
    const other = createClient({ url: `file:${foreign}` });
    await other.execute("create table notes (body text)");
    other.close();
    await expectRefused(restoreDatabase({ databaseUrl: url, from: foreign }), /not a database of this app/);

    const newer = (await backupDatabase({ databaseUrl: url, out: path.join(dir, "newer.db") })).file;
    const editor = createClient({ url: `file:${newer}` });
    await editor.execute({ sql: "insert into __drizzle_migrations (hash, created_at) values (?, ?)", args: ["future", Date.now() + 1e12] });
    editor.close();
    await expectRefused(restoreDatabase({ databaseUrl: url, from: newer }), /newer version of the app/);

    const damaged = path.join(dir, "damaged.db");
    const good = fs.readFileSync((await backupDatabase({ databaseUrl: url, out: path.join(dir, "good.db") })).file);
    fs.writeFileSync(damaged, Buffer.concat([good.subarray(0, 4096), Buffer.alloc(good.length - 4096, 0x5a)]));
    await expect(restoreDatabase({ databaseUrl: url, from: damaged })).rejects.toThrow(BackupError);

    expect(sha256(dbFile)).toBe(before);
    expect(fs.readdirSync(dir).filter((f) => f.endsWith(".bak") || f.includes(".restoring-"))).toEqual([]);
  });
});

describe("the commands", () => {
  const run = (script: string, args: string[]) =>
    spawnSync(process.execPath, [path.join("node_modules", "tsx", "dist", "cli.mjs"), path.join("scripts", script), ...args], {
      cwd: process.cwd(),
      env: { ...process.env, DATABASE_URL: url },
      encoding: "utf8",
    });

  it("back up and restore from the command line, with clear errors", async () => {
    await addCategories(4);
    const out = path.join(dir, "cli.db");
    const backup = run("db-backup.ts", ["--out", out]);
    expect(backup.status, backup.stderr).toBe(0);
    expect(backup.stdout).toContain(`Backup written: ${out}`);

    const missing = run("db-restore.ts", []);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain("Usage: npm run db:restore -- FILE");

    const inUse = run("db-restore.ts", [out]); // this test process still has the database open
    expect(inUse.status).toBe(1);
    expect(inUse.stderr).toMatch(/in use\. Stop the app first.*Nothing was changed/);

    await stopTheApp();
    const restored = run("db-restore.ts", [out]);
    expect(restored.status, restored.stderr).toBe(0);
    expect(restored.stdout).toMatch(/The previous database is kept as .*\.bak/);
  });
});

