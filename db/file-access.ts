// Database files are readable by their owner only: the database holds password hashes,
// API key hashes, customers' messages and (encrypted) webhook secrets, and other local
// users of the machine have no business reading it.
import fs from "node:fs";
import path from "node:path";

export const PRIVATE_DIR_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;

/** Narrows a file's or directory's mode to `mode` if it allows more and this user owns it. */
function tighten(target: string, mode: number): void {
  try {
    const stat = fs.statSync(target);
    if ((stat.mode & 0o777 & ~mode) === 0) return;
    if (typeof process.getuid === "function" && stat.uid !== process.getuid()) return;
    fs.chmodSync(target, (stat.mode & 0o777) & mode);
  } catch {
    // Missing, or not ours to change: SQLite creates it (or the operator chose it) as it is.
  }
}

/**
 * Before an embedded database is opened: its directory is created owner-only (and the
 * project's own data/ directory narrowed if an earlier version made it 755); the database
 * file is created empty and owner-only before SQLite opens it (an empty file is a valid
 * empty database), so it is never readable by others, not even for a moment; an existing
 * one, and its -wal and -shm files, are narrowed to 600. SQLite gives the -wal and -shm
 * files it creates the database file's mode. A directory the operator chose is left as it
 * is (it may be /tmp): the files in it are private all the same.
 */
export function prepareDatabaseFile(file: string): void {
  const dir = path.dirname(file);
  fs.mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
  if (dir === path.resolve("data")) tighten(dir, PRIVATE_DIR_MODE);
  try {
    fs.writeFileSync(file, "", { flag: "wx", mode: PRIVATE_FILE_MODE });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
  }
  for (const f of [file, `${file}-wal`, `${file}-shm`, `${file}-journal`]) tighten(f, PRIVATE_FILE_MODE);
}
