import { defineConfig } from "vitest/config";
import path from "node:path";

// The reliability suite (tests/reliability): real processes — `next start` of the
// production build, the worker, the emotion server, sqld — so one file at a time on a
// 2-core machine, and generous timeouts (these are not timing assertions: a step that
// hangs fails instead of blocking CI). Run through scripts/reliability.ts, which builds first.
export default defineConfig({
  resolve: {
    alias: [
      { find: "@", replacement: import.meta.dirname },
      { find: "server-only", replacement: path.resolve(import.meta.dirname, "tests/support/server-only-stub.ts") },
    ],
  },
  test: {
    include: ["tests/reliability/**/*.test.ts"],
    environment: "node",
    testTimeout: 600_000,
    hookTimeout: 300_000,
    pool: "forks",
    fileParallelism: false,
    server: { deps: { inline: ["next-auth", "@auth/core"] } },
  },
});
