// The project's command-line scripts (scripts/*.ts) run as `npm run …` runs them — node
// with tsx, from the repository root — for tests of what the person running one sees:
// the exit code and the output, on input files the test writes into a folder of its own.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll } from "vitest";

const root = path.resolve(__dirname, "../..");

/** `script` (a path from the repository root) with `args`; one that hangs is killed after `timeoutMs`, so the test fails instead of waiting. */
export function runScript(script: string, args: string[], timeoutMs = 120_000): { code: number | null; stdout: string; stderr: string } {
  const res = spawnSync(process.execPath, ["--import", "tsx", script, ...args], { cwd: root, encoding: "utf8", timeout: timeoutMs });
  return { code: res.status, stdout: res.stdout, stderr: res.stderr };
}

/**
 * A temporary folder for a test file's input files: made and filled by `fill` before the
 * file's tests, removed after them. The tests read its `.path`.
 */
export function inputFolder(prefix: string, fill: (dir: string) => void): { path: string } {
  const folder = { path: "" };
  beforeAll(() => {
    folder.path = mkdtempSync(path.join(tmpdir(), prefix));
    fill(folder.path);
  });
  afterAll(() => {
    if (folder.path) rmSync(folder.path, { recursive: true, force: true });
  });
  return folder;
}
