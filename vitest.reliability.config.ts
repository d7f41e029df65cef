import { defineConfig } from "vitest/config";
import { resolve, server } from "./vitest.config.js";

// The reliability suite (tests/reliability): real processes — `next start` of the
// production build, the worker, the emotion server, sqld — so one file at a time on a
// 2-core machine, and generous timeouts (these are not timing assertions: a step that
// hangs fails instead of blocking CI). Run through scripts/reliability.ts, which builds first.
export default defineConfig({
  resolve,
  test: {
    include: ["tests/reliability/**/*.test.ts"],
    environment: "node",
    testTimeout: 600_000,
    hookTimeout: 300_000,
    pool: "forks",
    fileParallelism: false,
    server,
  },
});
