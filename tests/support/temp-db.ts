// A real libSQL database for each test file: a fresh embedded file under the OS temp
// directory, migrated with the project's own migrations. Never a mock.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { closeDb } from "@/db/client";
import { migrate } from "@/lib/ops/bootstrap";

export async function useFreshDatabase(): Promise<{ url: string; dir: string }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "csa-test-"));
  const url = `file:${path.join(dir, "test.db")}`;
  closeDb();
  process.env.DATABASE_URL = url;
  await migrate();
  return { url, dir };
}

let counter = 0;
/** A unique suffix so rows made by one test never collide with another's. */
export function unique(prefix = "t"): string {
  counter += 1;
  return `${prefix}-${process.pid}-${Date.now().toString(36)}-${counter}`;
}
